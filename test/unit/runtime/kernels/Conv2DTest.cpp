// dlc.conv2d reference kernels: TensorFlow's output size and padding split,
// hand-computed convolutions, gradient checks over strides, dilations and
// 'same' padding with even kernels.
#include "runtime/kernels/Conv2D.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

TEST(Conv2DShapeTest, TensorFlowSizesAndPadding) {
  // same, stride 2, 3 taps on 5: out = ceil(5/2) = 3, total pad =
  // (3-1)·2 + 3 - 5 = 2 -> 1 before, 1 after.
  auto s = makeConv2DShape(1, 5, 5, 1, 3, 3, 1, Padding::Same, {2, 2});
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->outH, 3);
  EXPECT_EQ(s->padTop, 1);
  // same, even kernel 4 on 5, stride 1: total = 4 + 4 - 5 = 3 -> 1 before,
  // 2 after (the extra one at the end).
  s = makeConv2DShape(1, 5, 6, 1, 4, 2, 1, Padding::Same);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->outH, 5);
  EXPECT_EQ(s->padTop, 1);
  EXPECT_EQ(s->outW, 6);  // 2 taps on 6: total 1 -> 0 before, 1 after
  EXPECT_EQ(s->padLeft, 0);
  // valid, dilation 2, 3 taps (effective 5) on 7, stride 1: out = 3.
  s = makeConv2DShape(1, 7, 9, 1, 3, 3, 1, Padding::Valid, {1, 2}, {2, 2});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->outH, 3);
  EXPECT_EQ(s->outW, 3);  // floor((9 - 5) / 2) + 1
  // same with dilation: effective 5 on 7, stride 1: total = 4 -> 2 before.
  s = makeConv2DShape(1, 7, 7, 1, 3, 3, 1, Padding::Same, {1, 1}, {2, 2});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->outH, 7);
  EXPECT_EQ(s->padTop, 2);
  // errors
  EXPECT_FALSE(makeConv2DShape(1, 4, 4, 1, 5, 1, 1, Padding::Valid).ok());
  EXPECT_FALSE(makeConv2DShape(1, 4, 4, 1, 3, 3, 1, Padding::Valid, {0, 1}).ok());
  EXPECT_FALSE(makeConv2DShape(0, 4, 4, 1, 3, 3, 1, Padding::Valid).ok());
}

// The oracle sums in double and rounds once: 1 + 4 · 2⁻²⁴ is a float, but
// summed in float in order every 1 + 2⁻²⁴ rounds back to 1.
TEST(Conv2DAccuracyTest, Float32SumsInDouble) {
  constexpr float tiny = 0x1p-24f, sumOfFive = 1.0f + 0x1p-22f;
  const std::vector<float> ones(5, 1.0f), terms = {1, tiny, tiny, tiny, tiny};
  // Forward over 5 channels of one pixel, 1x1 filter.
  auto channels = makeConv2DShape(1, 1, 1, 5, 1, 1, 1, Padding::Valid);
  ASSERT_TRUE(channels.ok());
  float y = 0, dx = 0, dw = 0, db = 0;
  conv2dForward<float>(*channels, terms.data(), ones.data(), nullptr, &y);
  EXPECT_EQ(y, sumOfFive);
  // The input gradient over 5 filters, the filter and bias gradients over
  // 5 pixels.
  auto filters = makeConv2DShape(1, 1, 1, 1, 1, 1, 5, Padding::Valid);
  ASSERT_TRUE(filters.ok());
  conv2dBackwardInput<float>(*filters, ones.data(), terms.data(), &dx);
  EXPECT_EQ(dx, sumOfFive);
  auto pixels = makeConv2DShape(1, 1, 5, 1, 1, 1, 1, Padding::Valid);
  ASSERT_TRUE(pixels.ok());
  conv2dBackwardFilter<float>(*pixels, terms.data(), ones.data(), &dw);
  EXPECT_EQ(dw, sumOfFive);
  conv2dBackwardBias<float>(*pixels, terms.data(), &db);
  EXPECT_EQ(db, sumOfFive);
}

template <typename T> class Conv2DHandTest : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(Conv2DHandTest, FloatTypes);

TYPED_TEST(Conv2DHandTest, ValidTwoByTwo) {
  using T = TypeParam;
  // x = [[1,2,3],[4,5,6],[7,8,9]], filter [[1,2],[3,4]], bias 1.
  auto s = *makeConv2DShape(1, 3, 3, 1, 2, 2, 1, Padding::Valid);
  const std::vector<T> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w = {1, 2, 3, 4},
                       b = {1};
  std::vector<T> y(4);
  conv2dForward(s, x.data(), w.data(), b.data(), y.data());
  // y00 = 1·1 + 2·2 + 4·3 + 5·4 = 37; y01 = 2 + 6 + 15 + 24 = 47;
  // y10 = 4 + 10 + 21 + 32 = 67;     y11 = 5 + 12 + 24 + 36 = 77; + 1.
  expectNear(y, {38, 48, 68, 78}, 0.0, "y");

  const std::vector<T> dy = {1, 1, 1, 1};
  std::vector<T> dx(9), dw(4), db(1);
  conv2dBackwardInput(s, w.data(), dy.data(), dx.data());
  // Each input position collects the taps that read it:
  // corners 1, 2, 3, 4; edges (0,1) = 1+2, (1,0) = 1+3, (1,2) = 2+4,
  // (2,1) = 3+4; centre = 1+2+3+4.
  expectNear(dx, {1, 3, 2, 4, 10, 6, 3, 7, 4}, 0.0, "dx");
  conv2dBackwardFilter(s, x.data(), dy.data(), dw.data());
  // dw[kh, kw] = sum of the 2x2 block of x starting at (kh, kw):
  // 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28.
  expectNear(dw, {12, 16, 24, 28}, 0.0, "dw");
  conv2dBackwardBias(s, dy.data(), db.data());
  expectNear(db, {4}, 0.0, "db");
}

TYPED_TEST(Conv2DHandTest, SameEvenKernelPadsAtTheEnd) {
  using T = TypeParam;
  // 2x2 filter, same, stride 1 on 3x3: total pad 1, all of it after, so
  // y[i, j] = Σ x[i + a, j + b] · w[a, b] with x = 0 beyond row/col 2.
  auto s = *makeConv2DShape(1, 3, 3, 1, 2, 2, 1, Padding::Same);
  EXPECT_EQ(s.padTop, 0);
  const std::vector<T> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w = {1, 2, 3, 4};
  std::vector<T> y(9);
  conv2dForward<T>(s, x.data(), w.data(), nullptr, y.data());
  // first two rows/cols as the valid case; y02 = 3·1 + 6·3 = 21,
  // y12 = 6 + 27 = 33, y20 = 7 + 16 = 23, y21 = 8 + 18 = 26, y22 = 9.
  expectNear(y, {37, 47, 21, 67, 77, 33, 23, 26, 9}, 0.0, "y");
}

TYPED_TEST(Conv2DHandTest, SameStrideTwo) {
  using T = TypeParam;
  // x = 1..16 as 4x4, 3x3 filter of ones, same, stride 2: out 2x2,
  // total pad = (2-1)·2 + 3 - 4 = 1 -> none before, one row/col after.
  auto s = *makeConv2DShape(1, 4, 4, 1, 3, 3, 1, Padding::Same, {2, 2});
  std::vector<T> x(16), w(9, T(1)), y(4);
  for (int i = 0; i < 16; ++i)
    x[i] = T(i + 1);
  conv2dForward<T>(s, x.data(), w.data(), nullptr, y.data());
  // y00 = rows 0-2, cols 0-2: 1+2+3+5+6+7+9+10+11 = 54
  // y01 = rows 0-2, cols 2-3: 3+4+7+8+11+12 = 45
  // y10 = rows 2-3, cols 0-2: 9+10+11+13+14+15 = 72
  // y11 = rows 2-3, cols 2-3: 11+12+15+16 = 54
  expectNear(y, {54, 45, 72, 54}, 0.0, "y");
}

TYPED_TEST(Conv2DHandTest, Dilation) {
  using T = TypeParam;
  // x = 1..25 as 5x5, 2x2 ones with dilation 2 (taps 2 apart), valid:
  // out 3x3, y[i, j] = x[i, j] + x[i, j+2] + x[i+2, j] + x[i+2, j+2].
  auto s = *makeConv2DShape(1, 5, 5, 1, 2, 2, 1, Padding::Valid, {1, 1}, {2, 2});
  std::vector<T> x(25), w(4, T(1)), y(9);
  for (int i = 0; i < 25; ++i)
    x[i] = T(i + 1);
  conv2dForward<T>(s, x.data(), w.data(), nullptr, y.data());
  // y00 = 1 + 3 + 11 + 13 = 28; +4 per column, +20 per row.
  expectNear(y, {28, 32, 36, 48, 52, 56, 68, 72, 76}, 0.0, "y");
}

TYPED_TEST(Conv2DHandTest, ChannelsAndFilters) {
  using T = TypeParam;
  // 1x1 conv = per-pixel product with the [C, F] matrix w[0, 0]:
  // pixel (1, 2) · [[1, 2], [3, 4]] = [1 + 6, 2 + 8] = [7, 10];
  // pixel (-1, 0.5) -> [-1 + 1.5, -2 + 2] = [0.5, 0].
  auto s = *makeConv2DShape(1, 1, 2, 2, 1, 1, 2, Padding::Valid);
  const std::vector<T> x = {1, 2, -1, 0.5}, w = {1, 2, 3, 4};
  std::vector<T> y(4);
  conv2dForward<T>(s, x.data(), w.data(), nullptr, y.data());
  expectNear(y, {7, 10, 0.5, 0}, 0.0, "y");
}

struct ConvCase {
  int64_t n, h, w, c, kh, kw, f;
  Padding padding;
  std::array<int64_t, 2> strides, dilations;
};

std::string caseName(const ConvCase &p) {
  return "n" + std::to_string(p.n) + "_" + std::to_string(p.h) + "x" +
         std::to_string(p.w) + "x" + std::to_string(p.c) + "_k" +
         std::to_string(p.kh) + "x" + std::to_string(p.kw) + "x" +
         std::to_string(p.f) + "_" + paddingName(p.padding) + "_s" +
         std::to_string(p.strides[0]) + std::to_string(p.strides[1]) + "_d" +
         std::to_string(p.dilations[0]) + std::to_string(p.dilations[1]);
}

std::string testName(const ::testing::TestParamInfo<ConvCase> &info) {
  return caseName(info.param);
}

void PrintTo(const ConvCase &p, std::ostream *os) { *os << caseName(p); }

class Conv2DGradientTest : public ::testing::TestWithParam<ConvCase> {};

TEST_P(Conv2DGradientTest, FiniteDifferences) {
  const ConvCase &p = GetParam();
  auto shape = makeConv2DShape(p.n, p.h, p.w, p.c, p.kh, p.kw, p.f, p.padding,
                               p.strides, p.dilations);
  ASSERT_TRUE(shape.ok()) << shape.status();
  const Conv2DShape s = *shape;
  std::vector<double> x = randomVector(s.n * s.h * s.w * s.c, 11),
                      w = randomVector(s.kh * s.kw * s.c * s.f, 12),
                      b = randomVector(s.f, 13);
  const size_t outSize = size_t(s.n * s.outH * s.outW * s.f);
  const std::vector<double> r = randomVector(outSize, 14);
  std::vector<double> dx(x.size()), dw(w.size()), db(b.size());
  conv2dBackwardInput(s, w.data(), r.data(), dx.data());
  conv2dBackwardFilter(s, x.data(), r.data(), dw.data());
  conv2dBackwardBias(s, r.data(), db.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(outSize);
        conv2dForward(s, x.data(), w.data(), b.data(), out.data());
      },
      r, {{"x", &x, &dx}, {"filter", &w, &dw}, {"bias", &b, &db}});
}

INSTANTIATE_TEST_SUITE_P(
    Configurations, Conv2DGradientTest,
    ::testing::Values(
        // odd sizes, 3x3, valid, stride 1
        ConvCase{2, 5, 7, 3, 3, 3, 4, Padding::Valid, {1, 1}, {1, 1}},
        // same, stride 2 (odd input), rectangular kernel
        ConvCase{2, 7, 6, 3, 3, 2, 4, Padding::Same, {2, 1}, {1, 1}},
        // same with an even kernel (asymmetric padding)
        ConvCase{1, 6, 7, 2, 4, 4, 3, Padding::Same, {1, 1}, {1, 1}},
        // same, even kernel, stride 2
        ConvCase{1, 7, 8, 2, 2, 4, 3, Padding::Same, {2, 3}, {1, 1}},
        // dilation, valid
        ConvCase{1, 9, 10, 2, 3, 2, 2, Padding::Valid, {1, 1}, {2, 3}},
        // dilation, same, stride 2
        ConvCase{2, 8, 9, 1, 3, 3, 2, Padding::Same, {2, 2}, {2, 2}},
        // stride larger than the kernel
        ConvCase{1, 9, 9, 2, 2, 2, 3, Padding::Valid, {3, 3}, {1, 1}}),
    testName);

} // namespace
} // namespace dlc::rt::kernels
