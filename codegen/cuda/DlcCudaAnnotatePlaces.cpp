// dlc-cuda-annotate-places: each entry function's arguments and results marked
// with their place in the bundle's regions (the buffer plan's), so that the
// kernel passes know which buffers share bytes.
#include "codegen/cuda/Passes.h"

#include "codegen/common/BufferPlan.h"
#include "passes/TrainingPipeline.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDAANNOTATEPLACES
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace {
struct AnnotatePlaces : dlc::cuda::impl::DlcCudaAnnotatePlacesBase<AnnotatePlaces> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    ArrayRef<StringRef> functions = dlc::trainingEntryFunctions();
    if (llvm::none_of(functions, [&](StringRef f) { return module.lookupSymbol(f); }))
      return;
    // A module the plan cannot place stays unmarked: the marks only let
    // later passes tell buffers apart.
    FailureOr<dlc::BufferPlan> plan = [&]() -> FailureOr<dlc::BufferPlan> {
      ScopedDiagnosticHandler quiet(&getContext(), [](Diagnostic &) { return success(); });
      return dlc::BufferPlan::build(module, functions);
    }();
    if (failed(plan))
      return;
    Builder b(&getContext());
    auto place = [&](Value v) {
      const dlc::PlannedTensor &t = plan->tensors()[plan->tensorOf(v)];
      return b.getDenseI64ArrayAttr(
          {int64_t(t.region), int64_t(t.offset), int64_t(t.bytes())});
    };
    for (StringRef name : functions) {
      auto func = module.lookupSymbol<func::FuncOp>(name);
      if (!func)
        continue;
      for (BlockArgument arg : func.getArguments())
        func.setArgAttr(arg.getArgNumber(), "dlc.place", place(arg));
      Operation *ret = func.getBody().front().getTerminator();
      for (auto [i, v] : llvm::enumerate(ret->getOperands()))
        func.setResultAttr(i, "dlc.place", place(v));
    }
  }
};
} // namespace
