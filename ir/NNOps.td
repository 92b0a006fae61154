//===- NNOps.td - dense, convolution, pooling, activation ops -*- tablegen -*-===//

#ifndef DLC_IR_NNOPS_TD
#define DLC_IR_NNOPS_TD

include "ir/DlcBase.td"

def Dlc_DenseOp : Dlc_Op<"dense", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "matrix product over the last axis plus optional bias";
  let description = [{
    Keras `Dense` without its activation: `result = input · kernel + bias`
    over the last axis of `input` (rank ≥ 2; leading axes are batch axes).
    The kernel is `[in, out]` as in Keras; the bias, when present, is `[out]`.

    ```mlir
    %y = dlc.dense %x, %w, %b
        : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>)
        -> tensor<128x512xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$kernel,
                       Optional<Dlc_FloatVector>:$bias);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $kernel (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Dlc_Conv2DOp : Dlc_Op<"conv2d", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "2-D convolution (NHWC input, HWIO filter) plus optional bias";
  let description = [{
    Keras `Conv2D` without its activation. `input` is `[N, H, W, C]`,
    `filter` is `[KH, KW, C, F]`, `bias` is `[F]`. With `valid` padding the
    output height is `floor((H - ((KH - 1) * dilation + 1)) / stride) + 1`;
    with `same` it is `ceil(H / stride)` and the padding is split as
    TensorFlow does (the extra row or column goes at the end). Likewise for
    the width.

    ```mlir
    %y = dlc.conv2d %x, %w, %b padding(same) {strides = array<i64: 2, 2>}
        : (tensor<32x32x32x3xf32>, tensor<3x3x3x32xf32>, tensor<32xf32>)
        -> tensor<32x16x16x32xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$filter,
                       Optional<Dlc_FloatVector>:$bias,
                       Dlc_PaddingAttr:$padding,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$strides,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{1, 1}">:$dilations);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $filter (`,` $bias^)? `padding` `(` $padding `)` attr-dict `:`
    functional-type(operands, results)
  }];
}

class Dlc_Pool2DOp<string mnemonic, string what> : Dlc_Op<mnemonic, [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "2-D " # what # " pooling over an NHWC tensor";
  let arguments = (ins Dlc_FloatTensor:$input,
                       DenseI64ArrayAttr:$pool_size,
                       DenseI64ArrayAttr:$strides,
                       Dlc_PaddingAttr:$padding);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = [{
    $input `padding` `(` $padding `)` attr-dict `:` type($input) `->` type($result)
  }];
}

def Dlc_MaxPool2DOp : Dlc_Pool2DOp<"max_pool2d", "maximum"> {
  let description = [{
    Keras `MaxPooling2D`: the maximum over each `pool_size` window, moved by
    `strides`. Output sizes follow the conv2d rule with dilation 1; `same`
    padding never selects a padded position.

    ```mlir
    %y = dlc.max_pool2d %x padding(valid)
        {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<128x24x24x64xf32> -> tensor<128x12x12x64xf32>
    ```
  }];
}

def Dlc_AvgPool2DOp : Dlc_Pool2DOp<"avg_pool2d", "average"> {
  let description = [{
    Keras `AveragePooling2D`: the mean over each window. With `same` padding
    the mean is over the positions inside the input only, as TensorFlow does.

    ```mlir
    %y = dlc.avg_pool2d %x padding(same)
        {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>}
        : tensor<8x7x7x16xf32> -> tensor<8x4x4x16xf32>
    ```
  }];
}

def Dlc_ActivationOp : Dlc_SameTypeOp<"activation", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "element-wise activation function";
  let description = [{
    Applies `kind` element-wise (see the `Activation` enum). `alpha` is the
    negative-side scale of `elu` (Keras default 1.0). Softmax is not
    element-wise and is `dlc.softmax`.

    `relu` takes Keras' `ReLU` options, each optional: `alpha` (the
    negative slope, default 0), `max_value` (a cap, at least 0) and
    `threshold` (default 0), exactly as Keras' `relu(x, alpha, max_value,
    threshold)` computes them:

        a = x > threshold ? x : 0,   clipped to [0, max_value] when it is given
        y = a - alpha * max(threshold - x, 0)

    so `LeakyReLU(alpha)` is `relu {alpha}`, `ThresholdedReLU(theta)` is
    `relu {threshold = theta}` and `ReLU(max_value = 6)` is relu6.

    ```mlir
    %y = dlc.activation relu(%x) : tensor<128x512xf32>
    %z = dlc.activation elu(%x) {alpha = 0.5 : f64} : tensor<128x512xf32>
    %l = dlc.activation relu(%x) {alpha = 0.3 : f64} : tensor<128x512xf32>
    %c = dlc.activation relu(%x) {max_value = 6.0 : f64, threshold = 0.5 : f64} : tensor<128x512xf32>
    ```
  }];
  let arguments = (ins Dlc_ActivationAttr:$kind, Dlc_FloatTensor:$input,
                       OptionalAttr<F64Attr>:$alpha, OptionalAttr<F64Attr>:$max_value,
                       OptionalAttr<F64Attr>:$threshold);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$kind `(` $input `)` attr-dict `:` type($input)";
  let hasFolder = 1;
}

def Dlc_PReLUOp : Dlc_Op<"prelu", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "parametric ReLU: x where positive, a learned alpha times x elsewhere";
  let description = [{
    Keras `PReLU`: `result = relu(input) - alpha * relu(-input)`, i.e.
    `input` where it is positive and `alpha * input` elsewhere, with `alpha`
    a parameter. `alpha` has the input's shape without the batch axis;
    each of its sizes is the input's or 1 (Keras' `shared_axes`: one alpha
    shared along that axis).

    ```mlir
    %y = dlc.prelu %x, %alpha : (tensor<32x28x28x16xf32>, tensor<1x1x16xf32>) -> tensor<32x28x28x16xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Dlc_FloatTensor:$alpha);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input `,` $alpha attr-dict `:` functional-type(operands, results)";
}

def Dlc_SoftmaxOp : Dlc_SameTypeOp<"softmax", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "softmax along one axis";
  let description = [{
    `exp(x - max(x)) / sum(exp(x - max(x)))` along `axis` (negative values
    count from the end; Keras' default is the last axis).

    ```mlir
    %p = dlc.softmax %logits {axis = -1 : i64} : tensor<128x10xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Dlc_DropoutOp : Dlc_SameTypeOp<"dropout", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "inverted dropout in training; the identity at inference";
  let description = [{
    With a `step` operand (a training step), each element is kept with
    probability `1 - rate` and scaled by `1 / (1 - rate)`, as Keras does.
    Element `i` is kept iff `uniform01(philox(seed = run seed, tensor =
    Dropout | seed, step, index = i)) >= rate` (see abi/Philox.h), so
    every target drops the same units, and the op is linear in `input`: its
    gradient is the same op applied to the output gradient. Without `step`
    (a forward or inference graph) the op is the identity; it folds away
    when `rate` is 0.

    ```mlir
    %y = dlc.dropout %x {rate = 2.0e-01 : f64, seed = 3 : i64} : tensor<128x512xf32>
    %t = dlc.dropout %x step %step {rate = 2.0e-01 : f64, seed = 3 : i64} : tensor<128x512xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, Optional<Dlc_Counter>:$step,
                       F64Attr:$rate, DefaultValuedAttr<I64Attr, "0">:$seed);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input (`step` $step^)? attr-dict `:` type($input)";
  let hasFolder = 1;
}

#endif // DLC_IR_NNOPS_TD
