//===- GradOps.td - backward (vector-Jacobian product) ops -*- tablegen -*-===//
//
// Each backward op takes the forward op's operands plus the gradient of its
// result and returns the gradient of one or more operands; its result types
// are those operands' types. The autodiff pass (dlc-build-train-step) emits
// them from the per-op gradient rules in ir/gradients/.
//
//===----------------------------------------------------------------------===//

#ifndef DLC_IR_GRADOPS_TD
#define DLC_IR_GRADOPS_TD

include "ir/DlcBase.td"

def Dlc_DenseGradInputOp : Dlc_Op<"dense_grad_input"> {
  let summary = "gradient of dlc.dense with respect to its input";
  let description = [{
    `d_input = d_result · kernelᵀ` for `dlc.dense %input, %kernel`;
    `result_grad` has the dense op's result type.

    ```mlir
    %dx = dlc.dense_grad_input %x, %w, %dy
        : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<128x512xf32>) -> tensor<128x784xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$result_grad);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_DenseGradKernelOp : Dlc_Op<"dense_grad_kernel"> {
  let summary = "gradient of dlc.dense with respect to its kernel";
  let description = [{
    `d_kernel = inputᵀ · d_result`, summed over every leading (batch) axis.
    The bias gradient is `dlc.reduce_sum` of `d_result` over those axes.

    ```mlir
    %dw = dlc.dense_grad_kernel %x, %w, %dy
        : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<128x512xf32>) -> tensor<784x512xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$result_grad);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

class Dlc_Conv2DGradOp<string mnemonic, string wrt, string resultType>
    : Dlc_Op<mnemonic> {
  let summary = "gradient of dlc.conv2d with respect to its " # wrt;
  let description = [{
    The `}] # wrt # [{` gradient of `dlc.conv2d %input, %filter` with the
    same `padding`, `strides` and `dilations`; `result_grad` has the conv's
    result type and the result has the `}] # resultType # [{`'s type. The
    bias gradient is `dlc.reduce_sum` of `result_grad` over N, H and W.

    ```mlir
    %d = dlc.}] # mnemonic # [{ %x, %w, %dy padding(valid)
        : (tensor<8x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<8x26x26x32xf32>)
        -> tensor<}] # !if(!eq(wrt, "input"), "8x28x28x1", "3x3x1x32") # [{xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$filter,
                       Dlc_FloatTensor:$result_grad,
                       Dlc_PaddingAttr:$padding,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter `,` $result_grad `padding` `(` $padding `)` attr-dict `:`
    functional-type(operands, results)
  }];
}
def Dlc_Conv2DGradInputOp : Dlc_Conv2DGradOp<"conv2d_grad_input", "input", "input">;
def Dlc_Conv2DGradFilterOp : Dlc_Conv2DGradOp<"conv2d_grad_filter", "filter", "filter">;

class Dlc_Pool2DGradOp<string mnemonic, string rule> : Dlc_Op<mnemonic> {
  let summary = "gradient of dlc." # !subst("_grad", "", mnemonic) # " with respect to its input";
  let description = [{
    Routes each window's output gradient back to its input: }] # rule # [{
    Same attributes as the forward op; `result_grad` has its result type.

    ```mlir
    %dx = dlc.}] # mnemonic # [{ %x, %dy padding(valid)
        {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : (tensor<8x24x24x64xf32>, tensor<8x12x12x64xf32>) -> tensor<8x24x24x64xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$result_grad,
                       DenseI64ArrayAttr:$pool_size,
                       DenseI64ArrayAttr:$strides,
                       Dlc_PaddingAttr:$padding);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $result_grad `padding` `(` $padding `)` attr-dict `:`
    functional-type(operands, results)
  }];
}
def Dlc_MaxPool2DGradOp : Dlc_Pool2DGradOp<"max_pool2d_grad",
    "all of it to the window's first maximum in row-major order (TensorFlow's rule).">;
def Dlc_AvgPool2DGradOp : Dlc_Pool2DGradOp<"avg_pool2d_grad",
    "evenly over the window's in-bounds positions.">;

def Dlc_ActivationGradOp : Dlc_Op<"activation_grad"> {
  let summary = "gradient of dlc.activation";
  let description = [{
    `d_input = result_grad * kind'(input)` with the forward op's `kind`,
    `alpha`, `max_value` and `threshold`. `hard_sigmoid`'s derivative is 0.2
    inside (-2.5, 2.5) and 0 outside; `relu`'s is 0 at 0. With relu's
    options it is `(x > threshold and (no max_value, or 0 <= x < max_value)
    ? 1 : 0) + (x < threshold ? alpha : 0)`: 0 at the kinks, as
    TensorFlow's relu and relu6 gradients are.

    ```mlir
    %dx = dlc.activation_grad relu(%x, %dy) : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
    ```
  }];
  let arguments = (ins Dlc_ActivationAttr:$kind, Dlc_FloatTensor:$input,
                       Dlc_FloatTensor:$result_grad, OptionalAttr<F64Attr>:$alpha,
                       OptionalAttr<F64Attr>:$max_value, OptionalAttr<F64Attr>:$threshold);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $kind `(` $input `,` $result_grad `)` attr-dict `:` functional-type(operands, results)
  }];
}

def Dlc_PReLUGradOp : Dlc_Op<"prelu_grad"> {
  let summary = "gradient of dlc.prelu: of its input and of alpha";
  let description = [{
    `input_grad = result_grad * (input > 0 ? 1 : (input < 0 ? alpha : 0))`
    and `alpha_grad = sum of result_grad * min(input, 0)` over the batch
    axis and every axis alpha shares (size 1). At 0 both are 0, as
    TensorFlow's relu gradient is.

    ```mlir
    %dx, %dalpha = dlc.prelu_grad %x, %alpha, %dy
        : (tensor<32x16xf32>, tensor<16xf32>, tensor<32x16xf32>) -> (tensor<32x16xf32>, tensor<16xf32>)
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$alpha,
                       Dlc_FloatTensor:$result_grad);
  let results = (outs Dlc_FloatTensor:$input_grad, Dlc_FloatTensor:$alpha_grad);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_SoftmaxGradOp : Dlc_Op<"softmax_grad"> {
  let summary = "gradient of dlc.softmax, from its result";
  let description = [{
    `d_input = result * (result_grad - sum(result_grad * result))` along
    `axis`, where `result` is the softmax's output.

    ```mlir
    %dx = dlc.softmax_grad %y, %dy : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$result, Dlc_FloatTensor:$result_grad,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Dlc_FloatTensor:$input_grad);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

def Dlc_EmbeddingGradOp : Dlc_Op<"embedding_grad"> {
  let summary = "gradient of dlc.embedding with respect to its table";
  let description = [{
    Scatter-add: `d_table[ids[...], :] += result_grad[..., :]`, zero for rows
    no id selects.

    ```mlir
    %dt = dlc.embedding_grad %ids, %table, %dy
        : (tensor<32x552xi32>, tensor<36x50xf32>, tensor<32x552x50xf32>) -> tensor<36x50xf32>
    ```
  }];
  let arguments = (ins Dlc_IndexTensor:$ids, Dlc_FloatTensor:$table,
                       Dlc_FloatTensor:$result_grad);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "operands attr-dict `:` functional-type(operands, results)";
}

// Backpropagation through time. Results: the gradients of input, kernel,
// recurrent_kernel and (when present) bias, in that order. The assembly
// lists `result_grad` first, since the optional bias must come last.
class Dlc_RecurrentGradOp<string mnemonic, string forward> : Dlc_Op<mnemonic> {
  let summary = "gradient of dlc." # forward # " (backpropagation through time)";
  let description = [{
    Given the forward op's operands and attributes and `result_grad` (the
    gradient of its result: of `h_T`, or of every `h_t` with
    `return_sequences`), returns the gradients of `input`, `kernel`,
    `recurrent_kernel` and, when present, `bias`. Implementations may
    recompute the forward pass; none may read state the forward op kept.

    ```mlir
    %dx, %dk, %drk, %db = dlc.}] # mnemonic # [{ %dh, %x, %k, %rk, %b
        : (tensor<32x50xf32>, tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>,
           tensor<200xf32>)
        -> tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>
    ```
  }];
  let results = (outs Variadic<Dlc_FloatTensor>:$grads);
  let assemblyFormat = [{
    $result_grad `,` $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    (`activation` `(` $activation^ `)`)?
    (`recurrent_activation` `(` $recurrent_activation^ `)`)?
    attr-dict `:` `(` type($result_grad) `,` type($input) `,` type($kernel) `,`
    type($recurrent_kernel) (`,` type($bias)^)? `)` `->` type(results)
  }];
}

def Dlc_LSTMGradOp : Dlc_RecurrentGradOp<"lstm_grad", "lstm"> {
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatVector>:$bias,
                       Dlc_FloatTensor:$result_grad,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::sigmoid">:$recurrent_activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards);
}

def Dlc_GRUGradOp : Dlc_RecurrentGradOp<"gru_grad", "gru"> {
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatTensor>:$bias,
                       Dlc_FloatTensor:$result_grad,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::sigmoid">:$recurrent_activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards,
                       DefaultValuedAttr<BoolAttr, "false">:$reset_after);
}

def Dlc_SimpleRNNGradOp : Dlc_RecurrentGradOp<"simple_rnn_grad", "simple_rnn"> {
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Dlc_FloatTensor:$recurrent_kernel,
                       Optional<Dlc_FloatVector>:$bias,
                       Dlc_FloatTensor:$result_grad,
                       DefaultValuedAttr<Dlc_ActivationAttr, "::dlc::Activation::tanh">:$activation,
                       DefaultValuedAttr<BoolAttr, "false">:$return_sequences,
                       DefaultValuedAttr<BoolAttr, "false">:$go_backwards);
  let assemblyFormat = [{
    $result_grad `,` $input `,` $kernel `,` $recurrent_kernel (`,` $bias^)?
    (`activation` `(` $activation^ `)`)?
    attr-dict `:` `(` type($result_grad) `,` type($input) `,` type($kernel) `,`
    type($recurrent_kernel) (`,` type($bias)^)? `)` `->` type(results)
  }];
}

#endif // DLC_IR_GRADOPS_TD
