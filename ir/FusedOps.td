//===- FusedOps.td - ops formed by the dlc-level fusion passes -*- tablegen -*-===//
//
// These ops are never imported: the fusion passes (passes/DlcFuse*.cpp) form
// them from the training and inference functions, after autodiff. They have
// no gradient rule, and targets without a lowering for them (cpu-ref, the
// oracle, runs the unfused graph) refuse them by name.

#ifndef DLC_IR_FUSEDOPS_TD
#define DLC_IR_FUSEDOPS_TD

include "ir/DlcBase.td"

def Dlc_FusedDenseOp : Dlc_Op<"fused_dense"> {
  let summary = "dense, bias and activation in one op";
  let description = [{
    `activation(input · kernel + bias)`: a `dlc.dense` followed by a
    `dlc.activation` of kind `activation` (with `alpha` for `elu`), formed by
    `dlc-fuse-dense-bias-act`. Targets compute the activation on each block
    of the product while it is in cache, and in place.

    ```mlir
    %a = dlc.fused_dense %x, %w, %b activation(relu)
        : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>)
        -> tensor<128x512xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Optional<Dlc_FloatVector>:$bias,
                       Dlc_ActivationAttr:$activation,
                       OptionalAttr<F64Attr>:$alpha);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $kernel (`,` $bias^)? `activation` `(` $activation `)` attr-dict
    `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dlc_FusedConv2DOp : Dlc_Op<"fused_conv2d"> {
  let summary = "2-D convolution, bias and activation in one op";
  let description = [{
    `activation(conv2d(input, filter) + bias)`: a `dlc.conv2d` followed by a
    `dlc.activation` of kind `activation` (with `alpha` for `elu`), formed by
    `dlc-fuse-conv-bias-act`. Operands and attributes are `dlc.conv2d`'s.
    Targets compute the activation on each image's output while it is in
    cache, and in place.

    ```mlir
    %a = dlc.fused_conv2d %x, %w, %b padding(valid) activation(relu)
        : (tensor<128x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<32xf32>)
        -> tensor<128x26x26x32xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$filter,
                       Optional<Dlc_FloatVector>:$bias,
                       Dlc_PaddingAttr:$padding,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations,
                       Dlc_ActivationAttr:$activation,
                       OptionalAttr<F64Attr>:$alpha);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `padding` `(` $padding `)`
    `activation` `(` $activation `)` attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Dlc_FusedOptimizerUpdateOp : Op<Dlc_Dialect, "fused_optimizer_update",
    [SingleBlock, RecursiveMemoryEffects]> {
  let summary = "every parameter's optimizer update as one computation";
  let description = [{
    The body holds optimizer ops (`dlc.sgd_update`, `dlc.rmsprop_update`,
    `dlc.adadelta_update`, `dlc.adam_update`) and yields all their results in
    op order; the op's results are those, in the same order. Formed by
    `dlc-fuse-optimizer-update` from the updates of a training step, so a
    target updates every parameter in one pass: the cpu target runs one
    parallel loop whose every iteration updates one slice of each parameter
    (one fork of the threads instead of one per parameter; a GPU target: one
    kernel instead of one per parameter).

    ```mlir
    %p1, %a1, %p2, %a2 = dlc.fused_optimizer_update : tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32> {
      %0, %1 = dlc.rmsprop_update %w, %gw, %aw, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64}
          : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>)
      %2, %3 = dlc.rmsprop_update %b, %gb, %ab, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64}
          : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<i64>) -> (tensor<2xf32>, tensor<2xf32>)
      dlc.yield %0, %1, %2, %3 : tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>
    }
    ```
  }];
  let results = (outs Variadic<Dlc_FloatTensor>:$updated);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "attr-dict `:` type($updated) $body";
  let hasRegionVerifier = 1;
}

// The operands and attributes of dlc.lstm, shared by the recording pair.
defvar Dlc_LSTMAttrs = (ins
    DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
    DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::sigmoid">:$recurrent_activation,
    DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
    DefaultValuedAttr<BoolAttr, "false">:$go_backwards);

def Dlc_LSTMRecordOp : Dlc_Op<"lstm_record"> {
  let summary = "dlc.lstm that also records the tape its gradient reads";
  let description = [{
    `result` is exactly `dlc.lstm`'s (same operands and attributes). The op
    also returns, per input position `p` (the step that reads `input[:, p]`;
    with `go_backwards` step `t` reads `p = T - 1 - t`), what
    backpropagation through time needs:

    - `gates` `[N, T, 4U]`: the gate pre-activations
      `x_p · kernel + bias + h_prev · recurrent_kernel` (columns i, f, c, o);
    - `h_prev` `[N, T, U]`: the hidden state that step read;
    - `c_prev` `[N, T, U]`: the cell state that step read.

    Formed by `dlc-fuse-lstm-step` from a `dlc.lstm` whose gradient
    (`dlc.lstm_grad`) is in the same function; `dlc.lstm_grad_recorded`
    reads the tape instead of recomputing the forward pass.

    ```mlir
    %h, %gates, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b
        : (tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>,
           tensor<512xf32>)
        -> (tensor<32x128xf32>, tensor<32x28x512xf32>, tensor<32x28x128xf32>,
            tensor<32x28x128xf32>)
    ```
  }];
  let arguments = !con((ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                            Dlc_FloatTensor:$recurrent_kernel,
                            Optional<Dlc_FloatVector>:$bias),
                       Dlc_LSTMAttrs);
  let results = (outs Dlc_FloatTensor:$result, Dlc_FloatTensor:$gates,
                      Dlc_FloatTensor:$h_prev, Dlc_FloatTensor:$c_prev);
  let assemblyFormat = [{
    $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    (`activation` `(` $activation^ `)`)?
    (`recurrent_activation` `(` $recurrent_activation^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Dlc_LSTMGradRecordedOp : Dlc_Op<"lstm_grad_recorded"> {
  let summary = "gradient of dlc.lstm from the tape of dlc.lstm_record";
  let description = [{
    The results of `dlc.lstm_grad` (the gradients of `input`, `kernel`,
    `recurrent_kernel` and, when present, `bias`) for the same operands and
    attributes, computed from the tape (`gates`, `h_prev`, `c_prev`) of the
    `dlc.lstm_record` with those operands and attributes: only the reverse
    loop and the weight products run, the forward pass is not recomputed.
    Formed by `dlc-fuse-lstm-step`; the tape's shapes are checked against
    the operands, its values are trusted.

    ```mlir
    %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b
        tape(%gates, %hp, %cp)
        : (tensor<32x128xf32>, tensor<32x28x28xf32>, tensor<28x512xf32>,
           tensor<128x512xf32>, tensor<512xf32>)
          tape(tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
        -> tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>,
           tensor<512xf32>
    ```
  }];
  let arguments = !con((ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                            Dlc_FloatTensor:$recurrent_kernel,
                            Optional<Dlc_FloatVector>:$bias,
                            Dlc_FloatTensor:$result_grad,
                            Dlc_FloatTensor:$gates, Dlc_FloatTensor:$h_prev,
                            Dlc_FloatTensor:$c_prev),
                       Dlc_LSTMAttrs);
  let results = (outs Variadic<Dlc_FloatTensor>:$grads);
  let assemblyFormat = [{
    $result_grad `,` $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    `tape` `(` $gates `,` $h_prev `,` $c_prev `)`
    (`activation` `(` $activation^ `)`)?
    (`recurrent_activation` `(` $recurrent_activation^ `)`)?
    attr-dict `:` `(` type($result_grad) `,` type($input) `,` type($kernel) `,`
    type($recurrent_kernel) (`,` type($bias)^)? `)`
    `tape` `(` type($gates) `,` type($h_prev) `,` type($c_prev) `)`
    `->` type(results)
  }];
  let hasVerifier = 1;
}

#endif // DLC_IR_FUSEDOPS_TD
