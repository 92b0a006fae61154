// What `dlc train`, `eval`, `predict` and `weights` share: the options
// every runtime command has and the bundle they name or compile.
#ifndef DLC_TOOLS_DLC_RUNTIMEOPTIONS_H
#define DLC_TOOLS_DLC_RUNTIMEOPTIONS_H

#include "runtime/train/Train.h"
#include "tools/dlc/CompileModel.h"

#include "llvm/Support/CommandLine.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dlc::tool {
namespace cl = llvm::cl;

/// Options every runtime command has.
struct CommonOptions {
  cl::OptionCategory category;
  cl::opt<std::string> model;
  cl::opt<std::string> target;
  cl::opt<std::string> dataDir;
  cl::opt<int64_t> batchSize;
  cl::opt<uint64_t> seed;
  cl::opt<std::string> dataset;
  cl::opt<bool> noDropout;
  cl::opt<std::string> cpu;
  cl::opt<std::string> fusion;

  explicit CommonOptions(const char *name)
      : category(name),
        model(cl::Positional, cl::Required,
              cl::desc("<model file (.yaml, .json, .keras) or bundle (.dlcb)>"),
              cl::cat(category)),
        target("target",
               cl::desc("Target to compile a model file for: cpu (native code, "
                        "the default) or cpu-ref (reference kernels)"),
               cl::init("cpu"), cl::value_desc("name"), cl::cat(category)),
        dataDir("data-dir",
                cl::desc("Dataset directory (default: $DLC_DATA_DIR)"),
                cl::value_desc("dir"), cl::cat(category)),
        batchSize("batch-size",
                  cl::desc("Batch size (a model file is compiled with it; a "
                           "bundle must have it)"),
                  cl::init(0), cl::cat(category)),
        seed("seed",
             cl::desc("Philox seed of the initial weights, dropout, shuffling "
                      "and augmentation (default: the bundle's, 0)"),
             cl::cat(category)),
        dataset("dataset",
                cl::desc("Train on another dataset than the model file names: "
                         "name[:task[:variant]], e.g. fashion_mnist, "
                         "babi:qa1:en-10k"),
                cl::value_desc("name"), cl::cat(category)),
        noDropout("no-dropout",
                  cl::desc("Compile the model file without its Dropout layers "
                           "(as rate 0; for step-by-step comparisons with "
                           "other frameworks)"),
                  cl::cat(category)),
        cpu("cpu",
            cl::desc("CPU the cpu target compiles a model file for (default: "
                     "this machine's; e.g. x86-64-v3 for AVX2)"),
            cl::value_desc("name"), cl::cat(category)),
        fusion("fusion", cl::desc(kFusionHelp), cl::value_desc("list"),
               cl::cat(category)) {}
};

/// Parses the command line with only `category`'s options in --help (MLIR's
/// and LLVM's stay accepted).
void parseRuntimeOptions(int argc, char **argv, cl::OptionCategory &category,
                         const char *overview);

/// The bundle to run: the file itself, or the model compiled in memory
/// (without dropout for --no-dropout). Prints the error and returns nullopt.
std::optional<rt::train::BundleSource> bundleSource(CommonOptions &o);

/// --seed when given.
std::optional<uint64_t> seedOf(const CommonOptions &o);

} // namespace dlc::tool

#endif // DLC_TOOLS_DLC_RUNTIMEOPTIONS_H
