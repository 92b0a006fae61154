// MNIST and Fashion-MNIST in the IDX format (LeCun et al.): reading, validation, and the
// layouts the tasks take (flat 784 for mnist_mlp; 28x28x1 NHWC for mnist_cnn and mnist_hrnn).
//
// IDX: big-endian uint32 magic 0x0000TTNN (TT = element type, 0x08 = unsigned byte;
// NN = number of dims), NN big-endian uint32 dims, then the elements row-major.
// Images: 0x00000803 [count, rows, cols]; labels: 0x00000801 [count]. Files may be gzipped
// (detected by the gzip magic, not the name). No random draws here.
#ifndef DLC_RUNTIME_DATA_MNIST_H
#define DLC_RUNTIME_DATA_MNIST_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/data/Dataset.h"

namespace dlc::rt::data {

/// An IDX array of unsigned bytes.
struct IdxArray {
  std::vector<int64_t> dims;
  std::vector<uint8_t> data; ///< row-major, product(dims) bytes
};

/// Reads an unsigned-byte IDX file with `expectedRank` dims. Errors name the path and say what
/// was expected and found: magic, header length, a zero dimension, payload size (truncated or
/// trailing bytes), gzip corruption.
absl::StatusOr<IdxArray> readIdxUbyte(const std::string &path, int expectedRank);

/// The dimensions in the header of an unsigned-byte IDX file (raw or gzip), without reading
/// the rest; the same header checks as readIdxUbyte.
absl::StatusOr<std::vector<int64_t>> readIdxDims(const std::string &path, int expectedRank);

/// One split (train or test) as stored: uint8 pixels and labels.
struct MnistSplit {
  int64_t count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> images; ///< [count, rows, cols] row-major
  std::vector<uint8_t> labels; ///< [count], each in 0..9
};

/// Reads an images file and a labels file of one split; their counts must agree and every
/// label must be in 0..9.
absl::StatusOr<MnistSplit> loadMnistSplit(const std::string &imagesPath,
                                          const std::string &labelsPath);

/// The four files of a dataset.
struct MnistFiles {
  std::string trainImages, trainLabels, testImages, testLabels;
};

/// Debian's dataset-fashion-mnist installs here.
inline constexpr const char *kFashionMnistSystemDir = "/usr/share/datasets/fashion-mnist";

/// Finds the files of dataset `name`: "mnist" → <dataDir>/mnist/, "fashion_mnist" →
/// <dataDir>/fashion-mnist/, falling back to `fashionFallbackDir` when that folder does not hold
/// the training images. Each file is `<base>` or `<base>.gz` (the uncompressed one first),
/// base ∈ {train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte}. A missing file is a NotFound naming every path tried and where to
/// get the files; an unknown name is InvalidArgument listing the known ones.
/// Only the files of `splits` are looked for (the others stay ""); the folder used is the one
/// holding the first file needed (the training images, else the test images).
absl::StatusOr<MnistFiles> resolveMnistFiles(const std::string &dataDir, std::string_view name,
                                             const std::string &fashionFallbackDir =
                                                 kFashionMnistSystemDir,
                                             Splits splits = {});

struct MnistData {
  MnistSplit train, test;
};

/// Loads the splits whose files are named (a split without files stays empty).
absl::StatusOr<MnistData> loadMnist(const MnistFiles &files);

/// How a task takes an image.
enum class MnistLayout {
  kFlat,   ///< [rows*cols]        (mnist_mlp: 784)
  kImage,  ///< [rows, cols, 1]    (mnist_cnn, mnist_hrnn: NHWC 28x28x1)
};

/// The split as a Dataset: input "image" float32 = pixel * rescale, computed as
/// float(double(pixel) * rescale), which for rescale = 1/255 equals Keras' float32 `x /= 255`
/// bit for bit; one-hot labels over 10 classes.
Dataset mnistToDataset(const MnistSplit &split, MnistLayout layout, double rescale,
                       std::string name = "mnist");

} // namespace dlc::rt::data

#endif // DLC_RUNTIME_DATA_MNIST_H
