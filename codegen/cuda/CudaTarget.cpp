// The cuda-ptx target: every op of the training and inference functions a
// kernel of our own, generated through linalg and NVVM as PTX (no vendor
// library); the host code evaluated at compile time into a static launch list
// the runtime's CUDA backend replays as one CUDA graph per function.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"
#include "codegen/cuda/CudaPipeline.h"
#include "codegen/cuda/LaunchList.h"
#include "codegen/cuda/PtxReport.h"

#include "passes/TrainingPipeline.h"

#include "abi/CudaAbi.h"
#include "abi/NativeAbi.h"
#include "abi/Targets.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using nlohmann::json;

namespace dlc {
namespace {

class CudaPtxTarget : public Target {
public:
  StringRef name() const override { return "cuda-ptx"; }
  std::string checkOptions(const PipelineOptions &options) const override {
    return cuda::checkChip(options.gpuArch);
  }
  bool writesReport() const override { return true; }

  ArrayRef<LoweringStage> loweringStages() const override {
    static const LoweringStage stages[] = {
        {"linalg", "linalg on tensors, generalised and fused, no host chunks",
         [](OpPassManager &pm, const PipelineOptions &) { cuda::buildToLinalgPipeline(pm); }},
        {"kernels", "buffers, a kernel per op by its schedule, one gpu.module",
         [](OpPassManager &pm, const PipelineOptions &) { cuda::buildToKernelsPipeline(pm); }},
        {"nvvm", "the kernels in the NVVM dialect for --gpu-arch",
         [](OpPassManager &pm, const PipelineOptions &o) {
           cuda::buildToNVVMPipeline(pm, o.gpuArch);
         }},
    };
    return stages;
  }

  void prepareContext(MLIRContext &context) const override {
    cuda::registerLoweringInterfaces(context);
  }

  void registerPasses() const override { cuda::registerCudaPasses(); }

  ArrayRef<StringRef> translations() const override {
    static const StringRef names[] = {"ptx"};
    return names;
  }

  FailureOr<std::string> translate(ModuleOp lowered, StringRef what,
                                   const SerializeOptions &options) const override {
    if (what != "ptx")
      return Target::translate(lowered, what, options);
    return cuda::translateToPtx(lowered);
  }

  FailureOr<std::string> serialize(ModuleOp module, const SerializeOptions &options,
                                   const PipelineOptions &pipeline) const override {
    if (std::string problem = cuda::checkChip(pipeline.gpuArch); !problem.empty())
      return module.emitError(problem);
    ArrayRef<StringRef> functions = trainingEntryFunctions();
    auto plan = BufferPlan::build(module, functions);
    if (failed(plan))
      return failure();
    auto built = buildManifest(module, *plan, functions, name(), forwardBatchSize(module),
                               options.seed, options.modelPath);
    if (failed(built))
      return failure();
    std::vector<int> remap;
    json m = compiledManifest(std::move(*built), *plan, functions, remap);

    // Where each lowered function's arguments live: the dlc function's
    // arguments, then its results (out-parameters after bufferization).
    std::map<std::string, std::vector<cuda::ArgumentPlace>> places;
    for (StringRef f : functions) {
      auto func = module.lookupSymbol<func::FuncOp>(f);
      std::vector<cuda::ArgumentPlace> &list = places[f.str()];
      auto add = [&](Value v) {
        const PlannedTensor &t = plan->tensors()[plan->tensorOf(v)];
        list.push_back({t.region, t.offset});
      };
      for (BlockArgument arg : func.getArguments())
        add(arg);
      for (Value v : func.getBody().front().getTerminator()->getOperands())
        add(v);
      m["functions"][f.str()]["ir_hash"] = irHash(func);
    }

    OwningOpRef<ModuleOp> lowered = cast<ModuleOp>(module->clone());
    if (failed(lower(*lowered, pipeline)))
      return failure();
    auto list = cuda::buildLaunchList(*lowered, functions, places);
    if (failed(list))
      return failure();
    auto ptx = cuda::translateToPtx(*lowered);
    if (failed(ptx))
      return failure();

    json kernels = json::array();
    for (const cuda::KernelEntry &k : list->kernels)
      kernels.push_back({{"name", k.name}, {"params", k.params}, {"op", k.op}});
    json errors = json::array();
    if (auto messages = (*lowered)->getAttrOfType<ArrayAttr>("dlc.error_messages"))
      for (Attribute message : messages)
        errors.push_back(cast<StringAttr>(message).str());
    const std::string section = abi::findTarget(name())->codeSection;
    m["cuda"] = {{"abi_version", abi::kCudaAbiVersion},
                 {"section", section},
                 {"arch", pipeline.gpuArch},
                 {"kernels", std::move(kernels)},
                 {"errors", std::move(errors)},
                 {"globals", {{"seed", abi::kRunSeedSymbol}, {"error", abi::kErrorSymbol}}}};
    m["regions"]["arena"] = list->workspaceBytes;
    for (const auto &[f, launches] : list->functions) {
      json steps = json::array();
      for (const cuda::Launch &l : launches)
        steps.push_back({{"kind", "kernel"},
                         {"k", l.kernel},
                         {"grid", l.grid},
                         {"block", l.block},
                         {"shared", 0},
                         {"args", l.args},
                         {"in", json::array()},
                         {"out", json::array()}});
      m["functions"][f]["steps"] = std::move(steps);
    }
    if (options.report)
      cuda::writeReport(*options.report, *list, *ptx, pipeline.gpuArch);

    auto state = initialState(module, *plan, options.seed);
    if (failed(state))
      return failure();
    // The driver reads PTX as NUL-terminated text.
    return writeBundle(module, m, *state, name(), {{section, *ptx + std::string(1, '\0')}});
  }
};
} // namespace

std::unique_ptr<Target> createCudaPtxTarget() { return std::make_unique<CudaPtxTarget>(); }

} // namespace dlc
