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

#endif // DLC_IR_FUSEDOPS_TD
