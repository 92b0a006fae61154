// `dlc compile MODEL`: import a Keras model file, run the compile pipeline, emit a stage.
#include "tools/dlc/Commands.h"
#include "tools/dlc/CompileModel.h"
#include "tools/dlc/DiagnosticPrinter.h"
#include "tools/dlc/ModelSummary.h"

#include "frontend/KerasImporter.h"
#include "runtime/cli/OutputFiles.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
namespace cl = llvm::cl;
namespace rt = dlc::rt;

namespace dlc::tool {

namespace {
enum class Emit { Mlir, Summary, TrainMlir, Stage, Translation, Bundle };
} // namespace

int runCompile(int argc, char **argv) {
  // Options live in the command, so that each subcommand registers only its own.
  cl::OptionCategory compileCategory("dlc compile options");

  cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                 cl::desc("<model file: .yaml, .json, .keras>"),
                                 cl::cat(compileCategory));
  cl::opt<std::string> emit(
      "emit",
      cl::desc("What to produce (default: mlir, or bundle with --target):\n"
               "  mlir        the model as dlc dialect IR (@forward)\n"
               "  summary     Keras-style layers, shapes and parameter counts\n"
               "  train-mlir  the dlc IR after the target's pipeline (training\n"
               "              step, inference, fusion): @train_step, @eval_step,\n"
               "              @predict\n"
               "  bundle      the target's bundle (.dlcb), written to -o\n"
               "  a stage of the target's lowering; cpu: linalg (linalg on\n"
               "  tensors), llvm-dialect (MLIR's LLVM dialect), llvm (LLVM IR\n"
               "  after -O3), asm (the machine code as assembly); cuda-ptx:\n"
               "  linalg, kernels (gpu.launch kernels and the host's launches),\n"
               "  nvvm (the kernels in NVVM), ptx (the PTX module)\n"
               "  (dlc-opt runs the same stages: dlc-<target>-pipeline)"),
      cl::value_desc("stage"), cl::cat(compileCategory));
  const std::string targetDescription = targetHelp();
  cl::opt<std::string> targetName("target", cl::desc(targetDescription),
                                  cl::value_desc("name"), cl::cat(compileCategory));
  cl::opt<std::string> gpuArch("gpu-arch", cl::desc(kGpuArchHelp), cl::value_desc("sm_XY"),
                               cl::cat(compileCategory));
  cl::opt<std::string> reportPath("report", cl::desc(kReportHelp), cl::value_desc("file"),
                                  cl::cat(compileCategory));
  cl::opt<std::string> tuneCache(
      "tune-cache",
      cl::desc("--target=cuda: a cache `dlc tune` wrote on a GPU; the layers it measured "
               "take the path that was faster there, the others the default table"),
      cl::value_desc("file"), cl::cat(compileCategory));
  cl::opt<std::string> outputPath("o", cl::desc("Output file (default: stdout)"),
                                  cl::value_desc("file"), cl::init("-"),
                                  cl::cat(compileCategory));
  cl::opt<int64_t> batchSize(
      "batch-size",
      cl::desc("Batch size of the compiled functions (default: the model "
               "file's dlc.batch_size, else 1)"),
      cl::init(0), cl::cat(compileCategory));
  cl::opt<uint64_t> seed("seed",
                         cl::desc("Philox seed of the initial weights (default 0)"),
                         cl::init(0), cl::cat(compileCategory));
  cl::opt<std::string> cpu(
      "cpu",
      cl::desc("CPU the cpu target generates code for (default: this machine's, "
               "e.g. with AVX-512 where it has it; x86-64-v3 = AVX2)"),
      cl::value_desc("name"), cl::init(""), cl::cat(compileCategory));
  cl::opt<std::string> fusion("fusion", cl::desc(kFusionHelp), cl::value_desc("list"),
                             cl::cat(compileCategory));
  cl::list<std::string> inputShape("input-shape", cl::desc(kInputShapeHelp),
                                   cl::value_desc("NAME=D1xD2..."), cl::cat(compileCategory));
  cl::opt<bool> noDropout("no-dropout",
                          cl::desc("Compile without the model's Dropout layers (as rate "
                                   "0; for step-by-step comparisons with other frameworks)"),
                          cl::cat(compileCategory));
  cl::opt<std::string> dataset("dataset",
                               cl::desc("Train on another dataset than the model file "
                                        "names: name[:task[:variant]], e.g. fashion_mnist"),
                               cl::value_desc("name"), cl::cat(compileCategory));
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  // Only this command's options in --help; MLIR's and LLVM's stay accepted (--help-hidden).
  cl::HideUnrelatedOptions(compileCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Compile a Keras model file (Keras 1/2 to_yaml/to_json, Keras 3 "
      "config.json or .keras).\n\nExamples:\n"
      "  dlc compile models/mnist_mlp.yaml --emit=mlir\n"
      "  dlc compile models/mnist_mlp.yaml --target=cpu -o mlp.dlcb\n"
      "  dlc compile models/mnist_mlp.yaml --target=cpu --emit=asm\n\n"
      "The MLIR pass-manager options (--mlir-print-ir-after-all, "
      "--mlir-timing, ...) are accepted too; --help-hidden lists them.\n");
  // 0 means "the model file's" only when the option is absent.
  if (batchSize < 0 || (batchSize == 0 && batchSize.getNumOccurrences())) {
    llvm::errs() << "dlc compile: error: --batch-size must be positive, got "
                 << batchSize << "\n";
    return 1;
  }
  // A .dlcb file is a bundle: without --target or --emit, -o x.dlcb compiles
  // for the default target instead of writing text a bundle reader rejects.
  const bool bundlePath = llvm::StringRef(outputPath).ends_with(".dlcb");
  if (bundlePath && targetName.empty() && !emit.getNumOccurrences())
    targetName = "cpu";
  auto pipeline = parsePipelineOptions(fusion, llvm::errs());
  if (!pipeline)
    return 1;
  pipeline->noDropout = noDropout;
  if (gpuArch.getNumOccurrences())
    pipeline->gpuArch = gpuArch;
  pipeline->tuneCache = tuneCache;
  std::map<std::string, std::vector<int64_t>> inputShapes;
  if (!parseInputShapes(inputShape, inputShapes, llvm::errs()))
    return 1;
  const Target *target = nullptr;
  if (!targetName.empty() && !(target = findTarget(targetName, llvm::errs())))
    return 1;
  if (tuneCache.getNumOccurrences() && (!target || target->name() != "cuda")) {
    llvm::errs() << "dlc compile: error: --tune-cache applies to --target=cuda\n";
    return 1;
  }
  if ((gpuArch.getNumOccurrences() || reportPath.getNumOccurrences()) && !target) {
    llvm::errs() << "dlc compile: error: --"
                 << (gpuArch.getNumOccurrences() ? "gpu-arch" : "report")
                 << " needs --target (e.g. --target=cuda-ptx)\n";
    return 1;
  }
  if (target && !checkTargetChoices(*target, *pipeline, gpuArch.getNumOccurrences(),
                                    reportPath.getNumOccurrences(), llvm::errs()))
    return 1;
  Emit stage = !emit.getNumOccurrences() ? (target ? Emit::Bundle : Emit::Mlir)
               : emit == "mlir"           ? Emit::Mlir
               : emit == "summary"        ? Emit::Summary
               : emit == "train-mlir"     ? Emit::TrainMlir
               : emit == "bundle"         ? Emit::Bundle
                                          : Emit::Stage;
  if (stage != Emit::Mlir && stage != Emit::Summary && !target) {
    llvm::errs() << "dlc compile: error: --emit=" << emit
                 << " needs --target (e.g. --target=cpu)\n";
    return 1;
  }
  if (stage == Emit::Stage && !target->loweringStage(emit)) {
    if (llvm::is_contained(target->translations(), emit.getValue())) {
      stage = Emit::Translation;
    } else {
      llvm::errs() << "dlc compile: error: unknown --emit=" << emit
                   << "; choose mlir, summary, train-mlir, bundle";
      for (const LoweringStage &s : target->loweringStages())
        llvm::errs() << ", " << s.name;
      for (llvm::StringRef s : target->translations())
        llvm::errs() << ", " << s;
      llvm::errs() << " (target " << target->name() << ")\n";
      return 1;
    }
  }
  if (reportPath.getNumOccurrences() && stage != Emit::Bundle) {
    llvm::errs() << "dlc compile: error: --report comes with a bundle (--emit=bundle)\n";
    return 1;
  }
  if (stage == Emit::Bundle && outputPath == "-") {
    llvm::errs() << "dlc compile: error: a bundle is binary; name the file "
                    "with -o model.dlcb\n";
    return 1;
  }
  if (stage != Emit::Bundle && bundlePath) {
    llvm::errs() << "dlc compile: error: -o " << outputPath << ": a .dlcb file holds a bundle, "
                 << "but --emit=" << emit << " writes text (name the file otherwise, or "
                 << "--emit=bundle)\n";
    return 1;
  }
  SerializeOptions serializeCheck;
  serializeCheck.cpu = cpu;
  if (target && failed(target->checkSerializeOptions(serializeCheck, llvm::errs())))
    return 1;
  if (absl::Status files = rt::cli::checkOutputFiles({{"the model file", modelPath}},
                                                     {{"-o", outputPath}});
      !files.ok()) {
    llvm::errs() << "dlc compile: error: " << std::string(files.message()) << "\n";
    return 1;
  }

  auto context = createContext();
  DiagnosticPrinter diagnostics(*context);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (stage == Emit::Bundle) {
    CompileOptions compile;
    compile.batchSize = batchSize;
    compile.seed = seed;
    compile.cpu = cpu;
    compile.dataset = dataset;
    compile.pipeline = *pipeline;
    std::string reportText;
    llvm::raw_string_ostream report(reportText);
    if (reportPath.getNumOccurrences())
      compile.report = &report;
    compile.inputShapes = inputShapes;
    auto bytes = compileToBundle(*context, modelPath, *target, compile);
    if (failed(bytes))
      return 1;
    os << *bytes;
    if (compile.report) {
      // Written only with the bundle, and never over the bundle itself.
      if (reportPath == outputPath) {
        llvm::errs() << "dlc compile: error: --report and -o name the same file\n";
        return 1;
      }
      std::string error;
      auto file = openOutputFile(reportPath, &error);
      if (!file) {
        llvm::errs() << "dlc compile: error: --report: " << error << "\n";
        return 1;
      }
      file->os() << reportText;
      file->keep();
    }
  } else {
    ImportOptions options;
    options.batchSize = batchSize;
    options.inputShapes = inputShapes;
    OwningOpRef<ModuleOp> module = importKerasModel(modelPath, *context, options);
    if (!module || (!dataset.empty() && failed(overrideDataset(*module, dataset))))
      return 1;
    bool trained = stage == Emit::TrainMlir || stage == Emit::Stage ||
                   stage == Emit::Translation;
    // Up to the stage asked for; a translation starts from the last one.
    llvm::StringRef lastStage = stage == Emit::Stage ? llvm::StringRef(emit) : "";
    if (stage == Emit::Translation && !target->loweringStages().empty())
      lastStage = target->loweringStages().back().name;
    if (failed(runPipeline(*module, trained ? target : nullptr, *pipeline, lastStage)))
      return 1;
    if (stage == Emit::Translation) {
      SerializeOptions serialize;
      serialize.seed = seed;
      serialize.modelPath = modelPath;
      serialize.cpu = cpu;
      auto text = target->translate(*module, emit, serialize);
      if (failed(text))
        return 1;
      os << *text;
    } else if (stage == Emit::Summary) {
      if (failed(printModelSummary(*module, os)))
        return 1;
    } else {
      module->print(os, OpPrintingFlags());
      os << "\n";
    }
  }

  std::string error;
  auto output = openOutputFile(outputPath, &error);
  if (!output) {
    llvm::errs() << "dlc compile: error: " << error << "\n";
    return 1;
  }
  output->os() << text;
  output->keep();
  return 0;
}

} // namespace dlc::tool
