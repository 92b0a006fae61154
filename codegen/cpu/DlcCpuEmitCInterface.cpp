// dlc-cpu-emit-c-interface: the entry functions get C interfaces (the native ABI's
// calling convention) and lose their dlc.* argument attributes.
#include "codegen/cpu/Passes.h"

#include "passes/TrainingPipeline.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPUEMITCINTERFACE
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {
struct EmitCInterface : dlc::cpu::impl::DlcCpuEmitCInterfaceBase<EmitCInterface> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (StringRef name : dlc::trainingEntryFunctions())
      if (auto func = module.lookupSymbol<func::FuncOp>(name)) {
        func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                      UnitAttr::get(module.getContext()));
        func.setAllArgAttrs(ArrayRef<DictionaryAttr>{});
        func.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
      }
  }
};
} // namespace
