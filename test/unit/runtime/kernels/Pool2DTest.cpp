// dlc.max_pool2d / dlc.avg_pool2d reference kernels: hand-computed windows,
// 'same' padding that never selects or counts a padded position,
// TensorFlow's first-maximum rule for ties, gradient checks.
#include "runtime/kernels/Pool2D.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::distinctValues;
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

TEST(Pool2DTest, MaxValid) {
  // 4x4, 2x2 windows, stride 2:
  //  1  5  2  0
  //  3  4  8  1
  //  0  0 -1 -2
  //  9  0 -3 -4
  auto s = *makePool2DShape(1, 4, 4, 1, {2, 2}, {2, 2}, Padding::Valid);
  const std::vector<double> x = {1, 5, 2, 0, 3, 4, 8, 1,
                                 0, 0, -1, -2, 9, 0, -3, -4};
  std::vector<double> y(4);
  maxPool2dForward(s, x.data(), y.data());
  expectNear(y, {5, 8, 9, -1}, 0.0, "y");
  const std::vector<double> dy = {10, 20, 30, 40};
  std::vector<double> dx(16);
  maxPool2dBackward(s, x.data(), dy.data(), dx.data());
  // Each dy lands on its window's maximum: 5 at (0,1), 8 at (1,2),
  // 9 at (3,0), -1 at (2,2).
  expectNear(dx, {0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 40, 0, 30, 0, 0, 0}, 0.0,
             "dx");
}

TEST(Pool2DTest, MaxSameNeverSelectsPadding) {
  // All-negative 5x5 input, 3x3 windows, stride 2, same: out 3x3, total pad
  // 2 -> 1 before. Were padding a 0, every output would be 0.
  auto s = *makePool2DShape(1, 5, 5, 1, {3, 3}, {2, 2}, Padding::Same);
  EXPECT_EQ(s.outH, 3);
  EXPECT_EQ(s.padTop, 1);
  std::vector<double> x(25);
  for (int i = 0; i < 25; ++i)
    x[i] = -1.0 - i; // x[r][c] = -1 - (5r + c): the maximum is the top-left
  std::vector<double> y(9);
  maxPool2dForward(s, x.data(), y.data());
  // window (i, j) covers rows 2i-1 .. 2i+1, cols 2j-1 .. 2j+1 clipped to the
  // input; its maximum is its top-left in-bounds element, -1 - (5r0 + c0).
  expectNear(y, {-1, -2, -4, -6, -7, -9, -16, -17, -19}, 0.0, "y");
}

TEST(Pool2DTest, MaxTiesGoToTheFirstMaximumInRowMajorOrder) {
  // One 2x2 window [[5, 5], [5, 1]]: all of dy goes to (0, 0).
  {
    auto s = *makePool2DShape(1, 2, 2, 1, {2, 2}, {2, 2}, Padding::Valid);
    const std::vector<double> x = {5, 5, 5, 1}, dy = {3};
    std::vector<double> dx(4);
    maxPool2dBackward(s, x.data(), dy.data(), dx.data());
    expectNear(dx, {3, 0, 0, 0}, 0.0, "dx");
  }
  // [[1, 7], [7, 7]]: the first 7 in row-major order is (0, 1).
  {
    auto s = *makePool2DShape(1, 2, 2, 1, {2, 2}, {2, 2}, Padding::Valid);
    const std::vector<double> x = {1, 7, 7, 7}, dy = {3};
    std::vector<double> dx(4);
    maxPool2dBackward(s, x.data(), dy.data(), dx.data());
    expectNear(dx, {0, 3, 0, 0}, 0.0, "dx");
  }
  // Column-major scanning would pick (1, 0) here: [[0, 4], [4, 0]] -> (0, 1).
  {
    auto s = *makePool2DShape(1, 2, 2, 1, {2, 2}, {2, 2}, Padding::Valid);
    const std::vector<double> x = {0, 4, 4, 0}, dy = {1};
    std::vector<double> dx(4);
    maxPool2dBackward(s, x.data(), dy.data(), dx.data());
    expectNear(dx, {0, 1, 0, 0}, 0.0, "dx");
  }
  // Overlapping windows (2x2, stride 1) over
  //   3 3 3
  //   0 3 0
  // window 0 (cols 0-1) = {3, 3, 0, 3} -> (0, 0); window 1 (cols 1-2) =
  // {3, 3, 3, 0} -> (0, 1). dy = [1, 10] -> dx = [[1, 10, 0], [0, 0, 0]].
  {
    auto s = *makePool2DShape(1, 2, 3, 1, {2, 2}, {1, 1}, Padding::Valid);
    const std::vector<double> x = {3, 3, 3, 0, 3, 0}, dy = {1, 10};
    std::vector<double> dx(6), y(2);
    maxPool2dForward(s, x.data(), y.data());
    expectNear(y, {3, 3}, 0.0, "y");
    maxPool2dBackward(s, x.data(), dy.data(), dx.data());
    expectNear(dx, {1, 10, 0, 0, 0, 0}, 0.0, "dx");
  }
  // Per channel, two channels with ties in different places:
  // channel 0 [[2, 2], [2, 2]] -> (0, 0); channel 1 [[0, 1], [1, 1]] -> (0, 1).
  {
    auto s = *makePool2DShape(1, 2, 2, 2, {2, 2}, {2, 2}, Padding::Valid);
    const std::vector<double> x = {2, 0, 2, 1, 2, 1, 2, 1}, dy = {5, 6};
    std::vector<double> dx(8);
    maxPool2dBackward(s, x.data(), dy.data(), dx.data());
    expectNear(dx, {5, 0, 0, 6, 0, 0, 0, 0}, 0.0, "dx");
  }
}

TEST(Pool2DTest, AvgSameCountsInBoundsPositionsOnly) {
  // x = 1..9 as 3x3, 2x2 windows, stride 2, same: out 2x2, total pad 1 ->
  // none before; the right column and bottom row windows are partial.
  auto s = *makePool2DShape(1, 3, 3, 1, {2, 2}, {2, 2}, Padding::Same);
  EXPECT_EQ(s.outH, 2);
  EXPECT_EQ(s.padTop, 0);
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<double> y(4);
  avgPool2dForward(s, x.data(), y.data());
  // (1+2+4+5)/4 = 3; (3+6)/2 = 4.5; (7+8)/2 = 7.5; 9/1 = 9.
  expectNear(y, {3, 4.5, 7.5, 9}, 1e-15, "y");
  const std::vector<double> dy = {1, 2, 3, 4};
  std::vector<double> dx(9);
  avgPool2dBackward(s, dy.data(), dx.data());
  // 1/4 to each of the first window's 4, 2/2 to (0,2),(1,2), 3/2 to
  // (2,0),(2,1), 4/1 to (2,2).
  expectNear(dx, {0.25, 0.25, 1, 0.25, 0.25, 1, 1.5, 1.5, 4}, 1e-15, "dx");
}

TEST(Pool2DTest, AvgValidFloat) {
  auto s = *makePool2DShape(1, 2, 4, 1, {2, 2}, {2, 2}, Padding::Valid);
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 9};
  std::vector<float> y(2);
  avgPool2dForward(s, x.data(), y.data());
  // (1+2+5+6)/4 = 3.5; (3+4+7+9)/4 = 5.75
  expectNear(y, {3.5, 5.75}, 0.0, "y");
}

TEST(Pool2DTest, ShapeErrors) {
  EXPECT_FALSE(makePool2DShape(1, 2, 2, 1, {3, 3}, {1, 1}, Padding::Valid).ok());
  EXPECT_FALSE(makePool2DShape(1, 4, 4, 1, {2, 2}, {0, 2}, Padding::Same).ok());
}

struct PoolCase {
  int64_t n, h, w, c;
  std::array<int64_t, 2> pool, strides;
  Padding padding;
};

std::string caseName(const PoolCase &p) {
  return "n" + std::to_string(p.n) + "_" + std::to_string(p.h) + "x" +
         std::to_string(p.w) + "x" + std::to_string(p.c) + "_pool" +
         std::to_string(p.pool[0]) + "x" + std::to_string(p.pool[1]) + "_s" +
         std::to_string(p.strides[0]) + std::to_string(p.strides[1]) + "_" +
         paddingName(p.padding);
}

std::string testName(const ::testing::TestParamInfo<PoolCase> &info) {
  return caseName(info.param);
}

void PrintTo(const PoolCase &p, std::ostream *os) { *os << caseName(p); }

class Pool2DGradientTest : public ::testing::TestWithParam<PoolCase> {};

TEST_P(Pool2DGradientTest, MaxFiniteDifferences) {
  const PoolCase &p = GetParam();
  auto s = *makePool2DShape(p.n, p.h, p.w, p.c, p.pool, p.strides, p.padding);
  // Distinct values 0.01 apart: no ties, and a ±1e-6 step moves no maximum.
  std::vector<double> x = distinctValues(size_t(s.n * s.h * s.w * s.c), 21);
  const size_t outSize = size_t(s.n * s.outH * s.outW * s.c);
  const std::vector<double> r = randomVector(outSize, 22);
  std::vector<double> dx(x.size());
  maxPool2dBackward(s, x.data(), r.data(), dx.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(outSize);
        maxPool2dForward(s, x.data(), out.data());
      },
      r, {{"x", &x, &dx}});
}

TEST_P(Pool2DGradientTest, AvgFiniteDifferences) {
  const PoolCase &p = GetParam();
  auto s = *makePool2DShape(p.n, p.h, p.w, p.c, p.pool, p.strides, p.padding);
  std::vector<double> x = randomVector(size_t(s.n * s.h * s.w * s.c), 23);
  const size_t outSize = size_t(s.n * s.outH * s.outW * s.c);
  const std::vector<double> r = randomVector(outSize, 24);
  std::vector<double> dx(x.size());
  avgPool2dBackward(s, r.data(), dx.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(outSize);
        avgPool2dForward(s, x.data(), out.data());
      },
      r, {{"x", &x, &dx}});
}

INSTANTIATE_TEST_SUITE_P(
    Configurations, Pool2DGradientTest,
    ::testing::Values(PoolCase{2, 6, 6, 3, {2, 2}, {2, 2}, Padding::Valid},
                      PoolCase{1, 7, 5, 2, {3, 3}, {2, 2}, Padding::Same},
                      PoolCase{2, 5, 7, 2, {2, 2}, {2, 2}, Padding::Same},
                      PoolCase{1, 7, 6, 3, {3, 2}, {1, 2}, Padding::Same},
                      PoolCase{1, 7, 7, 1, {2, 3}, {3, 2}, Padding::Valid}),
    testName);

} // namespace
} // namespace dlc::rt::kernels
