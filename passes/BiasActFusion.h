// The rewrite dlc-fuse-dense-bias-act and dlc-fuse-conv-bias-act share:
// an activation of a linear op's result becomes one fused op.
#ifndef DLC_PASSES_BIASACTFUSION_H
#define DLC_PASSES_BIASACTFUSION_H

#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace dlc {

/// Whether `grad` (a user of the pre-activation `z` of `act`) may read
/// `act`'s result instead: the same kind and alpha, and a derivative that
/// the result determines exactly (relu: relu(z) > 0 iff z > 0).
inline bool gradientReadsResult(ActivationOp act, ActivationGradOp grad) {
  return grad.getInput() == act.getInput() && grad.getKind() == act.getKind() &&
         grad.getAlphaAttr() == act.getAlphaAttr() &&
         act.getKind() == Activation::relu;
}

/// Replaces each `dlc.activation` of a `Linear` op's result by the op
/// `build` creates (the fused op, at the activation), when every other use
/// of the linear op's result is a gradient that may read the activation's
/// result; those gradients are redirected to it. Returns how many fused.
template <typename Linear>
unsigned fuseActivations(
    mlir::func::FuncOp func,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, Linear, ActivationOp)> build) {
  llvm::SmallVector<ActivationOp> acts;
  func.walk([&](ActivationOp act) {
    // The fused ops carry a kind and elu's alpha: relu's options stay apart.
    const bool reluOptions = act.getMaxValue() || act.getThreshold() ||
                             (act.getKind() == Activation::relu && act.getAlpha());
    if (act.getKind() != Activation::linear && !reluOptions &&
        act.getInput().getDefiningOp<Linear>())
      acts.push_back(act);
  });
  unsigned fused = 0;
  for (ActivationOp act : acts) {
    auto linear = act.getInput().template getDefiningOp<Linear>();
    llvm::SmallVector<ActivationGradOp> grads;
    bool fusable = true;
    for (mlir::Operation *user : linear->getUsers()) {
      if (user == act.getOperation())
        continue;
      auto grad = llvm::dyn_cast<ActivationGradOp>(user);
      if (!grad || !gradientReadsResult(act, grad) ||
          grad.getResultGrad() == linear->getResult(0)) {
        fusable = false;
        break;
      }
      grads.push_back(grad);
    }
    if (!fusable)
      continue;
    mlir::OpBuilder b(act);
    mlir::Value result = build(b, linear, act);
    act.getResult().replaceAllUsesWith(result);
    for (ActivationGradOp grad : grads)
      grad.getInputMutable().assign(result);
    act.erase();
    linear.erase();
    ++fused;
  }
  return fused;
}

} // namespace dlc

#endif // DLC_PASSES_BIASACTFUSION_H
