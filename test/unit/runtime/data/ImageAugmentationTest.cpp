// Keras 2.0.8 shift/flip augmentation: the scipy order-0 'nearest' pixel mapping on hand-made
// 4x4 images, and which Philox words drive which decision.
#include "runtime/data/ImageAugmentation.h"

#include <cmath>

#include <gtest/gtest.h>

#include "TestFiles.h"
#include "abi/Philox.h"

namespace dlc::rt::data {
namespace {
using namespace dlc::abi;

// 4x4x1 image with value 10 * row + column.
std::vector<float> grid4() {
  std::vector<float> v;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      v.push_back(float(10 * i + j));
  return v;
}

std::vector<float> apply(const ShiftFlip &t, const std::vector<float> &src, int h, int w, int c) {
  std::vector<float> dst(src.size(), -1.0f);
  applyShiftFlip(t, src.data(), dst.data(), h, w, c);
  return dst;
}

TEST(ImageAugmentation, NearestSourceIndexRoundsHalfUpAfterClamping) {
  // floor(clamp(o + t, 0, len - 1) + 0.5)
  EXPECT_EQ(nearestSourceIndex(0, 1.0, 4), 1);
  EXPECT_EQ(nearestSourceIndex(3, 1.0, 4), 3);  // 4 clamps to 3
  EXPECT_EQ(nearestSourceIndex(0, -0.6, 4), 0); // -0.6 clamps to 0
  EXPECT_EQ(nearestSourceIndex(1, -0.6, 4), 0); // 0.4 rounds to 0
  EXPECT_EQ(nearestSourceIndex(2, -0.6, 4), 1); // 1.4 rounds to 1
  EXPECT_EQ(nearestSourceIndex(1, 0.4, 4), 1);  // 1.4
  EXPECT_EQ(nearestSourceIndex(1, 0.5, 4), 2);  // 1.5: half up
  EXPECT_EQ(nearestSourceIndex(1, -0.5, 4), 1); // 0.5: half up
  EXPECT_EQ(nearestSourceIndex(0, -3.2, 32), 0);
  EXPECT_EQ(nearestSourceIndex(31, 3.2, 32), 31);
  EXPECT_EQ(nearestSourceIndex(10, 3.2, 32), 13);
  EXPECT_EQ(nearestSourceIndex(10, -2.7, 32), 7);
}

TEST(ImageAugmentation, ShiftRowsUpByOneWithNearestFill) {
  ShiftFlip t;
  t.tx = 1.0;
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1), (std::vector<float>{10, 11, 12, 13, //
                                                            20, 21, 22, 23, //
                                                            30, 31, 32, 33, //
                                                            30, 31, 32, 33}));
  t.tx = 0.7; // rounds to the same rows: i + 0.7 → i + 1, 3.7 clamps to 3
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1)[4], 20.0f);
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1)[12], 30.0f);
  t.tx = 0.4; // rounds back to the identity
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1), grid4());
}

TEST(ImageAugmentation, CentringIsComputedLikeNumpy) {
  // Keras composes offset(o) · shift(t) · offset(-o), o = 32/2 + 0.5 = 16.5, so scipy sees the
  // translation (t + 16.5) - 16.5, not t. For t just below -2.5 that is exactly -2.5:
  // (-2.5000000000000004 + 16.5) rounds to 14.0. Output row 3 then reads floor(0.5 + 0.5) = 1,
  // where the uncentred t would give floor(0.4999999999999996 + 0.5) = 0.
  const double t = std::nextafter(-2.5, -3.0);
  ASSERT_LT(t, -2.5);
  std::vector<float> col(32);
  for (int i = 0; i < 32; ++i)
    col[size_t(i)] = float(i);
  ShiftFlip s;
  s.tx = t;
  std::vector<float> out = apply(s, col, 32, 1, 1);
  EXPECT_EQ(out[3], 1.0f);
  EXPECT_EQ(out[2], 0.0f);
  EXPECT_EQ(out[31], 29.0f);
  EXPECT_EQ(nearestSourceIndex(3, t, 32), 0); // the raw helper takes the offset as given
}

TEST(ImageAugmentation, ShiftColumnsRightByOne) {
  ShiftFlip t;
  t.ty = -1.0; // out[i][j] = in[i][max(j - 1, 0)]
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1), (std::vector<float>{0, 0, 1, 2,     //
                                                            10, 10, 11, 12, //
                                                            20, 20, 21, 22, //
                                                            30, 30, 31, 32}));
}

TEST(ImageAugmentation, FlipAlone) {
  ShiftFlip t;
  t.flip = true;
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1), (std::vector<float>{3, 2, 1, 0,     //
                                                            13, 12, 11, 10, //
                                                            23, 22, 21, 20, //
                                                            33, 32, 31, 30}));
}

TEST(ImageAugmentation, ShiftThenFlip) {
  ShiftFlip t;
  t.tx = 1.0;
  t.ty = -1.0;
  t.flip = true; // out[i][j] = shifted[i][3 - j]
  EXPECT_EQ(apply(t, grid4(), 4, 4, 1), (std::vector<float>{12, 11, 10, 10, //
                                                            22, 21, 20, 20, //
                                                            32, 31, 30, 30, //
                                                            32, 31, 30, 30}));
}

TEST(ImageAugmentation, ChannelsMoveTogether) {
  // 2x2x2: pixel (i, j) holds {100 i + 10 j, 100 i + 10 j + 1}.
  std::vector<float> img = {0, 1, 10, 11, 100, 101, 110, 111};
  ShiftFlip t;
  t.tx = -1.0; // out row 0 = in row 0 (clamped), out row 1 = in row 0
  t.flip = true;
  EXPECT_EQ(apply(t, img, 2, 2, 2), (std::vector<float>{10, 11, 0, 1, 10, 11, 0, 1}));
}

TEST(ImageAugmentation, DrawsUseWordsZeroOneTwo) {
  const ShiftFlipConfig cfg{0.1, 0.1, true};
  const uint64_t seed = 1234;
  for (uint64_t idx : {0ull, 1ull, 77ull, 3999ull}) {
    const ShiftFlip t = drawShiftFlip(cfg, seed, 3, idx, 32, 32);
    const PhiloxCounter b = philoxDraw(seed, uint32_t(Stream::Augmentation), 3, idx);
    EXPECT_DOUBLE_EQ(t.tx, (-0.1 + 0.2 * double(uniform01(b[0]))) * 32);
    EXPECT_DOUBLE_EQ(t.ty, (-0.1 + 0.2 * double(uniform01(b[1]))) * 32);
    EXPECT_EQ(t.flip, uniform01(b[2]) < 0.5f);
  }
  // Height uses H and width uses W.
  const ShiftFlip t = drawShiftFlip(ShiftFlipConfig{0.1, 0.0, false}, seed, 0, 5, 20, 1000);
  EXPECT_LE(std::fabs(t.tx), 2.0);
  EXPECT_EQ(t.ty, 0.0);
  EXPECT_FALSE(t.flip);
}

TEST(ImageAugmentation, DrawStatistics) {
  const ShiftFlipConfig cfg{0.1, 0.1, true};
  int flips = 0, sameAsEpoch1 = 0;
  double sumTx = 0, maxTx = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    ShiftFlip t = drawShiftFlip(cfg, 42, 0, uint64_t(i), 32, 32);
    ShiftFlip u = drawShiftFlip(cfg, 42, 1, uint64_t(i), 32, 32);
    flips += t.flip;
    sumTx += t.tx;
    maxTx = std::max(maxTx, std::fabs(t.tx));
    ASSERT_LE(std::fabs(t.ty), 3.2);
    sameAsEpoch1 += t.tx == u.tx;
    ShiftFlip again = drawShiftFlip(cfg, 42, 0, uint64_t(i), 32, 32);
    ASSERT_EQ(again.tx, t.tx);
    ASSERT_EQ(again.flip, t.flip);
  }
  EXPECT_NEAR(double(flips) / n, 0.5, 0.02);
  EXPECT_NEAR(sumTx / n, 0.0, 0.05);     // uniform on [-3.2, 3.2): sd of the mean ≈ 0.013
  EXPECT_LE(maxTx, 3.2);
  EXPECT_GT(maxTx, 3.1);
  EXPECT_EQ(sameAsEpoch1, 0);
}

TEST(ImageAugmentation, BatchUsesDatasetIndexOfEachRow) {
  Batch b;
  b.size = 2;
  b.sampleIndices = {7, 2};
  InputTensor in{"image", ElementType::kFloat32, {4, 4, 1}, {}, {}};
  std::vector<float> g = grid4();
  in.f32.insert(in.f32.end(), g.begin(), g.end());
  for (float v : g)
    in.f32.push_back(v + 100);
  b.inputs.push_back(in);
  const ShiftFlipConfig cfg{0.25, 0.25, true};
  ASSERT_TRUE(augmentBatch(cfg, 9, 4, b).ok());
  for (int r = 0; r < 2; ++r) {
    const ShiftFlip t = drawShiftFlip(cfg, 9, 4, uint64_t(b.sampleIndices[size_t(r)]), 4, 4);
    std::vector<float> src(in.f32.begin() + r * 16, in.f32.begin() + (r + 1) * 16);
    std::vector<float> got(b.inputs[0].f32.begin() + r * 16, b.inputs[0].f32.begin() + (r + 1) * 16);
    EXPECT_EQ(got, apply(t, src, 4, 4, 1)) << "row " << r;
  }
  InputTensor ids{"story", ElementType::kInt32, {4}, {}, {1, 2, 3, 4, 5, 6, 7, 8}};
  b.inputs = {ids};
  absl::Status st = augmentBatch(cfg, 9, 4, b);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "augmentation: input 'story': expected float32 images [H, W, C], found int32 [4]");
  EXPECT_FALSE(augmentBatch(ShiftFlipConfig{1.5, 0, false}, 9, 4, b).ok());
}

} // namespace
} // namespace dlc::rt::data
