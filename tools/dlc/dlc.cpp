// dlc: the user driver; dispatches `dlc <command> ...` to one subcommand.
#include "tools/dlc/Commands.h"

#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>
#include <string>
#include <vector>

namespace {
struct Command {
  const char *name;
  const char *summary;
  int (*run)(int, char **);
};

const Command kCommands[] = {
    {"compile", "compile a Keras model file (--emit=mlir|summary|train-mlir|bundle)",
     dlc::tool::runCompile},
    {"train", "train a model or bundle on its task's data", dlc::tool::runTrain},
    {"eval", "test-set loss and accuracy of a checkpoint", dlc::tool::runEval},
    {"predict", "class probabilities for inputs from files",
     dlc::tool::runPredict},
    {"weights", "export a bundle's or checkpoint's weights by name (.npz)",
     dlc::tool::runWeights},
    {"bench", "train the tasks on every available target; results.json, "
              "report.md, plots",
     dlc::tool::runBench},
    {"tune", "time library calls against generated kernels per op on the GPU; a cache "
             "for --target=cuda",
     dlc::tool::runTune},
};

void printUsage(llvm::raw_ostream &os) {
  os << "dlc - a deep-learning graph compiler for Keras models\n\n"
        "USAGE: dlc <command> [options]\n\nCOMMANDS:\n";
  for (const Command &c : kCommands)
    os << "  " << c.name << std::string(10 - std::strlen(c.name), ' ')
       << c.summary << "\n";
  os << "\n`dlc <command> --help` lists a command's options.\n";
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    printUsage(llvm::outs());
    return argc < 2 ? 1 : 0;
  }
  for (const Command &c : kCommands) {
    if (std::strcmp(argv[1], c.name))
      continue;
    // The command sees "dlc <command>" as its program name and the rest as
    // its own arguments, so llvm::cl options (the pass-manager ones too)
    // parse exactly as in a single-command tool.
    std::string prog = std::string("dlc ") + c.name;
    std::vector<char *> args{prog.data()};
    args.insert(args.end(), argv + 2, argv + argc);
    return c.run(static_cast<int>(args.size()), args.data());
  }
  llvm::errs() << "dlc: error: unknown command '" << argv[1] << "'\n\n";
  printUsage(llvm::errs());
  return 1;
}
