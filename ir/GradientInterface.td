//===- GradientInterface.td - per-op gradient (VJP) rules --*- tablegen -*-===//

#ifndef DLC_IR_GRADIENTINTERFACE_TD
#define DLC_IR_GRADIENTINTERFACE_TD

include "mlir/IR/OpBase.td"

def Dlc_GradientOpInterface : OpInterface<"GradientOpInterface"> {
  let cppNamespace = "::dlc";
  let description = [{
    The op's vector-Jacobian product: given the gradients of its results,
    build (at the builder's insertion point) the gradients of its operands
    from dlc ops. The autodiff pass (dlc-build-train-step) calls it on every
    op of the forward function in reverse order; the rules live in
    `ir/gradients/`, one file per op kind.
  }];
  let methods = [
    InterfaceMethod<[{
        Appends one value per operand to `operandGrads`: its gradient, or a
        null value where the operand has none (integer ids, a step counter).
        `resultGrads` has one entry per result, never null (the pass passes
        only ops whose results receive a gradient, with zeros elsewhere).
      }],
      "::mlir::LogicalResult", "buildGradients",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ArrayRef<::mlir::Value>":$resultGrads,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads)>
  ];
}

#endif // DLC_IR_GRADIENTINTERFACE_TD
