// transpose, concatenate/split, slice, reduce_sum, repeat_vector and add
// reference kernels.
#include "runtime/kernels/ShapeOps.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

TEST(TransposeTest, Matrix) {
  // [[1, 2, 3], [4, 5, 6]] -> [[1, 4], [2, 5], [3, 6]]
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  std::vector<float> y(6);
  ASSERT_TRUE(transposeForward<float>({2, 3}, {1, 0}, x.data(), y.data()).ok());
  expectNear(y, {1, 4, 2, 5, 3, 6}, 0, "y");
}

TEST(TransposeTest, ChannelsFirstToChannelsLast) {
  // x [N=1, C=2, H=2, W=3] with x[0, c, h, w] = 100c + 10h + w; permutation
  // [0, 2, 3, 1] gives y [1, 2, 3, 2] with y[0, h, w, c] = x[0, c, h, w].
  std::vector<double> x(12), y(12);
  for (int c = 0; c < 2; ++c)
    for (int h = 0; h < 2; ++h)
      for (int w = 0; w < 3; ++w)
        x[(c * 2 + h) * 3 + w] = 100 * c + 10 * h + w;
  ASSERT_TRUE(transposeForward<double>({1, 2, 2, 3}, {0, 2, 3, 1}, x.data(), y.data()).ok());
  expectNear(y, {0, 100, 1, 101, 2, 102, 10, 110, 11, 111, 12, 112}, 0, "y");
}

TEST(TransposeTest, RejectsBadPermutations) {
  std::vector<double> x(6), y(6);
  EXPECT_FALSE(transposeForward<double>({2, 3}, {0, 0}, x.data(), y.data()).ok());
  EXPECT_FALSE(transposeForward<double>({2, 3}, {0, 2}, x.data(), y.data()).ok());
  EXPECT_FALSE(transposeForward<double>({2, 3}, {0}, x.data(), y.data()).ok());
  EXPECT_FALSE(transposeBackward<double>({2, 3}, {1, -1}, x.data(), y.data()).ok());
}

TEST(TransposeTest, FiniteDifferences) {
  const std::vector<int64_t> dims = {3, 2, 5}, perm = {2, 0, 1};
  std::vector<double> x = randomVector(30, 91);
  const std::vector<double> r = randomVector(30, 92);
  std::vector<double> dx(30);
  ASSERT_TRUE(transposeBackward(dims, perm, r.data(), dx.data()).ok());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(30);
        ASSERT_TRUE(transposeForward(dims, perm, x.data(), out.data()).ok());
      },
      r, {{"x", &x, &dx}});
}

TEST(ConcatenateTest, LastAxisAndFirstAxis) {
  // a [2, 2] = [[1, 2], [3, 4]], b [2, 3] = [[5, 6, 7], [8, 9, 10]], axis -1:
  // [[1, 2, 5, 6, 7], [3, 4, 8, 9, 10]]
  auto s = makeConcatShape({{2, 2}, {2, 3}}, -1);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->outer, 2);
  EXPECT_EQ(s->inner, 1);
  EXPECT_EQ(s->axisTotal(), 5);
  const std::vector<float> a = {1, 2, 3, 4}, b = {5, 6, 7, 8, 9, 10};
  const float *inputs[] = {a.data(), b.data()};
  std::vector<float> y(10);
  concatenateForward(*s, inputs, y.data());
  expectNear(y, {1, 2, 5, 6, 7, 3, 4, 8, 9, 10}, 0, "axis -1");
  // Split back.
  std::vector<float> da(4), db(6);
  float *outs[] = {da.data(), db.data()};
  concatenateBackward(*s, y.data(), outs);
  EXPECT_EQ(da, a);
  EXPECT_EQ(db, b);
  // axis 0 of [1, 2] and [2, 2]: rows stacked.
  auto s0 = makeConcatShape({{1, 2}, {2, 2}}, 0);
  ASSERT_TRUE(s0.ok());
  const std::vector<float> c = {9, 8};
  const float *inputs0[] = {c.data(), a.data()};
  std::vector<float> y0(6);
  concatenateForward(*s0, inputs0, y0.data());
  expectNear(y0, {9, 8, 1, 2, 3, 4}, 0, "axis 0");
}

TEST(ConcatenateTest, ShapeErrors) {
  EXPECT_FALSE(makeConcatShape({}, 0).ok());
  EXPECT_FALSE(makeConcatShape({{2, 2}, {3, 3}}, 1).ok()); // axis 0 differs
  EXPECT_FALSE(makeConcatShape({{2, 2}, {2}}, 0).ok());    // ranks differ
  EXPECT_FALSE(makeConcatShape({{2, 2}}, 2).ok());
  EXPECT_FALSE(makeConcatShape({{2, 2}}, -3).ok());
}

TEST(ConcatenateTest, FiniteDifferences) {
  // [2, 3, 4] ++ [2, 1, 4] ++ [2, 2, 4] along axis 1 (middle axis).
  auto s = *makeConcatShape({{2, 3, 4}, {2, 1, 4}, {2, 2, 4}}, 1);
  std::vector<double> a = randomVector(24, 93), b = randomVector(8, 94),
                      c = randomVector(16, 95);
  const std::vector<double> r = randomVector(48, 96);
  std::vector<double> da(24), db(8), dc(16);
  double *outs[] = {da.data(), db.data(), dc.data()};
  concatenateBackward(s, r.data(), outs);
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(48);
        const double *inputs[] = {a.data(), b.data(), c.data()};
        concatenateForward(s, inputs, out.data());
      },
      r, {{"a", &a, &da}, {"b", &b, &db}, {"c", &c, &dc}});
}

TEST(SliceTest, ForwardBackwardAndErrors) {
  // x [2, 5] = [[0..4], [10..14]], axis 1, start 1, size 3 -> [[1,2,3],[11,12,13]]
  auto s = makeSliceShape({2, 5}, -1, 1, 3);
  ASSERT_TRUE(s.ok()) << s.status();
  const std::vector<double> x = {0, 1, 2, 3, 4, 10, 11, 12, 13, 14};
  std::vector<double> y(6);
  sliceForward(*s, x.data(), y.data());
  expectNear(y, {1, 2, 3, 11, 12, 13}, 0, "y");
  // gradient: dy placed back, zeros elsewhere
  const std::vector<double> dy = {1, 2, 3, 4, 5, 6};
  std::vector<double> dx(10, 7.0);
  sliceBackward(*s, dy.data(), dx.data());
  expectNear(dx, {0, 1, 2, 3, 0, 0, 4, 5, 6, 0}, 0, "dx");
  EXPECT_FALSE(makeSliceShape({2, 5}, 1, 3, 3).ok());
  EXPECT_FALSE(makeSliceShape({2, 5}, 2, 0, 1).ok());
  EXPECT_FALSE(makeSliceShape({2, 5}, 0, -1, 1).ok());
  EXPECT_FALSE(makeSliceShape({2, 5}, 0, 0, 0).ok());

  // finite differences, middle axis of [3, 6, 2]
  auto m = *makeSliceShape({3, 6, 2}, 1, 2, 3);
  std::vector<double> xr = randomVector(36, 102);
  const std::vector<double> r = randomVector(18, 103);
  std::vector<double> dxr(36);
  sliceBackward(m, r.data(), dxr.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(18);
        sliceForward(m, xr.data(), out.data());
      },
      r, {{"x", &xr, &dxr}});
}

TEST(ReduceSumTest, ForwardBackwardAndErrors) {
  // x [2, 3] = [[1, 2, 3], [4, 5, 6]]: over axis 0 -> [5, 7, 9]; over axis 1
  // -> [6, 15]; over both -> [21].
  const std::vector<float> x = {1, 2, 3, 4, 5, 6};
  std::vector<float> y0(3), y1(2), y01(1);
  ASSERT_TRUE(reduceSumForward<float>({2, 3}, {0}, x.data(), y0.data()).ok());
  expectNear(y0, {5, 7, 9}, 0, "axis 0");
  ASSERT_TRUE(reduceSumForward<float>({2, 3}, {-1}, x.data(), y1.data()).ok());
  expectNear(y1, {6, 15}, 0, "axis -1");
  ASSERT_TRUE(reduceSumForward<float>({2, 3}, {1, 0}, x.data(), y01.data()).ok());
  expectNear(y01, {21}, 0, "both");
  // A bias gradient: [N=2, H=1, W=2, F=2] over N, H, W.
  const std::vector<double> dy = {1, 10, 2, 20, 3, 30, 4, 40};
  std::vector<double> db(2);
  ASSERT_TRUE(reduceSumForward<double>({2, 1, 2, 2}, {0, 1, 2}, dy.data(), db.data()).ok());
  expectNear(db, {10, 100}, 0, "bias gradient");
  // backward broadcasts: dx[i, j] = dy[j] for a reduction over axis 0
  const std::vector<float> g = {1, 2, 3};
  std::vector<float> dx(6);
  ASSERT_TRUE(reduceSumBackward<float>({2, 3}, {0}, g.data(), dx.data()).ok());
  expectNear(dx, {1, 2, 3, 1, 2, 3}, 0, "broadcast");
  EXPECT_FALSE(reduceSumForward<float>({2, 3}, {0, 0}, x.data(), y0.data()).ok());
  EXPECT_FALSE(reduceSumForward<float>({2, 3}, {2}, x.data(), y0.data()).ok());

  // finite differences: [3, 4, 5] over axes {0, 2}
  const std::vector<int64_t> dims = {3, 4, 5}, axes = {2, 0};
  std::vector<double> xr = randomVector(60, 104);
  const std::vector<double> r = randomVector(4, 105);
  std::vector<double> dxr(60);
  ASSERT_TRUE(reduceSumBackward(dims, axes, r.data(), dxr.data()).ok());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(4);
        ASSERT_TRUE(reduceSumForward(dims, axes, xr.data(), out.data()).ok());
      },
      r, {{"x", &xr, &dxr}});
}

TEST(RepeatVectorTest, ForwardAndGradient) {
  // x [2, 2] = [[1, 2], [3, 4]], n = 3 -> [[1,2],[1,2],[1,2]], [[3,4],[3,4],[3,4]]
  const std::vector<double> x = {1, 2, 3, 4};
  std::vector<double> y(12);
  repeatVectorForward(2, 2, 3, x.data(), y.data());
  expectNear(y, {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, 0, "y");
  // gradient: sum over the repeated axis
  const std::vector<double> dy = {1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60};
  std::vector<double> dx(4);
  repeatVectorBackward(2, 2, 3, dy.data(), dx.data());
  expectNear(dx, {1 + 3 + 5, 2 + 4 + 6, 10 + 30 + 50, 20 + 40 + 60}, 0, "dx");

  std::vector<double> xr = randomVector(15, 97);
  const std::vector<double> r = randomVector(15 * 4, 98);
  std::vector<double> dxr(15);
  repeatVectorBackward(3, 5, 4, r.data(), dxr.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(60);
        repeatVectorForward(3, 5, 4, xr.data(), out.data());
      },
      r, {{"x", &xr, &dxr}});
}

TEST(AddTest, ForwardAndGradient) {
  const std::vector<float> a = {1, 2}, b = {10, 20}, c = {100, 200};
  const float *inputs[] = {a.data(), b.data(), c.data()};
  std::vector<float> y(2);
  addForward(inputs, 3, 2, y.data());
  expectNear(y, {111, 222}, 0, "y");

  std::vector<double> p = randomVector(5, 99), q = randomVector(5, 100);
  const std::vector<double> r = randomVector(5, 101);
  std::vector<double> dp(5), dq(5);
  double *outs[] = {dp.data(), dq.data()};
  addBackward(r.data(), 2, 5, outs);
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(5);
        const double *ins[] = {p.data(), q.data()};
        addForward(ins, 2, 5, out.data());
      },
      r, {{"a", &p, &dp}, {"b", &q, &dq}});
}

} // namespace
} // namespace dlc::rt::kernels
