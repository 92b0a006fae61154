// Where the dataset files are: the data directory (--data-dir, else DLC_DATA_DIR) and the
// "file not found" error that says where to get the official files.
//
// Layout under the data directory (docs/data.md):
//   mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]
//   fashion-mnist/  same names (else /usr/share/datasets/fashion-mnist, Debian's package)
//   cifar10/cifar-10-batches-bin/data_batch_<N>.bin, test_batch.bin
//   babi/tasks_1-20_v1-2/{en,en-10k}/qa<N>_<name>_{train,test}.txt
#ifndef DLC_RUNTIME_DATA_DATADIR_H
#define DLC_RUNTIME_DATA_DATADIR_H

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::data {

/// The environment variable read when no --data-dir is given.
inline constexpr const char *kDataDirEnv = "DLC_DATA_DIR";

/// The data directory: `flagValue` (the --data-dir value; empty = not given), else the value of
/// DLC_DATA_DIR, else an InvalidArgument error naming both. The directory must exist
/// (NotFound error naming it and where the value came from otherwise).
absl::StatusOr<std::string> resolveDataDir(std::string_view flagValue);

/// Which official distribution a file belongs to.
enum class DataSource { kMnist, kFashionMnist, kCifar10, kBabi };

/// One sentence: where to get the official files of `source`.
std::string officialSource(DataSource source);

/// NotFound: "<path>: no such file; <what it is>. <officialSource>". `what` says which file of
/// the dataset was looked for (e.g. "MNIST training images").
absl::Status missingFileError(const std::string &path, std::string_view what, DataSource source);

/// `dir` + "/" + `name` (no double slash).
std::string joinPath(std::string_view dir, std::string_view name);

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_DATADIR_H
