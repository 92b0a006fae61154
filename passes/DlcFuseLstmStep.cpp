// dlc-fuse-lstm-step: a dlc.lstm and its dlc.lstm_grad -> dlc.lstm_record and
// dlc.lstm_grad_recorded, so the gradient reads the forward's tape instead of
// recomputing the forward pass.
#include "passes/Passes.h"

#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Dominance.h"

#include "llvm/ADT/MapVector.h"

namespace dlc {
#define GEN_PASS_DEF_DLCFUSELSTMSTEP
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
/// Whether `grad` is the gradient of `lstm`: the same operands and attributes.
bool isGradientOf(dlc::LSTMGradOp grad, dlc::LSTMOp lstm) {
  return grad.getInput() == lstm.getInput() && grad.getKernel() == lstm.getKernel() &&
         grad.getRecurrentKernel() == lstm.getRecurrentKernel() &&
         grad.getBias() == lstm.getBias() &&
         grad.getActivation() == lstm.getActivation() &&
         grad.getRecurrentActivation() == lstm.getRecurrentActivation() &&
         grad.getReturnSequences() == lstm.getReturnSequences() &&
         grad.getGoBackwards() == lstm.getGoBackwards();
}

struct FuseLstmStep : dlc::impl::DlcFuseLstmStepBase<FuseLstmStep> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    DominanceInfo dominance(func);
    // Each gradient with the forward op whose tape it will read; one forward
    // may serve several gradients.
    llvm::MapVector<Operation *, SmallVector<dlc::LSTMGradOp>> pairs;
    func.walk([&](dlc::LSTMGradOp grad) {
      for (Operation *user : grad.getInput().getUsers()) {
        auto lstm = dyn_cast<dlc::LSTMOp>(user);
        if (lstm && isGradientOf(grad, lstm) &&
            dominance.properlyDominates(lstm.getOperation(), grad.getOperation())) {
          pairs[lstm].push_back(grad);
          return;
        }
      }
    });
    for (auto &[op, grads] : pairs) {
      auto lstm = cast<dlc::LSTMOp>(op);
      OpBuilder b(lstm);
      auto record = b.create<dlc::LSTMRecordOp>(
          lstm.getLoc(), lstm.getInput(), lstm.getKernel(), lstm.getRecurrentKernel(),
          lstm.getBias(), lstm.getActivationAttr(), lstm.getRecurrentActivationAttr(),
          lstm.getReturnSequencesAttr(), lstm.getGoBackwardsAttr());
      lstm.getResult().replaceAllUsesWith(record.getResult());
      lstm.erase();
      for (dlc::LSTMGradOp grad : grads) {
        b.setInsertionPoint(grad);
        auto recorded = b.create<dlc::LSTMGradRecordedOp>(
            grad.getLoc(), grad.getResultTypes(), grad.getInput(), grad.getKernel(),
            grad.getRecurrentKernel(), grad.getBias(), grad.getResultGrad(),
            record.getGates(), record.getHPrev(), record.getCPrev(),
            grad.getActivationAttr(), grad.getRecurrentActivationAttr(),
            grad.getReturnSequencesAttr(), grad.getGoBackwardsAttr());
        grad.replaceAllUsesWith(recorded.getResults());
        grad.erase();
      }
    }
  }
};
} // namespace
