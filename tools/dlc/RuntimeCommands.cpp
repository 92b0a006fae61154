// `dlc train`, `dlc eval` and `dlc predict` (and RuntimeOptions.h's shared
// options): compile a MODEL (or read a BUNDLE) and
// hand it to the runtime's training loop, evaluation or prediction.
#include "tools/dlc/Commands.h"
#include "tools/dlc/CompileModel.h"
#include "tools/dlc/RuntimeOptions.h"
#include "tools/dlc/DiagnosticPrinter.h"

#include "abi/BundleContainer.h"
#include "abi/BundleFormat.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/train/Train.h"

#include "mlir/IR/AsmState.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/Support/CommandLine.h"

#include <cstring>
#include <fstream>

using namespace mlir;
namespace rt = dlc::rt;

namespace dlc::tool {
/// Takes `--threads N` / `--threads=N` out of argv (LLVM's libraries
/// register an option of that name, so it cannot be a cl::opt) and passes it
/// to the cpu target's OpenMP runtime, which reads OMP_NUM_THREADS when it
/// starts. False after printing an error.
static bool takeThreadsOption(int &argc, char **argv) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    std::optional<llvm::StringRef> value;
    if (arg == "--threads" || arg == "-threads") {
      if (i + 1 >= argc) {
        llvm::errs() << "error: --threads needs a value\n";
        return false;
      }
      value = llvm::StringRef(argv[++i]);
    } else if (arg.consume_front("--threads=") || arg.consume_front("-threads=")) {
      value = arg;
    }
    if (!value) {
      argv[out++] = argv[i];
      continue;
    }
    unsigned threads = 0;
    if (value->getAsInteger(10, threads) || threads == 0) {
      llvm::errs() << "error: --threads must be a positive integer, got '" << *value
                   << "'\n";
      return false;
    }
    setenv("OMP_NUM_THREADS", std::to_string(threads).c_str(), 1);
  }
  if (out < argc)
    argv[out] = nullptr; // within the original array (which may lack a terminator)
  argc = out;
  return true;
}

void parseRuntimeOptions(int argc, char **argv, cl::OptionCategory &category,
                         const char *overview) {
  if (!takeThreadsOption(argc, argv))
    std::exit(1);
  std::string text = std::string(overview) +
                     "\n--threads=N: threads of the cpu target's parallel loops "
                     "(default: every core this process may use)\n";
  overview = text.c_str();
  registerAsmPrinterCLOptions();
  registerMLIRContextCLOptions();
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  // Only this command's options in --help; MLIR's and LLVM's stay accepted (--help-hidden).
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv, overview);
}

namespace {
bool isBundleFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  char magic[sizeof(abi::kMagic)] = {};
  in.read(magic, sizeof(magic));
  return in && abi::hasBundleMagic(std::string_view(magic, sizeof(magic)));
}

} // namespace

std::optional<rt::train::BundleSource> bundleSource(CommonOptions &o) {
  rt::train::BundleSource source;

  if (o.batchSize < 0) {
    llvm::errs() << "error: --batch-size must be positive, got " << o.batchSize
                 << "\n";
    return std::nullopt;
  }
  if (isBundleFile(o.model)) {
    if (o.noDropout) {
      llvm::errs() << "error: --no-dropout applies when compiling a model file; "
                   << o.model << " is a bundle\n";
      return std::nullopt;
    }
    if (!o.dataset.empty()) {
      llvm::errs() << "error: --dataset applies when compiling a model file; "
                   << o.model << " is a bundle (compiled for its dataset)\n";
      return std::nullopt;
    }
    source.path = o.model;
    return source;
  }
  const Target *target = findTarget(o.target, llvm::errs());
  if (!target)
    return std::nullopt;
  auto context = createContext();
  DiagnosticPrinter diagnostics(*context);
  auto pipeline = parsePipelineOptions(o.fusion, llvm::errs());
  if (!pipeline)
    return std::nullopt;
  CompileOptions compile;
  compile.batchSize = o.batchSize;
  compile.seed = o.seed.getNumOccurrences() ? o.seed.getValue() : 0;
  compile.dataset = o.dataset;
  compile.cpu = o.cpu;
  compile.pipeline = *pipeline;
  compile.pipeline.noDropout = o.noDropout;
  auto bytes = compileToBundle(*context, o.model, *target, compile);
  if (failed(bytes))
    return std::nullopt;
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), o.model);
  if (!bundle.ok()) {
    llvm::errs() << "error: " << std::string(bundle.status().message()) << "\n";
    return std::nullopt;
  }
  source.bundle = std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
  return source;
}

std::optional<uint64_t> seedOf(const CommonOptions &o) {
  if (o.seed.getNumOccurrences())
    return o.seed.getValue();
  return std::nullopt;
}

int runTrain(int argc, char **argv) {
  CommonOptions o("dlc train options");
  cl::opt<int64_t> epochs("epochs", cl::desc("Epochs (default: the model's)"),
                          cl::cat(o.category));
  cl::opt<int64_t> stepsPerEpoch(
      "steps-per-epoch", cl::desc("Limit each epoch to N batches"),
      cl::cat(o.category));
  cl::opt<int64_t> validationSamples(
      "validation-samples",
      cl::desc("Evaluate each epoch on the first N validation samples only"),
      cl::cat(o.category));
  cl::opt<std::string> log("log",
                           cl::desc("Write one JSON object per epoch (appended "
                                    "on --resume)"),
                           cl::value_desc("run.jsonl"), cl::cat(o.category));
  cl::opt<std::string> save("save", cl::desc("Checkpoint after every epoch"),
                            cl::value_desc("ckpt"), cl::cat(o.category));
  cl::opt<std::string> resume("resume", cl::desc("Continue from a checkpoint"),
                              cl::value_desc("ckpt"), cl::cat(o.category));
  cl::opt<bool> noShuffle("no-shuffle",
                          cl::desc("Train every epoch in dataset order (batch b "
                                   "= samples b*B .. b*B+B-1)"),
                          cl::cat(o.category));
  cl::opt<bool> noAugmentation(
      "no-augmentation",
      cl::desc("Leave out the model's data augmentation (cifar10_cnn)"),
      cl::cat(o.category));
  parseRuntimeOptions(argc, argv, o.category,
        "Train a model on its task's data.\n\nExample: dlc train "
        "models/mnist_mlp.yaml --data-dir ../shared/data --epochs 1\n");
  auto source = bundleSource(o);
  if (!source)
    return 1;
  rt::train::TrainOptions t;
  t.source = *source;
  t.dataDir = o.dataDir;
  if (epochs.getNumOccurrences())
    t.epochs = epochs;
  if (stepsPerEpoch.getNumOccurrences())
    t.stepsPerEpoch = stepsPerEpoch;
  if (o.batchSize)
    t.batchSize = o.batchSize;
  if (validationSamples.getNumOccurrences())
    t.validationSamples = validationSamples;
  t.seed = seedOf(o);
  t.logPath = log;
  t.savePath = save;
  t.resumePath = resume;
  t.shuffle = !noShuffle;
  t.augment = !noAugmentation;
  return rt::train::runTrain(t);
}

int runEval(int argc, char **argv) {
  CommonOptions o("dlc eval options");
  cl::opt<std::string> checkpoint(
      "checkpoint", cl::desc("Weights to evaluate (default: the initial ones)"),
      cl::value_desc("ckpt"), cl::cat(o.category));
  parseRuntimeOptions(argc, argv, o.category,
        "Test-set loss and accuracy of a checkpoint.\n\nExample: dlc eval "
        "models/mnist_mlp.yaml --checkpoint mlp.ckpt --data-dir ../shared/data\n");
  auto source = bundleSource(o);
  if (!source)
    return 1;
  rt::train::EvalOptions e;
  e.source = *source;
  e.checkpointPath = checkpoint;
  e.dataDir = o.dataDir;
  e.seed = seedOf(o);
  return rt::train::runEval(e);
}

int runPredict(int argc, char **argv) {
  CommonOptions o("dlc predict options");
  cl::opt<std::string> checkpoint(
      "checkpoint", cl::desc("Weights to use (default: the initial ones)"),
      cl::value_desc("ckpt"), cl::cat(o.category));
  cl::list<std::string> inputs(
      "input", cl::desc("Input file (.npy or IDX), one per model input"),
      cl::value_desc("file"), cl::OneOrMore, cl::cat(o.category));
  cl::opt<std::string> output("o", cl::desc("Output file (default: stdout)"),
                              cl::value_desc("file"), cl::cat(o.category));
  cl::opt<std::string> format("format", cl::desc("jsonl (default) or csv"),
                              cl::init("jsonl"), cl::cat(o.category));
  parseRuntimeOptions(argc, argv, o.category,
        "Class probabilities for inputs from files.\n\nExample: dlc predict "
        "models/mnist_mlp.yaml --checkpoint mlp.ckpt --input "
        "t10k-images-idx3-ubyte\n");
  auto source = bundleSource(o);
  if (!source)
    return 1;
  rt::train::PredictOptions p;
  p.source = *source;
  p.checkpointPath = checkpoint;
  p.seed = seedOf(o);
  p.inputPaths.assign(inputs.begin(), inputs.end());
  p.outputPath = output;
  p.format = format;
  return rt::train::runPredict(p);
}

} // namespace dlc::tool
