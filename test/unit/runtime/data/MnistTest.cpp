// MNIST / Fashion-MNIST IDX reader: small files written here (raw and gzip, good and bad), the
// task layouts, the file resolver, and the real files of shared/data when present.
#include "runtime/data/Mnist.h"

#include <filesystem>
#include <numeric>

#include <gtest/gtest.h>

#include "TestFiles.h"
#include "runtime/data/DataDir.h"

namespace dlc::rt::data {
namespace {

using testing::TempDir;

// Two 2x3 images; pixel values chosen by hand.
const std::vector<uint8_t> kPixels = {0, 1, 2, 3, 4, 5, 255, 128, 64, 32, 16, 8};
const std::vector<uint8_t> kLabels = {3, 7};

std::vector<uint8_t> imagesFile() { return testing::idxBytes(0x803, {2, 2, 3}, kPixels); }
std::vector<uint8_t> labelsFile() { return testing::idxBytes(0x801, {2}, kLabels); }

TEST(Mnist, ReadsRawIdx) {
  TempDir tmp;
  std::string img = tmp.file("img"), lab = tmp.file("lab");
  testing::writeBytes(img, imagesFile());
  testing::writeBytes(lab, labelsFile());
  absl::StatusOr<MnistSplit> s = loadMnistSplit(img, lab);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->count, 2);
  EXPECT_EQ(s->rows, 2);
  EXPECT_EQ(s->cols, 3);
  EXPECT_EQ(s->images, kPixels);
  EXPECT_EQ(s->labels, kLabels);
}

TEST(Mnist, GzipDetectedByMagicNotName) {
  TempDir tmp;
  // gzip content under a name without .gz, raw content under a name with .gz.
  std::string img = tmp.file("train-images-idx3-ubyte"), lab = tmp.file("labels.gz");
  testing::writeBytes(img, testing::gzipBytes(imagesFile()));
  testing::writeBytes(lab, labelsFile());
  absl::StatusOr<MnistSplit> s = loadMnistSplit(img, lab);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->images, kPixels);
  EXPECT_EQ(s->labels, kLabels);
}

TEST(Mnist, RejectsBadMagic) {
  TempDir tmp;
  std::string img = tmp.file("img");
  testing::writeBytes(img, testing::idxBytes(0x801, {2, 2, 3}, kPixels));
  absl::StatusOr<IdxArray> a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            img + ": expected IDX magic 0x00000803 (unsigned byte, 3 dims), found 0x00000801 "
                  "(unsigned byte, 1 dims)");
  // Not an IDX file at all (e.g. a PNG).
  testing::writeBytes(img, {0x89, 'P', 'N', 'G', 0, 0, 0, 0});
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_CONTAINS(std::string(a.status().message()), "found 0x89504E47 (not an IDX file)");
}

TEST(Mnist, RejectsTruncatedAndOversizedPayload) {
  TempDir tmp;
  std::string img = tmp.file("img");
  std::vector<uint8_t> short10(kPixels.begin(), kPixels.begin() + 10);
  testing::writeBytes(img, testing::idxBytes(0x803, {2, 2, 3}, short10));
  absl::StatusOr<IdxArray> a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  // 16-byte header + 2*2*3 = 28 bytes expected, 16 + 10 = 26 present.
  EXPECT_EQ(a.status().message(), img + ": expected 28 bytes (16-byte header + 2x2x3 unsigned "
                                        "bytes), found 26 (truncated)");
  std::vector<uint8_t> long13 = kPixels;
  long13.push_back(9);
  testing::writeBytes(img, testing::idxBytes(0x803, {2, 2, 3}, long13));
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_CONTAINS(std::string(a.status().message()), "found 29 (trailing bytes)");
  // Header cut short.
  testing::writeBytes(img, {0, 0, 8, 3, 0, 0, 0, 2});
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            img + ": expected an IDX header of 16 bytes, found a file of 8 bytes");
  // Dims whose product overflows 64 bits: an error, not a crash or a huge allocation.
  testing::writeBytes(img, testing::idxBytes(0x803, {0xffffffffu, 0xffffffffu, 0xffffffffu}, {}));
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_CONTAINS(std::string(a.status().message()), "(truncated)");
  // A zero dimension.
  testing::writeBytes(img, testing::idxBytes(0x803, {2, 0, 3}, {}));
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_CONTAINS(std::string(a.status().message()), "found dim 1 = 0");
}

TEST(Mnist, RejectsTruncatedGzip) {
  TempDir tmp;
  std::string img = tmp.file("img.gz");
  std::vector<uint8_t> gz = testing::gzipBytes(imagesFile());
  gz.resize(gz.size() - 6); // cut into the CRC/length trailer
  testing::writeBytes(img, gz);
  absl::StatusOr<IdxArray> a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(a.status().message(), img + ": expected a complete gzip stream, found a corrupt or "
                                        "truncated one (zlib: unexpected end of file)");
  // Corrupt deflate data.
  gz = testing::gzipBytes(imagesFile());
  for (size_t i = 12; i < gz.size() - 8; ++i)
    gz[i] ^= 0x5a;
  testing::writeBytes(img, gz);
  a = readIdxUbyte(img, 3);
  ASSERT_FALSE(a.ok());
  EXPECT_CONTAINS(std::string(a.status().message()), "gzip");
}

TEST(Mnist, RejectsCountMismatchAndBadLabel) {
  TempDir tmp;
  std::string img = tmp.file("img"), lab = tmp.file("lab");
  testing::writeBytes(img, imagesFile());
  testing::writeBytes(lab, testing::idxBytes(0x801, {3}, {1, 2, 3}));
  absl::StatusOr<MnistSplit> s = loadMnistSplit(img, lab);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            lab + ": expected 2 labels (the image count of " + img + "), found 3");
  testing::writeBytes(lab, testing::idxBytes(0x801, {2}, {4, 10}));
  s = loadMnistSplit(img, lab);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), lab + ": label 1: expected a class in 0..9, found 10");
}

TEST(Mnist, MissingFileNamesPath) {
  absl::StatusOr<IdxArray> a = readIdxUbyte("/nonexistent-dlc/x-idx3-ubyte", 3);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), absl::StatusCode::kNotFound);
  EXPECT_CONTAINS(std::string(a.status().message()), "/nonexistent-dlc/x-idx3-ubyte");
}

TEST(Mnist, TaskLayouts) {
  MnistSplit s;
  s.count = 2;
  s.rows = 2;
  s.cols = 3;
  s.images = kPixels;
  s.labels = kLabels;
  Dataset flat = mnistToDataset(s, MnistLayout::kFlat, 1.0 / 255);
  ASSERT_TRUE(validateDataset(flat).ok());
  ASSERT_EQ(flat.inputs.size(), 1u);
  EXPECT_EQ(flat.inputs[0].sampleShape, (std::vector<int64_t>{6}));
  EXPECT_EQ(flat.inputs[0].f32.size(), 12u);
  EXPECT_EQ(flat.inputs[0].f32[6], 1.0f);            // 255 / 255
  EXPECT_EQ(flat.inputs[0].f32[7], 128.0f / 255.0f); // sample 1, pixel (0, 1)
  EXPECT_EQ(flat.inputs[0].f32[5], 5.0f / 255.0f);
  EXPECT_EQ(flat.numClasses, 10);
  EXPECT_EQ(flat.classes, (std::vector<int32_t>{3, 7}));
  std::vector<float> row1(flat.labels.begin() + 10, flat.labels.end());
  EXPECT_EQ(row1, (std::vector<float>{0, 0, 0, 0, 0, 0, 0, 1, 0, 0}));
  Dataset image = mnistToDataset(s, MnistLayout::kImage, 0.5);
  EXPECT_EQ(image.inputs[0].sampleShape, (std::vector<int64_t>{2, 3, 1}));
  EXPECT_EQ(image.inputs[0].f32[8], 32.0f); // sample 1, (0, 2): 64 * 0.5
}

TEST(Mnist, ResolvesMnistFilesRawOrGz) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/mnist";
  testing::writeBytes(tmp.file("mnist/train-images-idx3-ubyte.gz"), {});
  testing::writeBytes(tmp.file("mnist/train-labels-idx1-ubyte"), {});
  testing::writeBytes(tmp.file("mnist/t10k-images-idx3-ubyte.gz"), {});
  absl::StatusOr<MnistFiles> f = resolveMnistFiles(tmp.path(), "mnist");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(f.status().message(),
            dir + "/t10k-labels-idx1-ubyte, " + dir +
                "/t10k-labels-idx1-ubyte.gz: no such file (MNIST test labels). Get the official "
                "MNIST files (IDX format, gzipped or not) from Yann LeCun's MNIST page, "
                "http://yann.lecun.com/exdb/mnist/.");
  testing::writeBytes(tmp.file("mnist/t10k-labels-idx1-ubyte.gz"), {});
  f = resolveMnistFiles(tmp.path(), "mnist");
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->trainImages, dir + "/train-images-idx3-ubyte.gz");
  EXPECT_EQ(f->trainLabels, dir + "/train-labels-idx1-ubyte");
  EXPECT_EQ(f->testLabels, dir + "/t10k-labels-idx1-ubyte.gz");
  absl::StatusOr<MnistFiles> bad = resolveMnistFiles(tmp.path(), "kmnist");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "unknown IDX dataset 'kmnist': expected one of mnist, fashion_mnist");
}

TEST(Mnist, ResolvesFashionMnistWithFallback) {
  TempDir data, system;
  const char *names[] = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  absl::StatusOr<MnistFiles> f = resolveMnistFiles(data.path(), "fashion_mnist", system.path());
  ASSERT_FALSE(f.ok());
  const std::string msg(f.status().message());
  EXPECT_CONTAINS(msg, data.path() + "/fashion-mnist/train-images-idx3-ubyte.gz");
  EXPECT_CONTAINS(msg, system.path() + "/train-images-idx3-ubyte.gz");
  EXPECT_CONTAINS(msg, "apt-get install dataset-fashion-mnist");
  for (const char *n : names)
    testing::writeBytes(system.file(n), {});
  f = resolveMnistFiles(data.path(), "fashion_mnist", system.path());
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->testLabels, system.path() + "/t10k-labels-idx1-ubyte.gz");
  // The data directory's own copy wins over the system one.
  for (const char *n : names)
    testing::writeBytes(data.file(std::string("fashion-mnist/") + n), {});
  f = resolveMnistFiles(data.path(), "fashion_mnist", system.path());
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->trainImages, data.path() + "/fashion-mnist/train-images-idx3-ubyte.gz");
}

TEST(Mnist, RealMnistFromSharedData) {
  const std::string dir = testing::sharedDataDir("mnist");
  if (dir.empty())
    GTEST_SKIP() << "no shared data at " << DLC_SHARED_DATA_DIR << "/mnist";
  absl::StatusOr<MnistFiles> files = resolveMnistFiles(dir, "mnist");
  ASSERT_TRUE(files.ok()) << files.status();
  absl::StatusOr<MnistData> d = loadMnist(*files);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->train.count, 60000);
  EXPECT_EQ(d->test.count, 10000);
  EXPECT_EQ(d->train.rows, 28);
  EXPECT_EQ(d->train.cols, 28);
  EXPECT_EQ(d->train.labels[0], 5);
  EXPECT_EQ(d->test.labels[0], 7);
  double sum = std::accumulate(d->train.images.begin(), d->train.images.end(), 0.0);
  EXPECT_NEAR(sum / double(d->train.images.size()), 33.318, 0.001);
  Dataset cnn = mnistToDataset(d->train, MnistLayout::kImage, 0.00392156862745098);
  EXPECT_EQ(cnn.inputs[0].sampleShape, (std::vector<int64_t>{28, 28, 1}));
  EXPECT_EQ(cnn.numSamples, 60000);
  EXPECT_EQ(cnn.labels[5], 1.0f); // first sample, class 5
}

TEST(Mnist, RealFashionMnistFromDebianPackage) {
  if (!std::filesystem::is_directory(kFashionMnistSystemDir))
    GTEST_SKIP() << "no " << kFashionMnistSystemDir << " (apt-get install dataset-fashion-mnist)";
  TempDir empty;
  absl::StatusOr<MnistFiles> files = resolveMnistFiles(empty.path(), "fashion_mnist");
  ASSERT_TRUE(files.ok()) << files.status();
  absl::StatusOr<MnistData> d = loadMnist(*files);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->train.count, 60000);
  EXPECT_EQ(d->test.count, 10000);
  EXPECT_EQ(d->train.labels[0], 9); // ankle boot
  EXPECT_EQ(d->test.labels[0], 9);
  std::vector<int> counts(10);
  for (uint8_t l : d->train.labels)
    ++counts[l];
  EXPECT_EQ(counts, std::vector<int>(10, 6000));
}

} // namespace
} // namespace dlc::rt::data
