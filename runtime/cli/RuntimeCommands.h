// The runtime commands — train, eval, predict and weights on a compiled bundle —
// as one set of option definitions (CLI11) and one way to run them. `dlc-run`
// (tools/dlc-run) is exactly these commands on a bundle file; `dlc train|eval|
// predict|weights` (tools/dlc) adds the options that compile a model file
// first, so both tools take the same options and print the same output.
#ifndef DLC_RUNTIME_CLI_RUNTIMECOMMANDS_H
#define DLC_RUNTIME_CLI_RUNTIMECOMMANDS_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "runtime/train/Train.h"

namespace dlc::rt::cli {

enum class Command { Train, Eval, Predict, Weights };

struct CommandInfo {
  Command command;
  const char *name;
  const char *summary;
  /// What `--help` says first: what the command does, with an example run
  /// (`%s` stands for the tool: "dlc-run" or "dlc").
  const char *description;
};

/// The four commands, in the order --help lists them.
const std::vector<CommandInfo> &commands();
/// The command called `name`, or null.
const CommandInfo *findCommand(std::string_view name);

/// One runtime command's options, added to a CLI11 app. Not copyable: the
/// app writes into it while it parses.
class RuntimeCommand {
public:
  /// Adds `command`'s options to `app`: the positional file, --data-dir,
  /// --batch-size, --seed, --threads and the command's own (--epochs, --save,
  /// --checkpoint, --input, --out, ...).
  RuntimeCommand(Command command, CLI::App &app);
  RuntimeCommand(const RuntimeCommand &) = delete;
  RuntimeCommand &operator=(const RuntimeCommand &) = delete;

  Command command() const { return command_; }
  /// The positional argument: a bundle (dlc-run) or a bundle or model file (dlc).
  const std::string &file() const { return file_; }
  /// --batch-size and --seed, when given (a model file is compiled with them).
  std::optional<int64_t> batchSize() const { return batchSize_; }
  std::optional<uint64_t> seed() const { return seed_; }
  /// --data-dir ("" = $DLC_DATA_DIR).
  const std::string &dataDir() const { return dataDir_; }

  /// What can be checked before any work, once `app` has parsed: the thread
  /// settings (--threads, else $OMP_NUM_THREADS, which the OpenMP runtime
  /// aborts on when malformed) and the output files (OutputFiles.h: none is
  /// an input, each can be written, none replaces a file of another kind).
  /// Prints "error: ..." or warnings to `err`; false when the command must
  /// not run. Both tools call it before reading or compiling anything.
  bool preflight(std::ostream &err) const;

  /// Runs the command on `source` once `app` has parsed; prints progress,
  /// results and errors ("error: ...") and returns the exit status.
  int run(const train::BundleSource &source) const;

private:
  Command command_;
  std::string file_;
  std::string dataDir_;
  std::optional<int64_t> batchSize_;
  std::optional<uint64_t> seed_;
  std::optional<int> threads_;
  // train
  std::optional<int64_t> epochs_, stepsPerEpoch_, validationSamples_;
  std::string log_, save_, resume_;
  bool noShuffle_ = false, noAugmentation_ = false;
  // eval, predict, weights
  std::string checkpoint_;
  std::vector<std::string> inputs_;
  std::string output_, format_ = "jsonl";
  bool paramsOnly_ = false;
};

/// Most threads --threads and $OMP_NUM_THREADS may ask for: far beyond any
/// machine dlc runs on, and below what makes the OpenMP runtime fail to
/// create its team.
inline constexpr int kMaxThreads = 1024;

/// The cores this process may run on (its affinity mask).
int usableCores();

/// Checks an $OMP_NUM_THREADS value as the OpenMP runtime reads it: a
/// positive whole number, or a comma-separated list of them (one per nesting
/// level), spaces allowed around each. Returns the first number, or 0 after
/// putting the reason in `why`.
int parseOmpNumThreads(const std::string &value, std::string &why);

/// What a command's FILE holds, told by its content (never its name).
enum class FileKind {
  Bundle,   ///< the bundle magic, or binary bytes that are not a zip: a
            ///< damaged bundle, which the bundle reader explains ("bad magic")
  Model,    ///< text (YAML, JSON) or a zip (.keras): a Keras model file
  MlirText, ///< MLIR text (`dlc compile --emit=mlir` output): neither
  Unreadable,
};
FileKind classifyFile(const std::string &path);

/// The error for a FILE of kind MlirText.
std::string mlirTextError(const std::string &path);

/// Runs the dlc-run command line (`dlc-run <command> BUNDLE [options]`);
/// argv[0] is the program.
int runBundleTool(int argc, char **argv);

} // namespace dlc::rt::cli

#endif // DLC_RUNTIME_CLI_RUNTIMECOMMANDS_H
