// dlc.dense reference kernels: hand-computed values and gradient checks.
#include "runtime/kernels/Dense.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

template <typename T> class DenseHandTest : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(DenseHandTest, FloatTypes);

TYPED_TEST(DenseHandTest, ForwardAndBackward) {
  using T = TypeParam;
  const DenseShape shape{2, 3, 2};
  const std::vector<T> x = {1, 2, 3, 4, 5, 6};         // [2, 3]
  const std::vector<T> w = {1, 0, 0, 1, 1, -1};        // [3, 2]
  const std::vector<T> b = {0.5, -0.5};
  std::vector<T> y(4);
  denseForward(shape, x.data(), w.data(), b.data(), y.data());
  // row 0: [1·1 + 2·0 + 3·1, 1·0 + 2·1 + 3·(-1)] + b = [4.5, -1.5]
  // row 1: [4 + 6, 5 - 6] + b = [10.5, -1.5]
  expectNear(y, {4.5, -1.5, 10.5, -1.5}, 0.0, "y");

  denseForward<T>(shape, x.data(), w.data(), nullptr, y.data());
  expectNear(y, {4, -1, 10, -1}, 0.0, "y without bias");

  const std::vector<T> dy = {1, 0, 0, 1};
  std::vector<T> dx(6), dw(6), db(2);
  denseBackwardInput(shape, w.data(), dy.data(), dx.data());
  // dx = dy · wᵀ: row 0 = w[:, 0] = [1, 0, 1], row 1 = w[:, 1] = [0, 1, -1]
  expectNear(dx, {1, 0, 1, 0, 1, -1}, 0.0, "dx");
  denseBackwardKernel(shape, x.data(), dy.data(), dw.data());
  // dw = xᵀ · dy = [[1, 4], [2, 5], [3, 6]]
  expectNear(dw, {1, 4, 2, 5, 3, 6}, 0.0, "dw");
  denseBackwardBias(shape, dy.data(), db.data());
  expectNear(db, {1, 1}, 0.0, "db");
}

// The oracle sums in double and rounds once: 1 + 4 · 2⁻²⁴ is a float, but
// summed in float in order every 1 + 2⁻²⁴ rounds back to 1.
constexpr float kTiny = 0x1p-24f;
constexpr float kSumOfFive = 1.0f + 0x1p-22f; // 1 + 4 · kTiny, exactly

TEST(DenseAccuracyTest, Float32ProductsSumInDouble) {
  const std::vector<float> ones(5, 1.0f), terms = {1, kTiny, kTiny, kTiny, kTiny};
  float y = 0, dw = 0, db = 0, dx = 0;
  denseForward<float>(DenseShape{1, 5, 1}, ones.data(), terms.data(), nullptr, &y);
  EXPECT_EQ(y, kSumOfFive);
  denseBackwardKernel<float>(DenseShape{5, 1, 1}, terms.data(), ones.data(), &dw);
  EXPECT_EQ(dw, kSumOfFive);
  denseBackwardBias<float>(DenseShape{5, 1, 1}, terms.data(), &db);
  EXPECT_EQ(db, kSumOfFive);
  denseBackwardInput<float>(DenseShape{1, 1, 5}, ones.data(), terms.data(), &dx);
  EXPECT_EQ(dx, kSumOfFive);
}

TEST(DenseGradientTest, FiniteDifferences) {
  const DenseShape shape{5, 7, 3};
  std::vector<double> x = randomVector(5 * 7, 1), w = randomVector(7 * 3, 2),
                      b = randomVector(3, 3);
  const std::vector<double> r = randomVector(5 * 3, 4);
  std::vector<double> dx(x.size()), dw(w.size()), db(b.size());
  denseBackwardInput(shape, w.data(), r.data(), dx.data());
  denseBackwardKernel(shape, x.data(), r.data(), dw.data());
  denseBackwardBias(shape, r.data(), db.data());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(5 * 3);
        denseForward(shape, x.data(), w.data(), b.data(), out.data());
      },
      r, {{"x", &x, &dx}, {"kernel", &w, &dw}, {"bias", &b, &db}});
}

} // namespace
} // namespace dlc::rt::kernels
