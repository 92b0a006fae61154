// dlc-keep-entry-functions: erase every function a bundle does not export.
#include "passes/Passes.h"
#include "passes/TrainingPipeline.h"

namespace dlc {
#define GEN_PASS_DEF_DLCKEEPENTRYFUNCTIONS
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
struct KeepEntryFunctions : dlc::impl::DlcKeepEntryFunctionsBase<KeepEntryFunctions> {
  void runOnOperation() override {
    for (auto func : llvm::make_early_inc_range(getOperation().getOps<func::FuncOp>()))
      if (!llvm::is_contained(dlc::trainingEntryFunctions(), func.getSymName()))
        func.erase();
  }
};
} // namespace
