// The CUDA targets' lowering stages (see CudaPipeline.h).
#include "codegen/cuda/CudaPipeline.h"

#include "codegen/common/Bufferize.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Passes.h"
#include "passes/Passes.h"

#include "abi/NativeAbi.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/Support/Regex.h"

#include <cstdlib>

using namespace mlir;

namespace dlc::cuda {

void registerLoweringInterfaces(MLIRContext &context) {
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<DlcCudaDialect>();
  context.appendDialectRegistry(registry);
}

llvm::StringRef policyName(LibraryPolicy policy) {
  return policy == LibraryPolicy::Library ? "library" : "default";
}

void buildToLinalgPipeline(OpPassManager &pm, std::optional<LibraryPolicy> library,
                           llvm::StringRef tuneCache) {
  pm.addPass(createDlcKeepEntryFunctions());
  pm.addPass(createDlcCudaAnnotatePlaces());
  if (library) {
    DlcCudaCudnnRnnsOptions rnns;
    rnns.policy = policyName(*library).str();
    rnns.tuneCache = tuneCache.str();
    pm.addPass(createDlcCudaCudnnRnns(rnns));
    DlcCudaCudnnCallsOptions cudnn;
    cudnn.policy = policyName(*library).str();
    cudnn.tuneCache = tuneCache.str();
    pm.addPass(createDlcCudaCudnnCalls(cudnn));
  }
  ConvertDlcToLinalgOptions lowering;
  // The key lives in a device global the runtime sets before the first run.
  lowering.seedSymbol = abi::kRunSeedSymbol;
  // The GPU maps parallelism itself: no host-thread chunks.
  lowering.parallelChunks = false;
  // No sequential scatter loop on the host: every table element is a sum.
  lowering.scatterAsReduction = true;
  pm.addPass(createConvertDlcToLinalg(lowering));
  pm.addPass(createCanonicalizerPass());
  if (library) {
    DlcCudaCublasltGemmsOptions gemms;
    gemms.policy = policyName(*library).str();
    gemms.tuneCache = tuneCache.str();
    pm.addPass(createDlcCudaCublasltGemms(gemms));
  }
  pm.addNestedPass<func::FuncOp>(createLinalgGeneralizeNamedOpsPass());
  pm.addNestedPass<func::FuncOp>(createDlcLinalgFuseElementwise());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void buildToKernelsPipeline(OpPassManager &pm, bool emulate) {
  addModuleBufferization(pm);
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createDlcCudaLibraryFallbacks());
  pm.addPass(createForallToForLoopPass());
  DlcCudaFormKernelsOptions form;
  form.emulate = emulate;
  pm.addNestedPass<func::FuncOp>(createDlcCudaFormKernels(form));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (emulate)
    return;
  DlcChecksToErrorWordOptions checks;
  checks.symbol = abi::kErrorSymbol;
  pm.addPass(createDlcChecksToErrorWord(checks));
  pm.addNestedPass<func::FuncOp>(createGpuLauchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  pm.addPass(createDlcCudaMergeKernelModules());
}

void buildToNVVMPipeline(OpPassManager &pm, llvm::StringRef chip) {
  GpuNVVMAttachTargetOptions target;
  target.chip = chip.str();
  target.optLevel = 3;
  const std::vector<std::string> libs = {libdevicePath()};
  target.linkLibs = libs;
  pm.addPass(createGpuNVVMAttachTarget(target));
  OpPassManager &device = pm.nest<gpu::GPUModuleOp>();
  device.addPass(memref::createFoldMemRefAliasOpsPass());
  device.addPass(memref::createExpandStridedMetadataPass());
  device.addPass(createLowerAffinePass());
  device.addPass(createConvertSCFToCFPass());
  ConvertGpuOpsToNVVMOpsOptions nvvm;
  nvvm.indexBitwidth = 64;
  device.addPass(createConvertGpuOpsToNVVMOps(nvvm));
  // What the GPU conversion leaves of the math dialect (math.fma → llvm.fma;
  // exp, log, tanh became libdevice calls there).
  device.addPass(createConvertMathToLLVMPass());
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());
  device.addPass(createReconcileUnrealizedCastsPass());
}

std::string checkChip(llvm::StringRef chip) {
  llvm::Regex pattern("^sm_([0-9]+)a?$");
  SmallVector<StringRef> match;
  if (!pattern.match(chip, &match))
    return "--gpu-arch=" + chip.str() + " is not an NVIDIA architecture (sm_80, sm_90, ...)";
  unsigned version = 0;
  match[1].getAsInteger(10, version);
  if (version < 50 || version > 90)
    return "--gpu-arch=" + chip.str() +
           ": this LLVM's PTX back end knows sm_50 to sm_90a (PTX for sm_80 runs on every later "
           "GPU, JIT-compiled by the driver)";
  return "";
}

std::string libdevicePath() {
  if (const char *env = std::getenv("DLC_LIBDEVICE"))
    return env;
#ifdef DLC_CUDA_LIBDEVICE
  return DLC_CUDA_LIBDEVICE;
#else
  return "libdevice.10.bc";
#endif
}

FailureOr<std::string> translateToPtx(ModuleOp module) {
  OwningOpRef<ModuleOp> copy = cast<ModuleOp>(module->clone());
  PassManager pm(module.getContext());
  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget = "isa";
  pm.addPass(createGpuModuleToBinaryPass(binary));
  if (failed(pm.run(*copy)))
    return failure();
  for (auto binaryOp : copy->getOps<gpu::BinaryOp>())
    for (Attribute object : binaryOp.getObjects()) {
      std::string text = cast<gpu::ObjectAttr>(object).getObject().str();
      while (!text.empty() && text.back() == '\0')
        text.pop_back();
      return text;
    }
  return module.emitError("cuda: the module has no kernels to translate to PTX");
}

namespace {
struct LinalgOptions : PassPipelineOptions<LinalgOptions> {
  Option<std::string> library{
      *this, "library",
      llvm::cl::desc("Library calls: none (cuda-ptx), library (cuda-cudnn), default (cuda)"),
      llvm::cl::init("none")};
  Option<std::string> tuneCache{
      *this, "tune-cache",
      llvm::cl::desc("With library=default: a dlc tune cache file (codegen/cuda/LibraryChoice.h)"),
      llvm::cl::init("")};
};
struct KernelsOptions : PassPipelineOptions<KernelsOptions> {
  Option<bool> emulate{*this, "emulate",
                       llvm::cl::desc("Kernels as host loops over blocks and threads (tests)"),
                       llvm::cl::init(false)};
};
struct NVVMOptions : PassPipelineOptions<NVVMOptions> {
  Option<std::string> chip{*this, "chip", llvm::cl::desc("GPU architecture (sm_80, sm_90, ...)"),
                           llvm::cl::init("sm_80")};
};
} // namespace

void registerCudaPasses() {
  registerDlcCudaPasses();
  PassPipelineRegistration<LinalgOptions>(
      "dlc-cuda-to-linalg",
      "The CUDA targets' linalg stage: dlc to generalised, fused linalg on tensors",
      [](OpPassManager &pm, const LinalgOptions &o) {
        // An unknown name fails in the library passes, which say so.
        std::optional<LibraryPolicy> policy = parseLibraryPolicy(o.library);
        if (o.library == "none")
          buildToLinalgPipeline(pm);
        else if (policy)
          buildToLinalgPipeline(pm, policy, o.tuneCache);
        else {
          DlcCudaCudnnCallsOptions bad;
          bad.policy = o.library;
          pm.addPass(createDlcCudaCudnnCalls(bad));
        }
      });
  PassPipelineRegistration<KernelsOptions>(
      "dlc-cuda-to-kernels",
      "The CUDA targets' kernel stage: buffers, kernels by schedule, one gpu.module",
      [](OpPassManager &pm, const KernelsOptions &o) { buildToKernelsPipeline(pm, o.emulate); });
  PassPipelineRegistration<NVVMOptions>(
      "dlc-cuda-to-nvvm", "The CUDA targets' device stage: the kernels to NVVM for a chip",
      [](OpPassManager &pm, const NVVMOptions &o) { buildToNVVMPipeline(pm, o.chip); });
}

} // namespace dlc::cuda
