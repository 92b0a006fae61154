// The cpu target's lowering stages (see CpuPipeline.h).
#include "codegen/cpu/CpuPipeline.h"

#include "codegen/common/Bufferize.h"
#include "codegen/cpu/Passes.h"
#include "codegen/cpu/SharedLibraryLinker.h"
#include "passes/Passes.h"

#include "abi/NativeAbi.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassOptions.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/TargetParser/Host.h"

using namespace mlir;

namespace dlc::cpu {

void registerLoweringInterfaces(MLIRContext &context) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  context.appendDialectRegistry(registry);
}

void buildToLinalgPipeline(OpPassManager &pm) {
  pm.addPass(createDlcKeepEntryFunctions());
  ConvertDlcToLinalgOptions lowering;
  // The global the runtime sets to the run's seed before every call.
  lowering.seedSymbol = abi::kRunSeedSymbol;
  pm.addPass(createConvertDlcToLinalg(lowering));
  pm.addNestedPass<func::FuncOp>(createDlcLinalgLoopOrder());
  pm.addNestedPass<func::FuncOp>(createDlcLinalgTileRows());
  // Gathers stay loops of their own: the element-wise ops after them are
  // vectorised, gathers are not.
  DlcLinalgFuseElementwiseOptions fuse;
  fuse.gathers = false;
  pm.addNestedPass<func::FuncOp>(createDlcLinalgFuseElementwise(fuse));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

int64_t hostVectorLanes() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return features.lookup("avx512f") ? 16 : 8;
}

void buildToLLVMPipeline(OpPassManager &pm, bool parallel) {
  addModuleBufferization(pm);
  // Before any conversion to LLVM (convert-openmp-to-llvm converts
  // functions too).
  pm.addPass(createDlcCpuEmitCInterface());
  bufferization::BufferDeallocationPipelineOptions dealloc;
  bufferization::buildBufferDeallocationPipeline(pm, dealloc);
  pm.addNestedPass<func::FuncOp>(createDlcCpuMemrefCopyToLinalg());
  // Matmuls and convolutions as register-tiled vector code; the
  // accumulators' transfers read through subviews until the alias ops fold,
  // and only then can they be hoisted out of the reduction loops.
  DlcCpuTileContractionsOptions tiles;
  tiles.vectorLanes = hostVectorLanes();
  pm.addNestedPass<func::FuncOp>(createDlcCpuTileContractions(tiles));
  pm.addNestedPass<func::FuncOp>(memref::createFoldMemRefAliasOpsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addNestedPass<func::FuncOp>(createDlcCpuHoistAccumulators());
  DlcCpuVectorizeElementwiseOptions rows;
  rows.vectorLanes = hostVectorLanes();
  pm.addNestedPass<func::FuncOp>(createDlcCpuVectorizeElementwise(rows));
  pm.addPass(createForallToParallelLoopPass());
  if (parallel) {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addNestedPass<func::FuncOp>(createDlcOuterParallelLoops());
  } else {
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  // Run-time checks report through the native ABI's error word.
  DlcChecksToErrorWordOptions checks;
  checks.symbol = abi::kErrorSymbol;
  pm.addPass(createDlcChecksToErrorWord(checks));
  pm.addNestedPass<func::FuncOp>(createDlcCpuApproximateMath());
  pm.addNestedPass<func::FuncOp>(createDlcCpuLowerVectors());
  // Full unrolling: a loop over a tile's rows would keep the tile in a
  // stack buffer instead of registers.
  VectorTransferToSCFOptions unroll;
  unroll.enableFullUnroll(true);
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass(unroll));
  if (parallel)
    pm.addPass(createConvertSCFToOpenMPPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Math ops with an LLVM intrinsic (the approximations' fma) become it;
  // the others calls of libm, per element on vectors (vector.extract and
  // vector.insert, before the vector conversion).
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  // Before the memref conversion: lowering transfers of one element makes
  // memref.loads.
  pm.addPass(createConvertVectorToLLVMPass());
  // Before scf-to-cf: convert-scf-to-openmp wraps a parallel body that
  // allocates (a recurrence's batch chunk) in memref.alloca_scope, which
  // must still have one block when the memref conversion inlines it.
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

bool parallelByDefault() { return !openMPLibrary().empty(); }

namespace {
struct ToLLVMOptions : PassPipelineOptions<ToLLVMOptions> {
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("Outer parallel loops as OpenMP work-sharing loops "
                                       "(default: when this build has LLVM's OpenMP runtime)"),
                        llvm::cl::init(parallelByDefault())};
};
} // namespace

void registerCpuPasses() {
  registerDlcCpuPasses();
  PassPipelineRegistration<>(
      "dlc-cpu-to-linalg", "The cpu target's linalg stage: dlc to tiled linalg on tensors",
      buildToLinalgPipeline);
  PassPipelineRegistration<ToLLVMOptions>(
      "dlc-cpu-to-llvm",
      "The cpu target's llvm-dialect stage: linalg on tensors to the LLVM dialect",
      [](OpPassManager &pm, const ToLLVMOptions &options) {
        buildToLLVMPipeline(pm, options.parallel);
      });
}

} // namespace dlc::cpu
