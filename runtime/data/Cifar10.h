// CIFAR-10, binary version (Krizhevsky 2009): reading, validation, and the HWC float layout of
// the cifar10_cnn task.
//
// A batch file is a sequence of 3073-byte records: 1 label byte (0..9), then the 32x32 red
// plane, the green plane and the blue plane, each 1024 bytes row-major. Any number of records
// per file is accepted (the official files hold 10000; a file whose size is not a multiple of
// 3073 is an error). Training files are every data_batch_<N>.bin of the folder, in increasing
// N; the test file is test_batch.bin. No random draws here (augmentation: ImageAugmentation.h).
#ifndef DLC_RUNTIME_DATA_CIFAR10_H
#define DLC_RUNTIME_DATA_CIFAR10_H

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/data/Dataset.h"

namespace dlc::rt::data {

inline constexpr int64_t kCifarHeight = 32, kCifarWidth = 32, kCifarChannels = 3;
inline constexpr int64_t kCifarRecordBytes = 1 + kCifarHeight * kCifarWidth * kCifarChannels;

/// Images as stored after conversion: uint8, [count, 32, 32, 3] (HWC, channels R, G, B).
struct CifarSplit {
  int64_t count = 0;
  std::vector<uint8_t> imagesHWC;
  std::vector<uint8_t> labels; ///< [count], each 0..9
};

/// Reads one batch file and appends its records to `into` (planes → HWC).
absl::Status readCifarBatch(const std::string &path, CifarSplit &into);

/// Paths of the training files (data_batch_<N>.bin, sorted by N) and the test file.
struct Cifar10Files {
  std::vector<std::string> train;
  std::string test;
};

/// Looks in <dataDir>/cifar10/cifar-10-batches-bin/. No data_batch_*.bin or no test_batch.bin
/// is a NotFound naming the paths and where to get the binary version.
/// Only the files of `splits` are looked for.
absl::StatusOr<Cifar10Files> resolveCifar10Files(const std::string &dataDir, Splits splits = {});

struct Cifar10Data {
  CifarSplit train, test;
};

absl::StatusOr<Cifar10Data> loadCifar10(const Cifar10Files &files);

/// The split as a Dataset: input "image" float32 [32, 32, 3] = float(double(pixel) * rescale),
/// one-hot labels over 10 classes.
Dataset cifarToDataset(const CifarSplit &split, double rescale, std::string name = "cifar10");

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_CIFAR10_H
