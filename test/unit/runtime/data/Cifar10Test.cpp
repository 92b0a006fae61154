// CIFAR-10 binary reader: records written here with known pixels (plane → HWC conversion at
// hand-picked indices), bad sizes and labels, the resolver, and the real subset in shared/data.
#include "runtime/data/Cifar10.h"

#include <gtest/gtest.h>

#include "TestFiles.h"

namespace dlc::rt::data {
namespace {

using testing::TempDir;

// Record 0: label 3, R[p] = p mod 256, G = 100, B = 200.
// Record 1: label 9, R = 1, G[p] = row of p, B[p] = column of p.
std::vector<uint8_t> twoRecords() {
  std::vector<uint8_t> b;
  b.push_back(3);
  for (int p = 0; p < 1024; ++p)
    b.push_back(uint8_t(p % 256));
  b.insert(b.end(), 1024, 100);
  b.insert(b.end(), 1024, 200);
  b.push_back(9);
  b.insert(b.end(), 1024, 1);
  for (int p = 0; p < 1024; ++p)
    b.push_back(uint8_t(p / 32));
  for (int p = 0; p < 1024; ++p)
    b.push_back(uint8_t(p % 32));
  return b;
}

// Index of (sample n, row h, column w, channel c) in [n, 32, 32, 3].
size_t hwc(int n, int h, int w, int c) { return size_t(((n * 32 + h) * 32 + w) * 3 + c); }

TEST(Cifar10, RecordsToHwc) {
  TempDir tmp;
  std::string path = tmp.file("data_batch_1.bin");
  testing::writeBytes(path, twoRecords());
  ASSERT_EQ(twoRecords().size(), 6146u);
  CifarSplit s;
  ASSERT_TRUE(readCifarBatch(path, s).ok());
  EXPECT_EQ(s.count, 2);
  EXPECT_EQ(s.labels, (std::vector<uint8_t>{3, 9}));
  ASSERT_EQ(s.imagesHWC.size(), 6144u);
  EXPECT_EQ(s.imagesHWC[0], 0);                // (0,0,0) R
  EXPECT_EQ(s.imagesHWC[1], 100);              // (0,0,0) G
  EXPECT_EQ(s.imagesHWC[2], 200);              // (0,0,0) B
  EXPECT_EQ(s.imagesHWC[3], 1);                // (0,0,1) R = R[1]
  EXPECT_EQ(s.imagesHWC[hwc(0, 1, 2, 0)], 34); // R[32 + 2]
  EXPECT_EQ(s.imagesHWC[hwc(0, 8, 5, 0)], 5);  // R[261] = 261 - 256
  EXPECT_EQ(s.imagesHWC[hwc(0, 31, 31, 0)], 255);
  EXPECT_EQ(s.imagesHWC[hwc(1, 5, 7, 0)], 1);
  EXPECT_EQ(s.imagesHWC[hwc(1, 5, 7, 1)], 5);  // row
  EXPECT_EQ(s.imagesHWC[hwc(1, 5, 7, 2)], 7);  // column
  EXPECT_EQ(s.imagesHWC[6143], 31);            // (1,31,31) B

  Dataset ds = cifarToDataset(s, 1.0 / 255);
  ASSERT_TRUE(validateDataset(ds).ok());
  EXPECT_EQ(ds.inputs[0].sampleShape, (std::vector<int64_t>{32, 32, 3}));
  EXPECT_EQ(ds.inputs[0].f32[hwc(0, 1, 2, 0)], 34.0f / 255.0f);
  EXPECT_EQ(ds.inputs[0].f32[hwc(0, 0, 0, 2)], 200.0f / 255.0f);
  EXPECT_EQ(ds.inputs[0].f32[hwc(1, 5, 7, 2)], 7.0f / 255.0f);
  EXPECT_EQ(ds.classes, (std::vector<int32_t>{3, 9}));
  EXPECT_EQ(ds.labels[3], 1.0f);
  EXPECT_EQ(ds.labels[10 + 9], 1.0f);
}

TEST(Cifar10, RejectsSizeNotMultipleOfRecord) {
  TempDir tmp;
  std::string path = tmp.file("data_batch_1.bin");
  testing::writeBytes(path, std::vector<uint8_t>(3072, 0));
  CifarSplit s;
  absl::Status st = readCifarBatch(path, s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(st.message(), path + ": expected a non-zero multiple of 3073 bytes (records of 1 label "
                                 "byte + 1024 R + 1024 G + 1024 B bytes), found 3072 (0 records + "
                                 "3072 bytes)");
  std::vector<uint8_t> b = twoRecords();
  b.pop_back();
  testing::writeBytes(path, b);
  st = readCifarBatch(path, s);
  ASSERT_FALSE(st.ok());
  EXPECT_CONTAINS(std::string(st.message()), "found 6145 (1 records + 3072 bytes)");
  testing::writeBytes(path, {});
  EXPECT_FALSE(readCifarBatch(path, s).ok());
}

TEST(Cifar10, RejectsLabelOutOfRange) {
  TempDir tmp;
  std::string path = tmp.file("test_batch.bin");
  std::vector<uint8_t> b = twoRecords();
  b[3073] = 10;
  testing::writeBytes(path, b);
  CifarSplit s;
  absl::Status st = readCifarBatch(path, s);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            path + ": record 1 (byte offset 3073): expected a label in 0..9, found 10");
}

TEST(Cifar10, ResolvesAllTrainingBatchesInOrder) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/cifar10/cifar-10-batches-bin";
  absl::StatusOr<Cifar10Files> f = resolveCifar10Files(tmp.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), absl::StatusCode::kNotFound);
  EXPECT_CONTAINS(std::string(f.status().message()), dir + "/data_batch_1.bin: no such file");
  EXPECT_CONTAINS(std::string(f.status().message()), "https://www.cs.toronto.edu/~kriz/cifar.html");
  const std::vector<uint8_t> both = twoRecords();
  const std::vector<uint8_t> one(both.begin(), both.begin() + 3073);
  std::vector<uint8_t> second = twoRecords();
  second[0] = 5;
  std::vector<uint8_t> third = one, first = one;
  third[0] = 0;
  first[0] = 1;
  // Created out of order, so neither the folder's order nor a sort by name is numeric.
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/data_batch_3.bin"), third);
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/data_batch_10.bin"), one);
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/data_batch_1.bin"), first);
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/data_batch_2.bin"), second);
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/data_batch_x.bin"), {1});
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/batches.meta.txt"), {'a'});
  f = resolveCifar10Files(tmp.path());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message(), dir + "/test_batch.bin: no such file (CIFAR-10 test batch). Get "
                                        "the CIFAR-10 binary version (cifar-10-binary.tar.gz, "
                                        "which unpacks to cifar-10-batches-bin/) from Alex "
                                        "Krizhevsky's CIFAR page, "
                                        "https://www.cs.toronto.edu/~kriz/cifar.html.");
  testing::writeBytes(tmp.file("cifar10/cifar-10-batches-bin/test_batch.bin"), one);
  f = resolveCifar10Files(tmp.path());
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->train,
            (std::vector<std::string>{dir + "/data_batch_1.bin", dir + "/data_batch_2.bin",
                                      dir + "/data_batch_3.bin", dir + "/data_batch_10.bin"}));
  absl::StatusOr<Cifar10Data> d = loadCifar10(*f);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->train.count, 5);
  EXPECT_EQ(d->train.labels, (std::vector<uint8_t>{1, 5, 9, 0, 3}));
  EXPECT_EQ(d->test.count, 1);
}

TEST(Cifar10, RealSubsetFromSharedData) {
  const std::string dir = testing::sharedDataDir("cifar10");
  if (dir.empty())
    GTEST_SKIP() << "no shared data at " << DLC_SHARED_DATA_DIR << "/cifar10";
  absl::StatusOr<Cifar10Files> f = resolveCifar10Files(dir);
  ASSERT_TRUE(f.ok()) << f.status();
  absl::StatusOr<Cifar10Data> d = loadCifar10(*f);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->train.count, 4000);
  EXPECT_EQ(d->test.count, 1000);
  std::vector<int> counts(10);
  for (uint8_t l : d->train.labels)
    ++counts[l];
  EXPECT_EQ(counts, (std::vector<int>{396, 366, 420, 384, 422, 393, 414, 385, 407, 413}));
  EXPECT_EQ(d->train.labels[0], 6);
  const std::vector<uint8_t> &px = d->train.imagesHWC;
  const int r0[] = {59, 43, 50, 68, 98}, g0[] = {62, 46, 48, 54}, b0[] = {63, 45, 43, 42};
  for (int w = 0; w < 5; ++w)
    EXPECT_EQ(px[hwc(0, 0, w, 0)], r0[w]) << "R row 0 column " << w;
  for (int w = 0; w < 4; ++w) {
    EXPECT_EQ(px[hwc(0, 0, w, 1)], g0[w]) << "G row 0 column " << w;
    EXPECT_EQ(px[hwc(0, 0, w, 2)], b0[w]) << "B row 0 column " << w;
  }
  const int r1[] = {16, 0, 18, 51};
  for (int w = 0; w < 4; ++w)
    EXPECT_EQ(px[hwc(0, 1, w, 0)], r1[w]) << "R row 1 column " << w;
  EXPECT_EQ(d->test.labels[0], 3);
  const int t0[] = {158, 159, 165, 166};
  for (int w = 0; w < 4; ++w)
    EXPECT_EQ(d->test.imagesHWC[hwc(0, 0, w, 0)], t0[w]) << "test R row 0 column " << w;
}

} // namespace
} // namespace dlc::rt::data
