// The cpu target's MLIR pass pipeline from dlc to the LLVM dialect.
#include "codegen/cpu/CpuPipeline.h"

#include "passes/Passes.h"
#include "abi/NativeAbi.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace dlc::cpu {

ArrayRef<StringRef> entryFunctions() {
  static const StringRef names[] = {"train_step", "eval_step", "predict"};
  return names;
}

namespace {
/// Erases the functions no entry needs (the imported @forward), so the
/// lowering and LLVM spend no time on them.
struct KeepEntryFunctions
    : PassWrapper<KeepEntryFunctions, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(KeepEntryFunctions)
  StringRef getArgument() const final { return "dlc-cpu-keep-entries"; }
  void runOnOperation() override {
    for (auto func : llvm::make_early_inc_range(getOperation().getOps<func::FuncOp>()))
      if (!llvm::is_contained(entryFunctions(), func.getSymName()))
        func.erase();
  }
};

/// memref.copy → linalg.copy, so copies become (vectorised, parallel) loops
/// like everything else instead of calls of MLIR's runner library
/// (`memrefCopy`), which a bundle's library does not link.
struct CopiesToLinalg : PassWrapper<CopiesToLinalg, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CopiesToLinalg)
  StringRef getArgument() const final { return "dlc-cpu-copies-to-linalg"; }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<linalg::LinalgDialect>();
  }
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp op : copies) {
      rewriter.setInsertionPoint(op);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, op.getSource(), op.getTarget());
    }
  }
};

struct MarkCInterface : PassWrapper<MarkCInterface, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(MarkCInterface)
  StringRef getArgument() const final { return "dlc-cpu-mark-c-interface"; }
  void runOnOperation() override { markEntriesForCInterface(getOperation()); }
};
} // namespace

void registerLoweringInterfaces(MLIRContext &context) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  context.appendDialectRegistry(registry);
}

void markEntriesForCInterface(ModuleOp module) {
  for (StringRef name : entryFunctions())
    if (auto func = module.lookupSymbol<func::FuncOp>(name)) {
      func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                    UnitAttr::get(module.getContext()));
      // The dlc.* argument roles served the manifest; LLVM has no use for them.
      func.setAllArgAttrs(ArrayRef<DictionaryAttr>{});
      func.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
    }
}

void addLinalgPasses(OpPassManager &pm) {
  pm.addPass(std::make_unique<KeepEntryFunctions>());
  ConvertDlcToLinalgOptions lowering;
  // The global the runtime sets to the run's seed before every call.
  lowering.seedSymbol = abi::kRunSeedSymbol;
  pm.addPass(createConvertDlcToLinalg(lowering));
  pm.addNestedPass<func::FuncOp>(createDlcLinalgLoopOrder());
  pm.addNestedPass<func::FuncOp>(createDlcLinalgTileRows());
  pm.addNestedPass<func::FuncOp>(createDlcLinalgFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void addLLVMDialectPasses(OpPassManager &pm, bool parallel) {
  bufferization::OneShotBufferizationOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // The recurrent loops carry (h, c) through scf.for: each step yields
  // fresh buffers.
  bufferize.allowReturnAllocsFromLoops = true;
  bufferize.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsOpts outParams;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  // Before any conversion to LLVM (convert-openmp-to-llvm converts
  // functions too).
  pm.addPass(std::make_unique<MarkCInterface>());
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  pm.addNestedPass<func::FuncOp>(std::make_unique<CopiesToLinalg>());
  pm.addPass(createForallToParallelLoopPass());
  if (parallel) {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addNestedPass<func::FuncOp>(createDlcOuterParallelLoops());
    pm.addPass(createConvertSCFToOpenMPPass());
  } else {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addPass(createCanonicalizerPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

} // namespace dlc::cpu
