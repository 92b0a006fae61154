// Keras 2.0.8 optimizer updates: two steps each against hand-computed
// values (learning-rate decay on for some), in float and double.
#include "runtime/kernels/Optimizers.h"

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectNear;

template <typename T> class OptimizerTest : public ::testing::Test {
protected:
  // Relative precision of the hand values for T.
  static double tol() { return sizeof(T) == 4 ? 2e-6 : 1e-14; }
};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(OptimizerTest, FloatTypes);

TYPED_TEST(OptimizerTest, DecayedLearningRate) {
  using T = TypeParam;
  // lr / (1 + decay · iterations): 0.1 / (1 + 0.5 · 3) = 0.04
  EXPECT_NEAR(double(decayedLearningRate<T>(0.1, 0.5, 3)), 0.04, this->tol());
  EXPECT_EQ(double(decayedLearningRate<T>(0.1, 0.0, 7)), double(T(0.1)));
}

TYPED_TEST(OptimizerTest, SgdMomentum) {
  using T = TypeParam;
  const SgdParams p{0.1, 0.9, 0.0, false};
  std::vector<T> param = {1}, moment = {0};
  // step 1: v = 0.9·0 - 0.1·0.5 = -0.05; p = 1 - 0.05 = 0.95
  const std::vector<T> g1 = {0.5};
  sgdUpdate(p, 0, param.data(), g1.data(), moment.data(), 1);
  expectNear(param, {0.95}, this->tol(), "p1");
  expectNear(moment, {-0.05}, this->tol(), "m1");
  // step 2: v = 0.9·(-0.05) - 0.1·(-1) = 0.055; p = 0.95 + 0.055 = 1.005
  const std::vector<T> g2 = {-1};
  sgdUpdate(p, 1, param.data(), g2.data(), moment.data(), 1);
  expectNear(param, {1.005}, this->tol(), "p2");
  expectNear(moment, {0.055}, this->tol(), "m2");
}

TYPED_TEST(OptimizerTest, SgdNesterovWithDecay) {
  using T = TypeParam;
  const SgdParams p{0.1, 0.5, 0.5, true};
  std::vector<T> param = {1, 0}, moment = {0, 0};
  const std::vector<T> g = {1, -2};
  // step 1 (iterations 0, lr_t = 0.1): v = -0.1·g = [-0.1, 0.2];
  //   p = p + 0.5 v - 0.1 g = [1 - 0.05 - 0.1, 0 + 0.1 + 0.2] = [0.85, 0.3]
  sgdUpdate(p, 0, param.data(), g.data(), moment.data(), 2);
  expectNear(param, {0.85, 0.3}, this->tol(), "p1");
  // step 2 (iterations 1, lr_t = 0.1 / 1.5 = 1/15):
  //   v = 0.5·[-0.1, 0.2] - g/15 = [-0.05 - 1/15, 0.1 + 2/15]
  //   p = [0.85, 0.3] + 0.5 v - g/15
  //     = [0.85 - 0.025 - 1/30 - 1/15, 0.3 + 0.05 + 1/15 + 2/15] = [0.725, 0.55]
  sgdUpdate(p, 1, param.data(), g.data(), moment.data(), 2);
  expectNear(param, {0.725, 0.55}, this->tol(), "p2");
  expectNear(moment, {-0.05 - 1.0 / 15, 0.1 + 2.0 / 15}, this->tol(), "m2");
}

TYPED_TEST(OptimizerTest, RmspropWithDecay) {
  using T = TypeParam;
  const RmspropParams p{0.01, 0.9, 0.1, 0.1}; // lr, rho, epsilon, decay
  std::vector<T> param = {1, -1}, acc = {0, 0};
  // step 1 (lr_t = 0.01), g = [2, -0.5]: a = 0.1 g² = [0.4, 0.025]
  //   p0 = 1 - 0.01·2 / (√0.4 + 0.1) = 1 - 0.02 / 0.7324555 = 0.9726945881
  //   p1 = -1 + 0.005 / (√0.025 + 0.1) = -1 + 0.005 / 0.2581139 = -0.9806287057
  const std::vector<T> g1 = {2, -0.5};
  rmspropUpdate(p, 0, param.data(), g1.data(), acc.data(), 2);
  expectNear(acc, {0.4, 0.025}, this->tol(), "a1");
  expectNear(param, {0.9726945881008371, -0.9806287056638603}, this->tol(), "p1");
  // step 2 (lr_t = 0.01 / 1.1), g = [1, 1]: a = 0.9 a + 0.1 = [0.46, 0.1225]
  //   p0 = 0.9726945881 - (0.01/1.1) / (√0.46 + 0.1) = 0.9610131134
  //   p1 = -0.9806287057 - (0.01/1.1) / (0.35 + 0.1) = -1.0008307259
  const std::vector<T> g2 = {1, 1};
  rmspropUpdate(p, 1, param.data(), g2.data(), acc.data(), 2);
  expectNear(acc, {0.46, 0.1225}, this->tol(), "a2");
  expectNear(param, {0.9610131133874527, -1.0008307258658804}, this->tol(), "p2");
}

TYPED_TEST(OptimizerTest, Adadelta) {
  using T = TypeParam;
  const AdadeltaParams p{1.0, 0.95, 0.01, 0.0}; // lr, rho, epsilon, decay
  std::vector<T> param = {0.5}, acc = {0}, delta = {0};
  // step 1, g = 1: a = 0.05; u = 1·√(0 + 0.01) / √(0.05 + 0.01) = 0.1/√0.06
  //   = 0.4082483; p = 0.5 - 0.4082483 = 0.0917517; d = 0.05 u² = 1/120
  const std::vector<T> g1 = {1};
  adadeltaUpdate(p, 0, param.data(), g1.data(), acc.data(), delta.data(), 1);
  expectNear(acc, {0.05}, this->tol(), "a1");
  expectNear(param, {0.09175170953613715}, this->tol(), "p1");
  expectNear(delta, {1.0 / 120}, this->tol(), "d1");
  // step 2, g = -2: a = 0.95·0.05 + 0.05·4 = 0.2475;
  //   u = -2·√(1/120 + 0.01) / √(0.2475 + 0.01) = -0.5336568;
  //   p = 0.0917517 + 0.5336568 = 0.6254086; d = 0.95/120 + 0.05 u² = 0.0221561
  const std::vector<T> g2 = {-2};
  adadeltaUpdate(p, 1, param.data(), g2.data(), acc.data(), delta.data(), 1);
  expectNear(acc, {0.2475}, this->tol(), "a2");
  expectNear(param, {0.6254085693374001}, this->tol(), "p2");
  expectNear(delta, {0.022156148867313916}, this->tol(), "d2");
}

TYPED_TEST(OptimizerTest, AdamWithDecay) {
  using T = TypeParam;
  const AdamParams p{0.1, 0.9, 0.999, 1e-8, 0.01}; // lr, β1, β2, eps, decay
  std::vector<T> param = {1, 2}, m = {0, 0}, v = {0, 0};
  // step 1 (t = 1, lr_t = 0.1): lr_a = 0.1·√(1 - 0.999)/(1 - 0.9) = √0.001
  //   g = [0.5, -1]: m = 0.1 g = [0.05, -0.1]; v = 0.001 g² = [0.00025, 0.001]
  //   p0 = 1 - √0.001·0.05/(√0.00025 + 1e-8) = 1 - 0.1·(1 - 6.3e-7) = 0.9000000632
  //   p1 = 2 + √0.001·0.1/(√0.001 + 1e-8) = 2.0999999684
  const std::vector<T> g1 = {0.5, -1};
  adamUpdate(p, 0, param.data(), g1.data(), m.data(), v.data(), 2);
  expectNear(m, {0.05, -0.1}, this->tol(), "m1");
  expectNear(v, {0.00025, 0.001}, this->tol(), "v1");
  expectNear(param, {0.9000000632455132, 2.0999999683772335}, this->tol(), "p1");
  // step 2 (t = 2, lr_t = 0.1/1.01): lr_a = lr_t·√(1 - 0.999²)/(1 - 0.9²)
  //   = 0.0990099·0.0447102/0.19 = 0.0232987; g = [-0.5, 3]:
  //   m = [0.045 - 0.05, -0.09 + 0.3] = [-0.005, 0.21]
  //   v = [0.00024975 + 0.00025, 0.000999 + 0.009] = [0.00049975, 0.009999]
  //   p0 = 0.9000000632 + 0.0232987·0.005/(0.0223551 + 1e-8) = 0.9052111083
  //   p1 = 2.0999999684 - 0.0232987·0.21/(0.0999950 + 1e-8) = 2.0510702868
  const std::vector<T> g2 = {-0.5, 3};
  adamUpdate(p, 1, param.data(), g2.data(), m.data(), v.data(), 2);
  expectNear(m, {-0.005, 0.21}, this->tol(), "m2");
  expectNear(v, {0.00049975, 0.009999}, this->tol(), "v2");
  expectNear(param, {0.9052111083350116, 2.0510702868053885}, this->tol(), "p2");
}

TEST(OptimizerDefaultsTest, Keras208Defaults) {
  EXPECT_EQ(SgdParams{}.lr, 0.01);
  EXPECT_EQ(RmspropParams{}.lr, 0.001);
  EXPECT_EQ(RmspropParams{}.rho, 0.9);
  EXPECT_EQ(RmspropParams{}.epsilon, 1e-8);
  EXPECT_EQ(AdadeltaParams{}.lr, 1.0);
  EXPECT_EQ(AdadeltaParams{}.rho, 0.95);
  EXPECT_EQ(AdadeltaParams{}.epsilon, 1e-8);
  EXPECT_EQ(AdamParams{}.lr, 0.001);
  EXPECT_EQ(AdamParams{}.beta1, 0.9);
  EXPECT_EQ(AdamParams{}.beta2, 0.999);
  EXPECT_EQ(AdamParams{}.epsilon, 1e-8);
}

} // namespace
} // namespace dlc::rt::kernels
