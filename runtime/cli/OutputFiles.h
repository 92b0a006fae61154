// The checks every command makes on the files it will write, before any work:
// no output may be one of the command's own input files (`dlc compile m.yaml
// -o m.yaml`, `dlc train m.yaml --save m.yaml`) or another output, each must
// be creatable where it is named (the reason in the operating system's words),
// and a file that a checkpoint or log would replace must be one (a user's file
// of another kind is never overwritten).
#ifndef DLC_RUNTIME_CLI_OUTPUTFILES_H
#define DLC_RUNTIME_CLI_OUTPUTFILES_H

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace dlc::rt::cli {

/// A file the command reads; `option` says which in messages ("the --resume
/// checkpoint").
struct InputFile {
  std::string option;
  std::string path;
  /// The output option that may replace this file ("--save" for --resume:
  /// a resumed run updates its own checkpoint), or "".
  std::string replacedBy = "";
};

/// What an existing file at an output's path must be for the command to
/// replace it.
enum class Replaces {
  Anything,   ///< -o, --out: the user asked for this file
  Checkpoint, ///< --save: only a dlc checkpoint
  Log,        ///< --log: only a dlc training log (JSON lines), or an empty file
};

struct OutputFile {
  std::string option;
  std::string path;
  Replaces replaces = Replaces::Anything;
};

/// Checks `outputs` against `inputs` and each other (the same file by device
/// and inode when it exists, by absolute path otherwise), that no output is a
/// folder, what an existing file is (Replaces), and that each can be written:
/// a new file or a checkpoint needs a folder that takes a new file (tried by
/// creating and removing one), an existing file (or a device: /dev/null)
/// write permission. Outputs with an empty path, or "-" (stdout), are
/// skipped. The error starts with the option.
absl::Status checkOutputFiles(const std::vector<InputFile> &inputs,
                              const std::vector<OutputFile> &outputs);

/// Whether the files at `a` and `b` are one file (both exist: same device and
/// inode; else the same absolute, normalised path).
bool sameFile(const std::string &a, const std::string &b);

} // namespace dlc::rt::cli

#endif // DLC_RUNTIME_CLI_OUTPUTFILES_H
