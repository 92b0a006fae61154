// Where the dataset files are (implementation of DataDir.h).
#include "runtime/data/DataDir.h"

#include <cstdlib>
#include <sys/stat.h>

#include "absl/strings/str_cat.h"

namespace dlc::rt::data {

/// absl here is built with its own string_view: convert at the API boundary.
inline absl::string_view av(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::StatusOr<std::string> resolveDataDir(std::string_view flagValue) {
  std::string dir;
  std::string from;
  if (!flagValue.empty()) {
    dir = std::string(flagValue);
    from = "--data-dir";
  } else if (const char *env = std::getenv(kDataDirEnv); env && *env) {
    dir = env;
    from = kDataDirEnv;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("no data directory: expected --data-dir=DIR or the environment variable ",
                     kDataDirEnv, ", found neither"));
  }
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0)
    return absl::NotFoundError(
        absl::StrCat(dir, ": data directory (from ", from, ") does not exist"));
  if (!S_ISDIR(st.st_mode))
    return absl::InvalidArgumentError(
        absl::StrCat(dir, ": data directory (from ", from, ") is not a directory"));
  return dir;
}

std::string officialSource(DataSource source) {
  switch (source) {
  case DataSource::kMnist:
    return "Get the official MNIST files (IDX format, gzipped or not) from Yann LeCun's MNIST "
           "page, http://yann.lecun.com/exdb/mnist/";
  case DataSource::kFashionMnist:
    return "Install Fashion-MNIST with `apt-get install dataset-fashion-mnist` (it installs "
           "into /usr/share/datasets/fashion-mnist), or copy its IDX files there";
  case DataSource::kCifar10:
    return "Get the CIFAR-10 binary version (cifar-10-binary.tar.gz, which unpacks to "
           "cifar-10-batches-bin/) from Alex Krizhevsky's CIFAR page, "
           "https://www.cs.toronto.edu/~kriz/cifar.html";
  case DataSource::kBabi:
    return "Get the bAbI tasks v1.2 (tasks_1-20_v1-2.tar.gz) from Facebook Research's bAbI "
           "page, https://research.facebook.com/downloads/babi/";
  }
  return "";
}

absl::Status missingFileError(const std::string &path, std::string_view what, DataSource source) {
  return absl::NotFoundError(
      absl::StrCat(path, ": no such file (", av(what), "). ", officialSource(source), "."));
}

std::string joinPath(std::string_view dir, std::string_view name) {
  if (dir.empty())
    return std::string(name);
  if (dir.back() == '/')
    return absl::StrCat(av(dir), av(name));
  return absl::StrCat(av(dir), "/", av(name));
}

} // namespace dlc::rt::data
