// The runtime commands' options and how they run (see RuntimeCommands.h).
#include "runtime/cli/RuntimeCommands.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include <sched.h>

#include "abi/BundleContainer.h"
#include "runtime/backends/Backends.h"
#include "runtime/cli/OutputFiles.h"
#include "runtime/train/Weights.h"

namespace dlc::rt::cli {

const std::vector<CommandInfo> &commands() {
  static const std::vector<CommandInfo> list = {
      {Command::Train, "train", "train a model or bundle on its task's data",
       "Train a compiled model on its task's data.\n\n"
       "Example: %s train mnist_mlp.dlcb --data-dir ../shared/data --epochs 1"},
      {Command::Eval, "eval", "test-set loss and accuracy of a checkpoint",
       "Test-set loss and accuracy of a checkpoint (or of the initial weights).\n\n"
       "Example: %s eval mnist_mlp.dlcb --checkpoint mlp.ckpt --data-dir ../shared/data"},
      {Command::Predict, "predict", "class probabilities for inputs from files",
       "Class probabilities for inputs from files (.npy, IDX).\n\n"
       "Example: %s predict mnist_mlp.dlcb --checkpoint mlp.ckpt --input "
       "t10k-images-idx3-ubyte"},
      {Command::Weights, "weights", "export a bundle's or checkpoint's weights by name (.npz)",
       "Export a bundle's or checkpoint's state tensors by name as .npz.\n\n"
       "Example: %s weights mnist_mlp.dlcb --checkpoint mlp.ckpt --out mlp.npz"},
  };
  return list;
}

const CommandInfo *findCommand(std::string_view name) {
  for (const CommandInfo &c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

namespace {

/// A whole number of at least `least` (CLI11's own checks print the range
/// in full-width floating point).
CLI::Validator atLeast(long long least) {
  return CLI::Validator(
      [least](std::string &text) -> std::string {
        char *end = nullptr;
        errno = 0;
        const bool negative = !text.empty() && text[0] == '-';
        const unsigned long long v = std::strtoull(text.c_str() + negative, &end, 10);
        if (text.size() == size_t(negative) || *end != '\0' || errno == ERANGE ||
            !std::isdigit(static_cast<unsigned char>(text[negative])))
          return "expected a whole number, got '" + text + "'";
        if (negative || v < static_cast<unsigned long long>(least))
          return "must be at least " + std::to_string(least) + ", got " + text;
        return "";
      },
      least > 0 ? "POSITIVE" : "NONNEGATIVE");
}

} // namespace

RuntimeCommand::RuntimeCommand(Command command, CLI::App &app) : command_(command) {
  app.add_option("file", file_, "The compiled model (.dlcb) to run")->required();
  app.add_option("--data-dir", dataDir_, "Dataset directory (default: $DLC_DATA_DIR)")
      ->type_name("DIR");
  app.add_option("--batch-size", batchSize_,
                 "Batch size (a model file is compiled with it; a bundle must have it)")
      ->check(atLeast(1));
  app.add_option("--seed", seed_,
                 "Philox seed of the initial weights, dropout, shuffling and augmentation "
                 "(default: the bundle's)")
      ->check(atLeast(0));
  app.add_option("--threads", threads_,
                 "Threads of the cpu target's parallel loops (default: every core this "
                 "process may use)")
      ->check(atLeast(1));
  switch (command) {
  case Command::Train:
    app.add_option("--epochs", epochs_,
                   "Epochs (default: the model's); counted from the run's start, so a resumed "
                   "run needs more than its checkpoint's")
        ->check(atLeast(1));
    app.add_option("--steps-per-epoch", stepsPerEpoch_, "Limit each epoch to N batches")
        ->check(atLeast(1));
    app.add_option("--validation-samples", validationSamples_,
                   "Evaluate each epoch on the first N validation samples only")
        ->check(atLeast(1));
    app.add_option("--log", log_, "Write one JSON object per epoch (appended on --resume)")
        ->type_name("run.jsonl");
    app.add_option("--save", save_, "Checkpoint after every epoch")->type_name("ckpt");
    app.add_option("--resume", resume_, "Continue from a checkpoint")->type_name("ckpt");
    app.add_flag("--no-shuffle", noShuffle_,
                 "Train every epoch in dataset order (batch b = samples b*B .. b*B+B-1)");
    app.add_flag("--no-augmentation", noAugmentation_,
                 "Leave out the model's data augmentation (cifar10_cnn)");
    break;
  case Command::Eval:
    app.add_option("--checkpoint", checkpoint_, "Weights to evaluate (default: the initial ones)")
        ->type_name("ckpt");
    break;
  case Command::Predict:
    app.add_option("--checkpoint", checkpoint_, "Weights to use (default: the initial ones)")
        ->type_name("ckpt");
    app.add_option("--input", inputs_, "Input file (.npy or IDX), one per model input")
        ->required()
        ->type_name("FILE");
    app.add_option("-o", output_, "Output file (default: stdout)")->type_name("FILE");
    app.add_option("--format", format_, "jsonl (default) or csv")
        ->check(CLI::IsMember({"jsonl", "csv"}));
    break;
  case Command::Weights:
    app.add_option("--checkpoint", checkpoint_, "Weights to export (default: the initial ones)")
        ->type_name("ckpt");
    app.add_option("--out", output_, "The .npz file to write")->required()->type_name("FILE");
    app.add_flag("--params-only", paramsOnly_,
                 "Only the parameters (no optimizer slots, no iteration counter)");
    break;
  }
}

int usableCores() {
  cpu_set_t cpus;
  return sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : 1;
}

int parseOmpNumThreads(const std::string &value, std::string &why) {
  int first = 0;
  size_t start = 0;
  for (int level = 0;; ++level) {
    const size_t comma = value.find(',', start);
    std::string item = value.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    const size_t b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    item = b == std::string::npos ? "" : item.substr(b, e - b + 1);
    if (item.empty() || item.size() > 9 ||
        item.find_first_not_of("0123456789") != std::string::npos || std::stoi(item) < 1) {
      why = "expected a positive whole number (or a comma-separated list of them, one per "
            "nesting level)";
      return 0;
    }
    if (level == 0) first = std::stoi(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return first;
}

bool RuntimeCommand::preflight(std::ostream &err) const {
  const int cores = usableCores();
  auto tooMany = [&](const std::string &what, int n) {
    if (n > kMaxThreads) {
      err << "error: " << what << ": at most " << kMaxThreads << " threads (this process may use "
          << cores << " cores)\n";
      return true;
    }
    if (n > cores)
      err << "warning: " << what << ": more threads than the " << cores
          << " cores this process may use; they take turns on the cores and every parallel "
             "loop waits for the last of them, which is often many times slower (use at most "
          << cores << ")\n";
    return false;
  };
  if (threads_) {
    if (tooMany("--threads " + std::to_string(*threads_), *threads_)) return false;
  } else if (const char *omp = std::getenv("OMP_NUM_THREADS")) {
    std::string why;
    const int n = parseOmpNumThreads(omp, why);
    const std::string what = std::string("OMP_NUM_THREADS='") + omp + "'";
    if (n == 0) {
      err << "error: " << what << ": " << why << "; unset it, or use --threads N\n";
      return false;
    }
    if (tooMany(what, n)) return false;
  }
  std::vector<InputFile> inputs = {{"the model or bundle this command runs", file_}};
  if (!resume_.empty()) inputs.push_back({"the --resume checkpoint", resume_, "--save"});
  if (!checkpoint_.empty()) inputs.push_back({"the --checkpoint", checkpoint_});
  for (const std::string &in : inputs_) inputs.push_back({"an --input file", in});
  std::vector<OutputFile> outputs;
  if (!log_.empty()) outputs.push_back({"--log", log_, Replaces::Log});
  if (!save_.empty()) outputs.push_back({"--save", save_, Replaces::Checkpoint});
  if (!output_.empty())
    outputs.push_back({command_ == Command::Weights ? "--out" : "-o", output_});
  if (absl::Status s = checkOutputFiles(inputs, outputs); !s.ok()) {
    err << "error: " << s.message() << "\n";
    return false;
  }
  return true;
}

int RuntimeCommand::run(const train::BundleSource &source) const {
  // The cpu target's OpenMP runtime reads this when a bundle's library first
  // runs a parallel loop.
  if (threads_) setenv("OMP_NUM_THREADS", std::to_string(*threads_).c_str(), 1);
  switch (command_) {
  case Command::Train: {
    train::TrainOptions t;
    t.source = source;
    t.dataDir = dataDir_;
    t.epochs = epochs_;
    t.stepsPerEpoch = stepsPerEpoch_;
    t.batchSize = batchSize_;
    t.validationSamples = validationSamples_;
    t.seed = seed_;
    t.logPath = log_;
    t.savePath = save_;
    t.resumePath = resume_;
    t.shuffle = !noShuffle_;
    t.augment = !noAugmentation_;
    return train::runTrain(t);
  }
  case Command::Eval: {
    train::EvalOptions e;
    e.source = source;
    e.checkpointPath = checkpoint_;
    e.dataDir = dataDir_;
    e.seed = seed_;
    return train::runEval(e);
  }
  case Command::Predict: {
    train::PredictOptions p;
    p.source = source;
    p.checkpointPath = checkpoint_;
    p.seed = seed_;
    p.inputPaths = inputs_;
    p.outputPath = output_;
    p.format = format_;
    return train::runPredict(p);
  }
  case Command::Weights: {
    train::WeightsOptions w;
    w.source = source;
    w.checkpointPath = checkpoint_;
    w.seed = seed_;
    w.paramsOnly = paramsOnly_;
    w.outputPath = output_;
    return train::runWeights(w);
  }
  }
  return 1;
}

FileKind classifyFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileKind::Unreadable;
  std::string head(4096, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(size_t(in.gcount()));
  if (abi::hasBundleMagic(head)) return FileKind::Bundle;
  if (head.compare(0, 4, "PK\x03\x04") == 0) return FileKind::Model;
  // Model files are text: a NUL byte or other control characters (but tabs and
  // line ends) mean a binary file, which can only be a damaged bundle here.
  for (char c : head) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') return FileKind::Bundle;
  }
  // MLIR text starts (after comments) with a module, a function or an
  // attribute alias; a Keras file with a mapping key or '{'.
  size_t i = 0;
  while (i < head.size()) {
    i = head.find_first_not_of(" \t\r\n", i);
    if (i == std::string::npos) break;
    if (head.compare(i, 2, "//") != 0) break;
    i = head.find('\n', i);
  }
  if (i != std::string::npos && i < head.size()) {
    for (const char *start : {"module", "\"builtin.module\"", "func.func", "#map", "#loc"})
      if (head.compare(i, std::strlen(start), start) == 0) return FileKind::MlirText;
  }
  return FileKind::Model;
}

std::string mlirTextError(const std::string &path) {
  return path + ": MLIR text (dlc compile --emit=mlir output), neither a bundle nor a Keras "
                "model file; compile the model file to a bundle with dlc compile MODEL "
                "--target=cpu -o model.dlcb";
}

namespace {

std::string describe(const CommandInfo &c, const std::string &tool) {
  std::string text = c.description;
  const size_t at = text.find("%s");
  if (at != std::string::npos) text.replace(at, 2, tool);
  return text;
}

void printUsage(std::ostream &os) {
  os << "dlc-run - run a compiled dlc bundle (.dlcb) without the compiler: the runtime\n"
        "alone, with the backends for ";
  const std::vector<std::string> targets = backendTargets();
  for (size_t i = 0; i < targets.size(); ++i) os << (i ? ", " : "") << targets[i];
  os << "\n\nUSAGE: dlc-run <command> BUNDLE [options]\n\nCOMMANDS:\n";
  for (const CommandInfo &c : commands())
    os << "  " << c.name << std::string(10 - std::string(c.name).size(), ' ') << c.summary
       << "\n";
  os << "\n`dlc-run <command> --help` lists a command's options; they are dlc's (`dlc train`\n"
        "and the others take a bundle too, or compile a model file first).\n";
}

} // namespace

int runBundleTool(int argc, char **argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    printUsage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 1 : 0;
  }
  const CommandInfo *info = findCommand(argv[1]);
  if (!info) {
    std::cerr << "dlc-run: error: unknown command '" << argv[1] << "'\n\n";
    printUsage(std::cerr);
    return 1;
  }
  const std::string name = std::string("dlc-run ") + info->name;
  CLI::App app(describe(*info, "dlc-run"), name);
  app.failure_message([](const CLI::App *a, const CLI::Error &e) {
    return std::string("error: ") + e.what() + "\n" + a->get_name() +
           " --help lists the options\n";
  });
  RuntimeCommand command(info->command, app);
  try {
    app.parse(argc - 1, argv + 1);
  } catch (const CLI::ParseError &e) {
    return app.exit(e);
  }
  if (!command.preflight(std::cerr)) return 1;
  // A model file needs the compiler: say so instead of "bad magic" (a
  // damaged bundle gets the bundle reader's message).
  switch (classifyFile(command.file())) {
  case FileKind::Model:
    std::cerr << "error: " << command.file()
              << ": not a dlc bundle; dlc-run runs compiled bundles (dlc compile MODEL "
                 "--target=cpu -o model.dlcb, or dlc "
              << info->name << " MODEL to compile and run)\n";
    return 1;
  case FileKind::MlirText:
    std::cerr << "error: " << mlirTextError(command.file()) << "\n";
    return 1;
  case FileKind::Bundle:
  case FileKind::Unreadable:
    break;
  }
  train::BundleSource source;
  source.path = command.file();
  return command.run(source);
}

} // namespace dlc::rt::cli
