// Compiling a Keras model file to a target's bundle (see CompileModel.h).
#include "tools/dlc/CompileModel.h"

#include "frontend/KerasImporter.h"
#include "ir/DlcOps.h"
#include "runtime/bundle/BundleReader.h"

#include "abi/Targets.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

namespace dlc::tool {

std::unique_ptr<MLIRContext> createContext() {
  DialectRegistry registry;
  registry.insert<DlcDialect, func::FuncDialect>();
  auto context = std::make_unique<MLIRContext>(registry);
  context->loadAllAvailableDialects();
  // An error is one message: the failing operation's IR follows it only when
  // --mlir-print-op-on-diagnostic asks for it.
  auto &options = llvm::cl::getRegisteredOptions();
  auto printOp = options.find("mlir-print-op-on-diagnostic");
  if (printOp == options.end() || printOp->second->getNumOccurrences() == 0)
    context->printOpOnDiagnostic(false);
  return context;
}

const Target *findTarget(llvm::StringRef name, llvm::raw_ostream &errs) {
  if (const Target *target = lookupTarget(name))
    return target;
  if (const abi::TargetInfo *info = abi::findTarget(name.str()))
    errs << "error: target '" << name << "' (" << info->summary
         << ") is not in this build of dlc; it has:";
  else
    errs << "error: unknown target '" << name << "'; this build has:";
  for (const auto &t : allTargets())
    errs << " " << t->name();
  errs << "\n";
  return nullptr;
}

const char *const kFusionHelp =
    "Fusion passes of the cpu target: all (default), none, or a list of "
    "dense-bias-act, conv-bias-act, lstm-step, optimizer-update (cpu-ref never "
    "fuses)";

std::string targetHelp() {
  std::string help = "Code-generation target:";
  for (const auto &t : allTargets()) {
    const abi::TargetInfo *info = abi::findTarget(t->name().str());
    help += "\n  " + t->name().str() + (info ? std::string(": ") + info->summary : "");
  }
  return help;
}

const char *const kGpuArchHelp =
    "GPU architecture of the CUDA targets' PTX, sm_50 to sm_90a (default sm_80, which "
    "the driver also runs on newer GPUs)";

const char *const kReportHelp =
    "Write the target's compilation report to this file (cuda-ptx: each kernel's op, "
    "launches, registers, shared memory and spills as ptxas reports them)";

bool checkTargetChoices(const Target &target, const PipelineOptions &pipeline,
                        bool gpuArchGiven, bool reportGiven, llvm::raw_ostream &errs) {
  const abi::TargetInfo *info = abi::findTarget(target.name().str());
  if (gpuArchGiven && !(info && info->device == abi::Device::Cuda)) {
    errs << "error: --gpu-arch applies to the CUDA targets; target " << target.name()
         << " runs on the host\n";
    return false;
  }
  if (reportGiven && !target.writesReport()) {
    errs << "error: --report: target " << target.name() << " writes no report\n";
    return false;
  }
  if (std::string problem = target.checkOptions(pipeline); !problem.empty()) {
    errs << "error: " << problem << "\n";
    return false;
  }
  return true;
}

std::optional<PipelineOptions> parsePipelineOptions(llvm::StringRef fusionSpec,
                                                    llvm::raw_ostream &errs) {
  PipelineOptions options;
  if (fusionSpec.empty())
    return options;
  auto fusion = FusionSet::parse(fusionSpec);
  if (!fusion) {
    errs << "error: --fusion: " << llvm::toString(fusion.takeError()) << "\n";
    return std::nullopt;
  }
  options.fusion = *fusion;
  return options;
}

const char *const kInputShapeHelp =
    "Sizes of the dimensions the model file leaves open (Keras' None time steps or "
    "image sizes): NAME=D1xD2... for the input NAME, every dimension but the batch "
    "(NAME= may be left out when the model has one input); repeat for several inputs";

bool parseInputShapes(const std::vector<std::string> &specs,
                      std::map<std::string, std::vector<int64_t>> &shapes,
                      llvm::raw_ostream &errs) {
  for (const std::string &spec : specs) {
    llvm::StringRef text(spec), name;
    if (text.contains('='))
      std::tie(name, text) = text.split('=');
    std::vector<int64_t> dims;
    llvm::SmallVector<llvm::StringRef> parts;
    text.split(parts, 'x');
    for (llvm::StringRef part : parts) {
      uint64_t d = 0;
      if (part.getAsInteger(10, d) || d < 1 || d > (uint64_t(1) << 31) - 1) {
        errs << "error: --input-shape " << spec << ": '" << part
             << "' is not a dimension (a whole number from 1 to 2^31 - 1; the form is "
                "NAME=D1xD2...)\n";
        return false;
      }
      dims.push_back(int64_t(d));
    }
    if (!shapes.emplace(name.str(), dims).second) {
      errs << "error: --input-shape " << spec << ": input '" << name << "' is given twice\n";
      return false;
    }
  }
  return true;
}

LogicalResult runPipeline(ModuleOp module, const Target *target,
                          const PipelineOptions &pipeline, llvm::StringRef lastStage) {
  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  PassManager pm(module.getContext());
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  TimingScope timingScope = timing.getRootScope();
  pm.enableTiming(timingScope);
  if (!target) {
    pm.addPass(createCanonicalizerPass());
    return pm.run(module);
  }
  target->buildTrainingStage(pm, pipeline);
  if (!lastStage.empty()) {
    target->prepareContext(*module.getContext());
    target->buildLoweringStages(pm, pipeline, lastStage);
  }
  return pm.run(module);
}

LogicalResult overrideDataset(ModuleOp module, StringRef spec) {
  SmallVector<StringRef, 3> parts;
  spec.split(parts, ':');
  StringRef name = parts[0];
  auto training = module->getAttrOfType<DictionaryAttr>("dlc.training");
  if (!training)
    return module.emitError("--dataset needs the model's dlc: section (loss, "
                            "optimizer) to train");
  Builder b(module.getContext());
  NamedAttrList dataset;
  if (auto old = training.getAs<DictionaryAttr>("dataset"))
    dataset.append(old.getValue());
  dataset.set("name", b.getStringAttr(name));
  if (parts.size() > 1)
    dataset.set("task", b.getStringAttr(parts[1]));
  if (parts.size() > 2)
    dataset.set("variant", b.getStringAttr(parts[2]));
  NamedAttrList updated(training.getValue());
  updated.set("dataset", dataset.getDictionary(module.getContext()));
  module->setAttr("dlc.training", updated.getDictionary(module.getContext()));
  return success();
}

FailureOr<std::string> compileToBundle(MLIRContext &context,
                                       llvm::StringRef modelPath,
                                       const Target &target,
                                       const CompileOptions &options) {
  ImportOptions import;
  import.batchSize = options.batchSize;
  import.inputShapes = options.inputShapes;
  OwningOpRef<ModuleOp> module = importKerasModel(modelPath, context, import);
  // One path for every option: --no-dropout is the training stage's
  // dlc-strip-dropout, so it combines with --dataset and everything else.
  if (!module ||
      (!options.dataset.empty() && failed(overrideDataset(*module, options.dataset))) ||
      (options.checkImported && failed(options.checkImported(*module))) ||
      failed(runPipeline(*module, &target, options.pipeline)))
    return failure();
  SerializeOptions serialize;
  serialize.cpu = options.cpu;
  serialize.seed = options.seed;
  serialize.modelPath = modelPath.str();
  serialize.report = options.report;
  FailureOr<std::string> bytes = target.serialize(*module, serialize, options.pipeline);
  if (failed(bytes))
    return failure();
  // Every bundle dlc writes is one the runtime's own reader accepts.
  rt::bundle::ReadOptions read;
  read.targets = {target.name().str()};
  auto bundle = rt::bundle::readBundleBytes(*bytes, modelPath.str(), read);
  if (!bundle.ok())
    return (*module).emitError(target.name())
           << ": the bundle does not validate: " << std::string(bundle.status().message())
           << (options.batchSize > 0 ? " (its io and arena regions grow with --batch-size)" : "");
  return bytes;
}

} // namespace dlc::tool
