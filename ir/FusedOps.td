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

#endif // DLC_IR_FUSEDOPS_TD
