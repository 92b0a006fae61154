// Helpers of the reference-kernel tests: seeded random tensors and the
// central-difference gradient check every backward kernel goes through.
#ifndef DLC_TEST_UNIT_RUNTIME_KERNELS_KERNELTESTUTIL_H
#define DLC_TEST_UNIT_RUNTIME_KERNELS_KERNELTESTUTIL_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dlc::rt::kernels::testing {

/// n values uniform in [lo, hi), from a fixed seed.
inline std::vector<double> randomVector(size_t n, uint64_t seed,
                                        double lo = -1.0, double hi = 1.0) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> v(n);
  for (double &x : v)
    x = dist(engine);
  return v;
}

/// n values uniform in ±[minMagnitude, maxMagnitude): random inputs kept
/// away from a kink at 0 (relu, elu, hard functions).
inline std::vector<double> randomAwayFromZero(size_t n, uint64_t seed,
                                              double minMagnitude,
                                              double maxMagnitude) {
  std::vector<double> v = randomVector(n, seed, minMagnitude, maxMagnitude);
  std::mt19937_64 engine(seed ^ 0x5bd1e995u);
  for (double &x : v)
    if (engine() & 1)
      x = -x;
  return v;
}

/// n distinct values, a random permutation of {k · spacing + offset}: inputs
/// of max-pool gradient checks, whose maxima must not tie (nor change under a
/// ±h step).
inline std::vector<double> distinctValues(size_t n, uint64_t seed,
                                          double spacing = 0.01,
                                          double offset = -0.5) {
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = double(i) * spacing + offset;
  std::mt19937_64 engine(seed);
  std::shuffle(v.begin(), v.end(), engine);
  return v;
}

/// One differentiable input of a gradient check: its values (perturbed in
/// place during the check) and the gradient the backward kernel returned
/// for it.
struct GradInput {
  std::string name;
  std::vector<double> *values;
  const std::vector<double> *analytic;
};

/// Checks the backward kernels of f by central differences. `forward`
/// evaluates f at the current input values into `out`; the scalar checked
/// is L = Σ projection ⊙ out, so the analytic gradients must be the backward
/// kernels' results for dy = projection. For each element e of each input,
///   fd = (L(x + h e) - L(x - h e)) / 2h
/// must match the analytic value within rtol · max(|fd|, |analytic|) + atol.
inline void expectGradientsMatch(
    const std::function<void(std::vector<double> &out)> &forward,
    const std::vector<double> &projection, const std::vector<GradInput> &inputs,
    double h = 1e-6, double rtol = 1e-6, double atol = 1e-8) {
  std::vector<double> out;
  auto objective = [&]() {
    forward(out);
    EXPECT_EQ(out.size(), projection.size());
    double sum = 0.0;
    for (size_t i = 0; i < out.size() && i < projection.size(); ++i)
      sum += projection[i] * out[i];
    return sum;
  };
  int failures = 0;
  for (const GradInput &input : inputs) {
    ASSERT_EQ(input.values->size(), input.analytic->size()) << input.name;
    for (size_t e = 0; e < input.values->size(); ++e) {
      double &x = (*input.values)[e];
      const double saved = x;
      x = saved + h;
      const double plus = objective();
      x = saved - h;
      const double minus = objective();
      x = saved;
      const double fd = (plus - minus) / (2 * h);
      const double analytic = (*input.analytic)[e];
      const double tolerance =
          rtol * std::max(std::fabs(fd), std::fabs(analytic)) + atol;
      if (std::fabs(fd - analytic) > tolerance && ++failures <= 10)
        ADD_FAILURE() << "d/d" << input.name << "[" << e
                      << "]: analytic " << analytic << ", finite difference "
                      << fd << " (difference " << fd - analytic << ")";
    }
  }
  EXPECT_EQ(failures, 0) << "gradient elements off";
}

/// Element-wise comparison with a per-element message.
template <typename T>
void expectNear(const std::vector<T> &actual, const std::vector<double> &expected,
                double tolerance, const std::string &what = "") {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(double(actual[i]), expected[i], tolerance)
        << what << " element " << i;
}

} // namespace dlc::rt::kernels::testing

#endif // DLC_TEST_UNIT_RUNTIME_KERNELS_KERNELTESTUTIL_H
