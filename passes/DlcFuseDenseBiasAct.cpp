// dlc-fuse-dense-bias-act: dlc.activation of a dlc.dense -> dlc.fused_dense.
#include "passes/BiasActFusion.h"
#include "passes/Passes.h"

namespace dlc {
#define GEN_PASS_DEF_DLCFUSEDENSEBIASACT
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
struct FuseDenseBiasAct : dlc::impl::DlcFuseDenseBiasActBase<FuseDenseBiasAct> {
  void runOnOperation() override {
    dlc::fuseActivations<dlc::DenseOp>(
        getOperation(), [](OpBuilder &b, dlc::DenseOp dense, dlc::ActivationOp act) {
          return b
              .create<dlc::FusedDenseOp>(dense.getLoc(), dense.getInput(),
                                         dense.getKernel(), dense.getBias(),
                                         act.getKind(), act.getAlphaAttr())
              .getResult();
        });
  }
};
} // namespace
