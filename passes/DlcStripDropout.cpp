// dlc-strip-dropout: dropout is the identity at inference, so inference functions drop it.
#include "passes/Passes.h"
#include "passes/TrainingFunctions.h"

#include "ir/DlcOps.h"

namespace dlc {
#define GEN_PASS_DEF_DLCSTRIPDROPOUT
#include "passes/Passes.h.inc"
} // namespace dlc

namespace {
struct StripDropout : dlc::impl::DlcStripDropoutBase<StripDropout> {
  void runOnOperation() override {
    dlc::stripDropout(getOperation());
  }
};
} // namespace
