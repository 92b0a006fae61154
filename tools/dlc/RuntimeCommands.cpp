// `dlc train`, `dlc eval`, `dlc predict` and `dlc weights`: the runtime's
// commands (runtime/cli/RuntimeCommands.h, the same options and output as
// dlc-run's) on a bundle, or on a model file that is compiled in memory first
// with the compile options below.
#include "tools/dlc/Commands.h"
#include "tools/dlc/CompileModel.h"
#include "tools/dlc/DiagnosticPrinter.h"

#include "runtime/bundle/BundleReader.h"
#include "runtime/cli/RuntimeCommands.h"
#include "runtime/train/TaskData.h"

#include "codegen/common/ManifestBuilder.h"

#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"

#include <cstring>
#include <fstream>
#include <iostream>

using namespace mlir;
namespace rt = dlc::rt;

namespace dlc::tool {
namespace {

/// The options that compile a model file (meaningless for a bundle).
struct CompileFlags {
  std::string target = "cpu";
  std::string dataset;
  bool noDropout = false;
  std::string cpu;
  std::string fusion;
  std::string gpuArch;
  std::string targetDescription;
  std::vector<std::string> inputShapes;
  CLI::Option *targetOption = nullptr, *datasetOption = nullptr, *noDropoutOption = nullptr,
              *cpuOption = nullptr, *fusionOption = nullptr, *gpuArchOption = nullptr,
              *inputShapeOption = nullptr;

  void add(CLI::App &app) {
    CLI::Option_group *g =
        app.add_option_group("Compiling a model file", "When FILE is a model file, not a bundle");
    targetDescription = targetHelp() + "\n(default: cpu)";
    targetOption = g->add_option("--target", target, targetDescription);
    datasetOption = g->add_option("--dataset", dataset,
                                  "Train on another dataset than the model file names: "
                                  "name[:task[:variant]] of the same shape, e.g. fashion_mnist for an "
                                  "MNIST model (the bAbI models fix their lengths: "
                                  "models/babi_rnn_qa1_10k.yaml is sized for babi:qa1:en-10k)");
    noDropoutOption = g->add_flag("--no-dropout", noDropout,
                                  "Compile without the model's Dropout layers (as rate 0; for "
                                  "step-by-step comparisons with other frameworks)");
    cpuOption = g->add_option("--cpu", cpu,
                              "CPU the cpu target compiles for (default: this machine's; e.g. "
                              "x86-64-v3 for AVX2)");
    fusionOption = g->add_option("--fusion", fusion, kFusionHelp);
    gpuArchOption = g->add_option("--gpu-arch", gpuArch, kGpuArchHelp);
    inputShapeOption = g->add_option("--input-shape", inputShapes, kInputShapeHelp)
                           ->type_name("NAME=D1xD2...")
                           ->allow_extra_args(false); // one value per --input-shape
  }

  /// The first compile option given, for the error on a bundle.
  const CLI::Option *anyGiven() const {
    for (const CLI::Option *o :
         {datasetOption, noDropoutOption, cpuOption, fusionOption, gpuArchOption,
          inputShapeOption})
      if (o->count())
        return o;
    return nullptr;
  }
};

/// MLIR's pass-manager and timing options (--mlir-print-ir-after-all,
/// --mlir-timing, ...) for the compilation of a model file; false after an
/// error naming an option that is neither dlc's nor MLIR's.
bool parseMLIROptions(const std::string &program, const std::vector<std::string> &extras) {
  // Registered even when none is given: the compilation applies them.
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  std::vector<const char *> args{program.c_str()};
  for (const std::string &e : extras) {
    if (e.rfind("--mlir-", 0) != 0 && e.rfind("-mlir-", 0) != 0) {
      llvm::errs() << "error: unknown option '" << e << "'\n"
                   << program << " --help lists the options\n";
      return false;
    }
    args.push_back(e.c_str());
  }
  if (args.size() == 1)
    return true;
  return llvm::cl::ParseCommandLineOptions(int(args.size()), args.data(), "", &llvm::errs());
}

/// Whether the imported model (@forward) fits the data its training settings
/// name (runtime/train/TaskData.h); prints the error.
LogicalResult checkModelFitsData(ModuleOp module, const std::string &dataDir,
                                 rt::data::Splits splits) {
  auto forward = module.lookupSymbol<func::FuncOp>("forward");
  auto training = module->getAttrOfType<DictionaryAttr>("dlc.training");
  // Without @forward or settings the compilation says what is missing.
  if (!forward || !training || forward.getNumResults() == 0)
    return success();
  rt::train::ModelShape model;
  for (unsigned i = 0; i < forward.getNumArguments(); ++i) {
    auto name = forward.getArgAttrOfType<StringAttr>(i, "dlc.input");
    auto type = dyn_cast<RankedTensorType>(forward.getArgument(i).getType());
    if (!name || !type || type.getRank() < 1)
      continue;
    model.inputs.push_back({name.str(), std::vector<int64_t>(type.getShape().begin() + 1,
                                                             type.getShape().end())});
  }
  if (auto out = dyn_cast<RankedTensorType>(forward.getResultTypes()[0]); out && out.getRank() > 0)
    model.classes = out.getShape().back();
  auto data = rt::train::taskDataShape(attributeToJson(training), dataDir, splits);
  absl::Status fits = data.ok() ? rt::train::checkDataFits(model, *data) : data.status();
  if (fits.ok())
    return success();
  llvm::errs() << "error: " << std::string(fits.message()) << "\n";
  return failure();
}

/// The bundle to run: the file itself, or the model compiled in memory.
/// Prints the error and returns nullopt.
std::optional<rt::train::BundleSource> bundleSource(const rt::cli::RuntimeCommand &command,
                                                    const CompileFlags &flags) {
  rt::train::BundleSource source;
  const std::string &file = command.file();
  const rt::cli::FileKind kind = rt::cli::classifyFile(file);
  if (kind == rt::cli::FileKind::MlirText) {
    llvm::errs() << "error: " << rt::cli::mlirTextError(file) << "\n";
    return std::nullopt;
  }
  if (kind == rt::cli::FileKind::Bundle) {
    if (const CLI::Option *given = flags.anyGiven()) {
      llvm::errs() << "error: " << given->get_name()
                   << " applies when compiling a model file; " << file << " is a bundle\n";
      return std::nullopt;
    }
    auto bundle = rt::bundle::readBundleFile(file);
    if (!bundle.ok()) {
      llvm::errs() << "error: " << std::string(bundle.status().message()) << "\n";
      return std::nullopt;
    }
    if (flags.targetOption->count() && bundle->manifest().target != flags.target) {
      llvm::errs() << "error: --target " << flags.target << ": " << file
                   << " was compiled for target " << bundle->manifest().target
                   << " (a bundle's target is fixed; compile the model file for "
                   << flags.target << ")\n";
      return std::nullopt;
    }
    source.bundle = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
    return source;
  }
  const Target *target = findTarget(flags.target, llvm::errs());
  if (!target)
    return std::nullopt;
  SerializeOptions serializeCheck;
  serializeCheck.cpu = flags.cpu;
  if (failed(target->checkSerializeOptions(serializeCheck, llvm::errs())))
    return std::nullopt;
  auto context = createContext();
  DiagnosticPrinter diagnostics(*context);
  auto pipeline = parsePipelineOptions(flags.fusion, llvm::errs());
  if (!pipeline)
    return std::nullopt;
  CompileOptions compile;
  compile.batchSize = command.batchSize().value_or(0);
  compile.seed = command.seed().value_or(0);
  compile.dataset = flags.dataset;
  compile.cpu = flags.cpu;
  compile.pipeline = *pipeline;
  compile.pipeline.noDropout = flags.noDropout;
  if (flags.gpuArchOption->count())
    compile.pipeline.gpuArch = flags.gpuArch;
  if (!checkTargetChoices(*target, compile.pipeline, flags.gpuArchOption->count(), false,
                          llvm::errs()))
    return std::nullopt;
  if (!parseInputShapes(flags.inputShapes, compile.inputShapes, llvm::errs()))
    return std::nullopt;
  // Training and evaluation read the task's data: the model must fit it,
  // which is checked before the (long) compilation.
  if (command.command() == rt::cli::Command::Train ||
      command.command() == rt::cli::Command::Eval) {
    rt::data::Splits splits;
    splits.train = command.command() == rt::cli::Command::Train;
    compile.checkImported = [&command, splits](ModuleOp module) {
      return checkModelFitsData(module, command.dataDir(), splits);
    };
  }
  auto bytes = compileToBundle(*context, file, *target, compile);
  if (failed(bytes))
    return std::nullopt;
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), file);
  if (!bundle.ok()) {
    llvm::errs() << "error: " << std::string(bundle.status().message()) << "\n";
    return std::nullopt;
  }
  source.bundle = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
  return source;
}

int runRuntimeCommand(rt::cli::Command which, int argc, char **argv) {
  const rt::cli::CommandInfo *info = nullptr;
  for (const rt::cli::CommandInfo &c : rt::cli::commands())
    if (c.command == which)
      info = &c;
  std::string description = info->description;
  description.replace(description.find("%s"), 2, "dlc");
  description +=
      " (FILE may be a model file: it is compiled first)\n\nThe MLIR pass-manager options "
      "(--mlir-print-ir-after-all, --mlir-timing, ...) apply to that compilation.";
  const std::string program = std::string("dlc ") + info->name;
  CLI::App app(description, program);
  app.failure_message([](const CLI::App *a, const CLI::Error &e) {
    return std::string("error: ") + e.what() + "\n" + a->get_name() +
           " --help lists the options\n";
  });
  rt::cli::RuntimeCommand command(which, app);
  CompileFlags flags;
  flags.add(app);
  app.allow_extras();
  try {
    app.parse(argc, argv); // argv[0] is "dlc <command>"
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  }
  if (!parseMLIROptions(program, app.remaining()))
    return 1;
  if (!command.preflight(std::cerr))
    return 1;
  auto source = bundleSource(command, flags);
  if (!source)
    return 1;
  return command.run(*source);
}

} // namespace

int runTrain(int argc, char **argv) {
  return runRuntimeCommand(rt::cli::Command::Train, argc, argv);
}
int runEval(int argc, char **argv) {
  return runRuntimeCommand(rt::cli::Command::Eval, argc, argv);
}
int runPredict(int argc, char **argv) {
  return runRuntimeCommand(rt::cli::Command::Predict, argc, argv);
}
int runWeights(int argc, char **argv) {
  return runRuntimeCommand(rt::cli::Command::Weights, argc, argv);
}

} // namespace dlc::tool
