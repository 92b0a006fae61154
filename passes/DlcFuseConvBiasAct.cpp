// dlc-fuse-conv-bias-act: dlc.activation of a dlc.conv2d -> dlc.fused_conv2d.
#include "passes/BiasActFusion.h"
#include "passes/Passes.h"

namespace dlc {
#define GEN_PASS_DEF_DLCFUSECONVBIASACT
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
struct FuseConvBiasAct : dlc::impl::DlcFuseConvBiasActBase<FuseConvBiasAct> {
  void runOnOperation() override {
    dlc::fuseActivations<dlc::Conv2DOp>(
        getOperation(), [](OpBuilder &b, dlc::Conv2DOp conv, dlc::ActivationOp act) {
          return b
              .create<dlc::FusedConv2DOp>(
                  conv.getLoc(), conv.getInput(), conv.getFilter(), conv.getBias(),
                  conv.getPadding(), conv.getStridesAttr(), conv.getDilationsAttr(),
                  act.getKind(), act.getAlphaAttr())
              .getResult();
        });
  }
};
} // namespace
