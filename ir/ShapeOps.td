//===- ShapeOps.td - reshaping, merging and lookup ops -----*- tablegen -*-===//

#ifndef DLC_IR_SHAPEOPS_TD
#define DLC_IR_SHAPEOPS_TD

include "ir/DlcBase.td"

def Dlc_FlattenOp : Dlc_Op<"flatten", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "collapse every axis but the batch axis";
  let description = [{
    Keras `Flatten`: `[N, d1, ..., dk]` becomes `[N, d1 * ... * dk]` in
    row-major (channels-last) order.

    ```mlir
    %y = dlc.flatten %x : tensor<128x12x12x64xf32> -> tensor<128x9216xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Dlc_ReshapeOp : Dlc_Op<"reshape", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "reinterpret a tensor with a new shape of the same size";
  let description = [{
    Row-major reshape to `shape`, the full result shape with the batch axis
    included; every size is positive. The element counts must agree. Keras `Reshape(target_shape)` becomes a
    `dlc.reshape` whose shape is `[batch] + target_shape`.

    ```mlir
    %y = dlc.reshape %x {shape = array<i64: 32, 28, 28, 1>}
        : tensor<32x784xf32> -> tensor<32x28x28x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Dlc_TransposeOp : Dlc_Op<"transpose", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "permute the axes of a tensor";
  let description = [{
    Axis `k` of the result is axis `permutation[k]` of the input. The frontend uses it to bring
    `channels_first` inputs to NHWC (`permutation = [0, 2, 3, 1]`).

    ```mlir
    %y = dlc.transpose %x {permutation = array<i64: 0, 2, 3, 1>}
        : tensor<8x1x28x28xf32> -> tensor<8x28x28x1xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Dlc_AddOp : Dlc_Op<"add", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "element-wise sum of two or more tensors of one type";
  let description = [{
    Keras `Add` (and Keras 1 `Merge(mode='sum')`). No broadcasting: every
    operand has the result's type.

    ```mlir
    %s = dlc.add %a, %b
        : (tensor<32x552x50xf32>, tensor<32x552x50xf32>) -> tensor<32x552x50xf32>
    ```
  }];
  let arguments = (ins Variadic<Dlc_FloatTensor>:$inputs);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, results)";
}

def Dlc_ConcatenateOp : Dlc_Op<"concatenate", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "join tensors along one axis";
  let description = [{
    Keras `Concatenate(axis)` (and `Merge(mode='concat')`). Every operand has
    the same rank and element type, and the same sizes on every axis but
    `axis` (negative values count from the end).

    ```mlir
    %c = dlc.concatenate %a, %b {axis = -1 : i64}
        : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<8x10xf32>
    ```
  }];
  let arguments = (ins Variadic<Dlc_FloatTensor>:$inputs,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, results)";
}

def Dlc_RepeatVectorOp : Dlc_Op<"repeat_vector", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "repeat a [N, D] tensor n times along a new time axis";
  let description = [{
    Keras `RepeatVector(n)`: `[N, D]` becomes `[N, n, D]`.

    ```mlir
    %r = dlc.repeat_vector %q {n = 552 : i64}
        : tensor<32x50xf32> -> tensor<32x552x50xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, I64Attr:$n);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Dlc_EmbeddingOp : Dlc_Op<"embedding", [DeclareOpInterfaceMethods<Dlc_GradientOpInterface>]> {
  let summary = "look up rows of a table by integer index";
  let description = [{
    Keras `Embedding`: `result[n, l, :] = table[ids[n, l], :]` for integer
    `ids` of any rank and a `[vocabulary, dim]` table; the result appends
    `dim` to the shape of `ids`. An index outside `[0, vocabulary)` is a
    run-time error in every target.

    ```mlir
    %e = dlc.embedding %ids, %table
        : (tensor<32x552xi32>, tensor<36x50xf32>) -> tensor<32x552x50xf32>
    ```
  }];
  let arguments = (ins Dlc_IndexTensor:$ids, Dlc_FloatTensor:$table);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$ids `,` $table attr-dict `:` functional-type(operands, results)";
}

def Dlc_ReduceSumOp : Dlc_Op<"reduce_sum"> {
  let summary = "sum over some axes, dropping them";
  let description = [{
    Sums `input` over `axes` (distinct, in range, any order) and removes
    them from the shape. The gradient of a bias is the `reduce_sum` of the
    output gradient over every axis but the last; `repeat_vector`'s gradient
    is the sum over its new axis.

    ```mlir
    %db = dlc.reduce_sum %dy {axes = array<i64: 0, 1, 2>}
        : tensor<8x26x26x32xf32> -> tensor<32xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Dlc_SliceOp : Dlc_Op<"slice"> {
  let summary = "a contiguous range along one axis";
  let description = [{
    `result = input[..., start : start + size, ...]` along `axis`; the
    gradient of `dlc.concatenate` slices the output gradient back apart.

    ```mlir
    %a = dlc.slice %c {axis = 1 : i64, start = 4 : i64, size = 6 : i64}
        : tensor<8x10xf32> -> tensor<8x6xf32>
    ```
  }];
  let arguments = (ins Dlc_FloatTensor:$input, I64Attr:$axis, I64Attr:$start,
                       I64Attr:$size);
  let results = (outs Dlc_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

#endif // DLC_IR_SHAPEOPS_TD
