// dlc.dropout reference kernels: the Philox keying, the kept fraction, the
// shared forward/backward mask, and different masks for different keys.
#include "runtime/kernels/Dropout.h"

#include "abi/Philox.h"
#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using namespace dlc::abi;
using testing::expectGradientsMatch;
using testing::randomVector;

TEST(DropoutTest, KeepsByThePhiloxFormula) {
  // The mask bit written out from the spec: word 0 of Philox4x32-10 with
  // key (seed lo, seed hi) and counter (index lo, index hi, step,
  // 0x20000000 | opSeed), as a 24-bit fraction, kept iff >= rate.
  const DropoutParams p{0.3, 0x123456789abcdefull, 5, 17};
  for (uint64_t i : {0ull, 1ull, 2ull, 1000ull, (1ull << 32) + 3}) {
    const PhiloxCounter block = philox4x32_10(
        {uint32_t(i), uint32_t(i >> 32), 17u, 0x20000000u | 5u},
        {0x89abcdefu, 0x01234567u});
    const double u = double(block[0] >> 8) / 16777216.0;
    EXPECT_EQ(dropoutKeeps(p, i), u >= 0.3) << "index " << i;
  }
}

TEST(DropoutTest, KeptFractionAndScaling) {
  const int64_t n = 100000;
  const DropoutParams p{0.25, 42, 3, 7};
  std::vector<float> x(n), y(n);
  for (int64_t i = 0; i < n; ++i)
    x[i] = 1.0f + float(i % 7);
  ASSERT_TRUE(dropoutForward(p, x.data(), y.data(), n).ok());
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (y[i] != 0.0f) {
      ++kept;
      EXPECT_EQ(y[i], x[i] / 0.75f) << i; // kept values divided by 1 - rate
    }
  }
  // Binomial(1e5, 0.75): standard deviation 0.00137 of the fraction.
  EXPECT_NEAR(double(kept) / n, 0.75, 0.006);
}

TEST(DropoutTest, BackwardUsesTheForwardMask) {
  const int64_t n = 5000;
  const DropoutParams p{0.5, 9, 1, 123};
  std::vector<double> ones(n, 1.0), y(n), dx(n);
  ASSERT_TRUE(dropoutForward(p, ones.data(), y.data(), n).ok());
  const std::vector<double> dy = randomVector(n, 51, 0.5, 1.5);
  ASSERT_TRUE(dropoutBackward(p, dy.data(), dx.data(), n).ok());
  int64_t kept = 0;
  for (int64_t i = 0; i < n; ++i) {
    EXPECT_EQ(y[i] != 0.0, dx[i] != 0.0) << i;
    EXPECT_EQ(y[i] != 0.0, dropoutKeeps(p, uint64_t(i))) << i;
    if (dx[i] != 0.0) {
      EXPECT_EQ(dx[i], dy[i] / 0.5) << i;
      ++kept;
    }
  }
  EXPECT_GT(kept, n / 3);
  EXPECT_LT(kept, 2 * n / 3);
}

std::vector<bool> maskOf(const DropoutParams &p, int64_t n) {
  std::vector<bool> mask(n);
  for (int64_t i = 0; i < n; ++i)
    mask[i] = dropoutKeeps(p, uint64_t(i));
  return mask;
}

int64_t differences(const std::vector<bool> &a, const std::vector<bool> &b) {
  int64_t count = 0;
  for (size_t i = 0; i < a.size(); ++i)
    count += a[i] != b[i];
  return count;
}

TEST(DropoutTest, DifferentKeysGiveDifferentMasks) {
  const int64_t n = 10000;
  const DropoutParams base{0.5, 1, 2, 3};
  EXPECT_EQ(differences(maskOf(base, n), maskOf(base, n)), 0);
  DropoutParams otherSeed = base, otherStep = base, otherRun = base;
  otherSeed.opSeed = 3;
  otherStep.step = 4;
  otherRun.runSeed = 2;
  // Independent masks at rate 0.5 differ in about half the positions.
  for (const DropoutParams &other : {otherSeed, otherStep, otherRun}) {
    const int64_t d = differences(maskOf(base, n), maskOf(other, n));
    EXPECT_GT(d, n * 4 / 10);
    EXPECT_LT(d, n * 6 / 10);
  }
}

TEST(DropoutTest, RateZeroIsTheIdentityAndBadParamsAreRefused) {
  const std::vector<double> x = {1.5, -2, 3};
  std::vector<double> y(3, 99.0);
  ASSERT_TRUE(dropoutForward(DropoutParams{0.0, 1, 1, 1}, x.data(), y.data(), 3).ok());
  EXPECT_EQ(y, x);
  y.assign(3, 99.0);
  absl::Status status = dropoutForward(DropoutParams{1.0, 1, 1, 1}, x.data(), y.data(), 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(y, std::vector<double>(3, 99.0)); // untouched
  status = dropoutBackward(DropoutParams{0.5, 1, 1u << 28, 1}, x.data(), y.data(), 3);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(validateDropout(DropoutParams{-0.1, 0, 0, 0}).ok());
}

TEST(DropoutTest, FiniteDifferences) {
  const int64_t n = 60;
  const DropoutParams p{0.4, 77, 2, 5};
  std::vector<double> x = randomVector(n, 52);
  const std::vector<double> r = randomVector(n, 53);
  std::vector<double> dx(n);
  ASSERT_TRUE(dropoutBackward(p, r.data(), dx.data(), n).ok());
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(n);
        ASSERT_TRUE(dropoutForward(p, x.data(), out.data(), n).ok());
      },
      r, {{"x", &x, &dx}});
}

} // namespace
} // namespace dlc::rt::kernels
