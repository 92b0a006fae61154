// The checks on a command's output files (see OutputFiles.h).
#include "runtime/cli/OutputFiles.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "runtime/train/Checkpoint.h"

namespace dlc::rt::cli {
namespace {

namespace fs = std::filesystem;

std::string normalised(const std::string &path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal().string() : p.string();
}

/// The folder a new file at `path` goes into.
std::string folderOf(const std::string &path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

/// Creates and removes a file in `folder`: the only sure test that a file
/// can be written there (permissions, read-only mounts, a missing folder).
absl::Status probeFolder(const std::string &option, const std::string &path) {
  const std::string folder = folderOf(path);
  std::string probe = (fs::path(folder) / ".dlc-write-test-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0)
    return absl::PermissionDeniedError(absl::StrCat(option, " ", path, ": cannot create a file in ",
                                                    folder, ": ", std::strerror(errno)));
  ::close(fd);
  ::unlink(probe.c_str());
  return absl::OkStatus();
}

/// Why the existing file at `path` is not one `replaces` may overwrite, or "".
std::string notReplaceable(const std::string &path, Replaces replaces) {
  if (replaces == Replaces::Anything) return "";
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  if (replaces == Replaces::Checkpoint) {
    char head[8] = {};
    in.read(head, sizeof head);
    if (train::hasCheckpointMagic(std::string_view(head, size_t(in.gcount())))) return "";
    return "it exists and is not a dlc checkpoint";
  }
  std::string first;
  std::getline(in, first);
  if (first.empty() && in.eof()) return "";
  nlohmann::json record = nlohmann::json::parse(first, nullptr, false);
  if (record.is_object() && record.contains("task") && record.contains("epoch")) return "";
  return "it exists and is not a dlc training log";
}

} // namespace

bool sameFile(const std::string &a, const std::string &b) {
  struct stat sa, sb;
  const bool ea = ::stat(a.c_str(), &sa) == 0, eb = ::stat(b.c_str(), &sb) == 0;
  if (ea && eb) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ea != eb) return false;
  return normalised(a) == normalised(b);
}

absl::Status checkOutputFiles(const std::vector<InputFile> &inputs,
                              const std::vector<OutputFile> &outputs) {
  for (size_t i = 0; i < outputs.size(); ++i) {
    const OutputFile &out = outputs[i];
    if (out.path.empty() || out.path == "-") continue;
    for (const InputFile &in : inputs) {
      if (in.path.empty() || !sameFile(in.path, out.path)) continue;
      if (in.replacedBy == out.option) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(out.option, " ", out.path, ": that is ", in.option, " (", in.path,
                       "); writing there would destroy it (choose another name)"));
    }
    for (size_t j = 0; j < i; ++j)
      if (!outputs[j].path.empty() && outputs[j].path != "-" &&
          sameFile(outputs[j].path, out.path))
        return absl::InvalidArgumentError(absl::StrCat(out.option, " ", out.path, " and ",
                                                       outputs[j].option, " ", outputs[j].path,
                                                       " name the same file"));
    std::error_code ec;
    if (fs::is_directory(out.path, ec))
      return absl::InvalidArgumentError(
          absl::StrCat(out.option, " ", out.path, ": a folder; name a file"));
    if (std::string why = notReplaceable(out.path, out.replaces); !why.empty())
      return absl::FailedPreconditionError(absl::StrCat(
          out.option, " ", out.path, ": ", why, "; dlc does not overwrite it (choose another "
          "name, or remove the file)"));
    // A new file, and a checkpoint (which replaces its file by a rename),
    // need a folder that takes files; an existing file (or a device such as
    // /dev/null) is written into and needs write permission.
    struct stat st;
    const bool exists = ::stat(out.path.c_str(), &st) == 0;
    if (!exists || out.replaces == Replaces::Checkpoint) {
      if (absl::Status s = probeFolder(out.option, out.path); !s.ok()) return s;
    } else if (::access(out.path.c_str(), W_OK) != 0) {
      return absl::PermissionDeniedError(absl::StrCat(out.option, " ", out.path,
                                                      ": cannot write it: ", std::strerror(errno)));
    }
  }
  return absl::OkStatus();
}

} // namespace dlc::rt::cli
