// The CUDA targets, one class with three names:
//   cuda-ptx    every op of the training and inference functions a kernel of
//               our own, generated through linalg and NVVM as PTX (no vendor
//               library);
//   cuda-cudnn  the same, but convolutions are cuDNN calls and matrix
//               products cuBLASLt calls (library steps in the same list);
//   cuda        per op the path of the default table (LibraryChoice.h).
// The host code is evaluated at compile time into a static list of launches
// and library calls the runtime's CUDA backend replays as one CUDA graph per
// function.
#include "codegen/Target.h"
#include "codegen/common/BufferPlan.h"
#include "codegen/common/ManifestBuilder.h"
#include "codegen/cuda/CudaPipeline.h"
#include "codegen/cuda/LaunchList.h"
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/PtxReport.h"

#include "passes/TrainingPipeline.h"

#include "abi/CudaAbi.h"
#include "abi/NativeAbi.h"
#include "abi/Targets.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace mlir;
using nlohmann::json;

namespace dlc {
namespace {

class CudaTarget : public Target {
public:
  CudaTarget(StringRef name, std::optional<cuda::LibraryPolicy> library)
      : name_(name), library_(library) {}
  StringRef name() const override { return name_; }
  std::string checkOptions(const PipelineOptions &options) const override {
    if (!options.tuneCache.empty()) {
      if (library_ != cuda::LibraryPolicy::Default)
        return "--tune-cache applies to --target=cuda (target " + name_ +
               " does not choose between library calls and generated kernels)";
      // Read once here, so that a bad file is reported before any work.
      cuda::TuneCache cache;
      if (std::string problem = cuda::readTuneCache(options.tuneCache, cache); !problem.empty())
        return problem;
    }
    return cuda::checkChip(options.gpuArch);
  }
  bool writesReport() const override { return true; }

  ArrayRef<LoweringStage> loweringStages() const override { return stages_; }

  void prepareContext(MLIRContext &context) const override {
    cuda::registerLoweringInterfaces(context);
  }

  void registerPasses() const override {
    // The three targets share the passes: register them once.
    if (name_ == "cuda-ptx")
      cuda::registerCudaPasses();
  }
  void registerDialects(DialectRegistry &registry) const override {
    registry.insert<cuda::DlcCudaDialect>();
  }

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
    auto list = cuda::buildLaunchList(*lowered, functions, places, name());
    if (failed(list))
      return failure();
    auto ptx = cuda::translateToPtx(*lowered);
    if (failed(ptx))
      return failure();

    json kernels = json::array();
    for (const cuda::KernelEntry &k : list->kernels) {
      kernels.push_back({{"name", k.name}, {"params", k.params}, {"op", k.op}});
      if (!k.key.empty())
        kernels.back()["key"] = k.key;
    }
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
    std::set<std::string> libraries;
    auto stepJson = [&](const cuda::Step &step) -> json {
      if (const auto *l = std::get_if<cuda::Launch>(&step))
        return {{"kind", "kernel"},
                {"k", l->kernel},
                {"grid", l->grid},
                {"block", l->block},
                {"shared", 0},
                {"args", l->args},
                {"in", json::array()},
                {"out", json::array()}};
      const auto &c = std::get<cuda::LibraryCall>(step);
      libraries.insert(c.call.substr(0, c.call.find('.')));
      json operands = json::array();
      for (const cuda::LibraryOperand &o : c.operands)
        operands.push_back(
            {{"role", o.role}, {"ptr", o.pointer}, {"shape", o.shape}, {"strides", o.strides}});
      return {{"kind", "library"},
              {"call", {{"name", c.call},
                        {"layer", c.layer},
                        {"key", c.key},
                        {"operands", std::move(operands)},
                        {"attrs", c.attributes},
                        {"workspace", {{"ptr", c.workspace}, {"bytes", c.workspaceBytes}}}}},
              {"in", json::array()},
              {"out", json::array()}};
    };
    for (const auto &[f, functionSteps] : list->functions) {
      // A fused call's fallback steps nest in its "fallback" (abi/CudaAbi.h).
      json steps = json::array();
      std::map<int, size_t> position; // step index -> index in `steps`
      for (size_t i = 0; i < functionSteps.size(); ++i) {
        const int of = cuda::fallbackOf(functionSteps[i]);
        if (of < 0) {
          position[int(i)] = steps.size();
          steps.push_back(stepJson(functionSteps[i]));
          continue;
        }
        json &call = steps[position.at(of)];
        if (!call.contains("fallback"))
          call["fallback"] = json::array();
        call["fallback"].push_back(stepJson(functionSteps[i]));
      }
      m["functions"][f]["steps"] = std::move(steps);
    }
    m["cuda"]["libraries"] = json(std::vector<std::string>(libraries.begin(), libraries.end()));
    if (options.report)
      cuda::writeReport(*options.report, name(), *list, *ptx, pipeline.gpuArch,
                        cuda::describePaths(*lowered));

    auto state = initialState(module, *plan, options.seed);
    if (failed(state))
      return failure();
    // The driver reads PTX as NUL-terminated text.
    return writeBundle(module, m, *state, name(), {{section, *ptx + std::string(1, '\0')}});
  }

private:
  std::string name_;
  std::optional<cuda::LibraryPolicy> library_;
  std::vector<LoweringStage> stages_{
      {"linalg",
       "linalg on tensors, generalised and fused, no host chunks (cuda-cudnn, cuda: library "
       "calls as dlc_cuda ops)",
       [library = library_](OpPassManager &pm, const PipelineOptions &o) {
         cuda::buildToLinalgPipeline(pm, library, o.tuneCache);
       }},
      {"kernels", "buffers, a kernel per op by its schedule, one gpu.module",
       [](OpPassManager &pm, const PipelineOptions &) { cuda::buildToKernelsPipeline(pm); }},
      {"nvvm", "the kernels in the NVVM dialect for --gpu-arch",
       [](OpPassManager &pm, const PipelineOptions &o) {
         cuda::buildToNVVMPipeline(pm, o.gpuArch);
       }},
  };
};
} // namespace

std::unique_ptr<Target> createCudaPtxTarget() {
  return std::make_unique<CudaTarget>("cuda-ptx", std::nullopt);
}
std::unique_ptr<Target> createCudaCudnnTarget() {
  return std::make_unique<CudaTarget>("cuda-cudnn", cuda::LibraryPolicy::Library);
}
std::unique_ptr<Target> createCudaTarget() {
  return std::make_unique<CudaTarget>("cuda", cuda::LibraryPolicy::Default);
}

} // namespace dlc
