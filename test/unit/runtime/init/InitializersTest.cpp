// Keras' initialisers from Philox (abi/Initializers.h, read from manifest JSON by
// runtime/init): statistics, orthogonality, the LSTM forget bias, Keras' fans,
// determinism, the exact draw procedure and the initial state region.
#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "abi/Philox.h"
#include "runtime/bundle/Manifest.h"
#include "runtime/init/InitialState.h"
#include "test/unit/runtime/TestManifest.h"

namespace dlc::rt::init {
namespace {
using namespace dlc::abi;

using nlohmann::json;

InitSpec spec(const json &j) {
  auto s = parseInitSpec(j);
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

std::vector<float> values(const json &j, std::vector<int64_t> shape, uint64_t seed = 1,
                          uint32_t param = 0) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  std::vector<float> out(static_cast<size_t>(n));
  Error e;
  EXPECT_TRUE(initializeTensor(spec(j), shape, seed, param, DType::F32, out.data(), &e))
      << e.message;
  return out;
}

void meanVar(const std::vector<float> &v, double &mean, double &var) {
  mean = 0;
  for (float x : v) mean += x;
  mean /= double(v.size());
  var = 0;
  for (float x : v) var += (x - mean) * (x - mean);
  var /= double(v.size());
}

const json kGlorotUniform = {{"kind", "variance_scaling"}, {"scale", 1.0},
                             {"mode", "fan_avg"}, {"distribution", "uniform"}};

TEST(Fans, FollowKeras) {
  Fans dense = computeFans(std::vector<int64_t>{784, 512});
  EXPECT_EQ(dense.fanIn, 784);
  EXPECT_EQ(dense.fanOut, 512);
  Fans conv = computeFans(std::vector<int64_t>{3, 3, 32, 64});
  EXPECT_EQ(conv.fanIn, 3 * 3 * 32);
  EXPECT_EQ(conv.fanOut, 3 * 3 * 64);
  Fans bias = computeFans(std::vector<int64_t>{16});
  EXPECT_EQ(bias.fanIn, 4);
  EXPECT_EQ(bias.fanOut, 4);
}

TEST(GlorotUniform, HasKerasLimitMeanAndVariance) {
  const std::vector<float> v = values(kGlorotUniform, {784, 512});
  const double limit = std::sqrt(6.0 / (784 + 512));
  for (float x : v) {
    ASSERT_GE(x, -limit);
    ASSERT_LT(x, limit);
  }
  double mean, var;
  meanVar(v, mean, var);
  const double expectedVar = limit * limit / 3;
  EXPECT_LT(std::abs(mean), 4 * std::sqrt(expectedVar / double(v.size())));
  EXPECT_NEAR(var, expectedVar, 0.01 * expectedVar);
  // The conv fans: receptive field times channels.
  const std::vector<float> c = values(kGlorotUniform, {3, 3, 32, 64});
  const double climit = std::sqrt(6.0 / (9 * 32 + 9 * 64));
  double cmax = 0;
  for (float x : c) cmax = std::max(cmax, double(std::abs(x)));
  EXPECT_LT(cmax, climit);
  EXPECT_GT(cmax, 0.99 * climit);
}

TEST(GlorotUniform, FirstValueIsTheDocumentedDraw) {
  const uint64_t seed = 1234;
  const uint32_t param = 5;
  const std::vector<float> v = values(kGlorotUniform, {10, 20}, seed, param);
  const double limit = std::sqrt(6.0 / 30);
  for (uint64_t e : {0u, 1u, 199u}) {
    const auto block = philoxDraw(seed, uint32_t(Stream::Init) | param, 0, e);
    const double u = double(uniform01(block[0]));
    EXPECT_EQ(v[e], float(-limit + 2 * limit * u)) << e;
  }
}

TEST(Normal, BoxMullerStatistics) {
  const std::vector<float> v =
      values({{"kind", "random_normal"}, {"mean", 1.0}, {"stddev", 2.0}}, {200000});
  double mean, var;
  meanVar(v, mean, var);
  EXPECT_NEAR(mean, 1.0, 0.02);
  EXPECT_NEAR(var, 4.0, 0.06);
}

TEST(TruncatedNormal, StaysWithinTwoSigmaWithTheTruncatedVariance) {
  const std::vector<float> v =
      values({{"kind", "truncated_normal"}, {"mean", 0.0}, {"stddev", 0.5}}, {200000});
  for (float x : v) ASSERT_LE(std::abs(x), 1.0f);
  double mean, var;
  meanVar(v, mean, var);
  // Var of N(0,1) truncated to [-2, 2]: 1 - 2·2·φ(2) / (Φ(2) - Φ(-2)).
  const double phi2 = std::exp(-2.0) / std::sqrt(2 * M_PI);
  const double mass = std::erf(2 / std::sqrt(2.0));
  const double expected = 0.25 * (1 - 4 * phi2 / mass);
  EXPECT_NEAR(mean, 0.0, 0.005);
  EXPECT_NEAR(var, expected, 0.01 * expected);
  // He normal = variance_scaling(2, fan_in, truncated_normal): σ = sqrt(2 / fan_in).
  const std::vector<float> he = values({{"kind", "variance_scaling"}, {"scale", 2.0},
                                        {"mode", "fan_in"}, {"distribution", "truncated_normal"}},
                                       {3, 3, 8, 16});
  const double sigma = std::sqrt(2.0 / 72);
  for (float x : he) ASSERT_LE(std::abs(x), 2 * sigma + 1e-7);
}

TEST(InverseNormalCdf, IsAccurate) {
  EXPECT_NEAR(inverseNormalCdf(0.975), 1.959963984540054, 1e-13);
  EXPECT_NEAR(inverseNormalCdf(0.5), 0.0, 1e-15);
  EXPECT_NEAR(inverseNormalCdf(0.001), -3.090232306167814, 1e-12);
  for (double p : {0.0228, 0.1, 0.3, 0.7, 0.9, 0.977})
    EXPECT_NEAR(0.5 * std::erfc(-inverseNormalCdf(p) / std::sqrt(2.0)), p, 1e-15);
}

/// max |M Mᵀ - I| over the rows of a [rows, cols] matrix (rows <= cols), or
/// over the columns (rows > cols).
double orthogonalityError(const std::vector<float> &w, int64_t rows, int64_t cols,
                          double gain = 1.0) {
  const bool byRows = rows <= cols;
  const int64_t k = byRows ? rows : cols, len = byRows ? cols : rows;
  double worst = 0;
  for (int64_t a = 0; a < k; ++a)
    for (int64_t b = 0; b < k; ++b) {
      double dot = 0;
      for (int64_t i = 0; i < len; ++i) {
        const double x = byRows ? w[size_t(a * cols + i)] : w[size_t(i * cols + a)];
        const double y = byRows ? w[size_t(b * cols + i)] : w[size_t(i * cols + b)];
        dot += x * y;
      }
      worst = std::max(worst, std::abs(dot / (gain * gain) - (a == b ? 1.0 : 0.0)));
    }
  return worst;
}

TEST(Orthogonal, RecurrentKernelHasOrthonormalRows) {
  const json o = {{"kind", "orthogonal"}, {"gain", 1.0}};
  // An LSTM recurrent kernel [units, 4 units]: rows < cols.
  EXPECT_LT(orthogonalityError(values(o, {128, 512}), 128, 512), 1e-5);
  EXPECT_LT(orthogonalityError(values(o, {64, 16}), 64, 16), 1e-5);
  EXPECT_LT(orthogonalityError(values(o, {32, 32}), 32, 32), 1e-5);
  const json g = {{"kind", "orthogonal"}, {"gain", 2.5}};
  EXPECT_LT(orthogonalityError(values(g, {8, 24}), 8, 24, 2.5), 1e-5);
}

TEST(Orthogonal, IsTheSignCorrectedQOfTheDrawnMatrix) {
  // For a [n, 1] tensor Q is the normalised draw, sign-corrected so R > 0:
  // exactly a / |a|.
  const json o = {{"kind", "orthogonal"}, {"gain", 1.0}};
  const std::vector<float> q = values(o, {5, 1}, 9, 2);
  double norm = 0;
  std::vector<double> a(5);
  for (int i = 0; i < 5; ++i) {
    a[size_t(i)] = drawNormal(9, 2, uint64_t(i), 0, 1);
    norm += a[size_t(i)] * a[size_t(i)];
  }
  norm = std::sqrt(norm);
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(q[size_t(i)], a[size_t(i)] / norm, 1e-7);
}

TEST(LstmUnitForgetBias, OnesInTheForgetGate) {
  const std::vector<float> b = values({{"kind", "lstm_unit_forget_bias"}}, {4 * 3});
  const std::vector<float> expected = {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0};
  EXPECT_EQ(b, expected);
  std::vector<float> out(10);
  EXPECT_FALSE(initializeTensor(spec({{"kind", "lstm_unit_forget_bias"}}),
                                std::vector<int64_t>{10}, 0, 0, DType::F32, out.data()));
}

TEST(SimpleKinds, Values) {
  EXPECT_EQ(values({{"kind", "zeros"}}, {3}), (std::vector<float>{0, 0, 0}));
  EXPECT_EQ(values({{"kind", "ones"}}, {2}), (std::vector<float>{1, 1}));
  EXPECT_EQ(values({{"kind", "constant"}, {"value", 0.25}}, {2}),
            (std::vector<float>{0.25f, 0.25f}));
  EXPECT_EQ(values({{"kind", "identity"}, {"gain", 2.0}}, {2, 3}),
            (std::vector<float>{2, 0, 0, 0, 2, 0}));
  for (float x : values({{"kind", "random_uniform"}, {"minval", -0.05}, {"maxval", 0.05}}, {1000})) {
    ASSERT_GE(x, -0.05f);
    ASSERT_LT(x, 0.05f);
  }
}

TEST(Determinism, SameKeySameBitsOtherKeyOtherBits) {
  const std::vector<float> a = values(kGlorotUniform, {50, 40}, 42, 3);
  const std::vector<float> b = values(kGlorotUniform, {50, 40}, 42, 3);
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * 4), 0);
  EXPECT_NE(a, values(kGlorotUniform, {50, 40}, 43, 3));
  EXPECT_NE(a, values(kGlorotUniform, {50, 40}, 42, 4));
  const json o = {{"kind", "orthogonal"}, {"gain", 1.0}};
  EXPECT_EQ(values(o, {16, 64}, 5, 1), values(o, {16, 64}, 5, 1));
}

TEST(ParseInitSpec, ErrorsNameTheField) {
  auto err = [](const json &j) { return std::string(parseInitSpec(j).status().message()); };
  EXPECT_EQ(err({{"kind", "variance_scaling"}, {"scale", 1.0}, {"distribution", "uniform"}}),
            "init: variance_scaling needs 'mode'");
  EXPECT_NE(err({{"kind", "variance_scaling"}, {"scale", 1.0}, {"mode", "fan_sum"},
                 {"distribution", "uniform"}})
                .find("'mode' is \"fan_sum\""),
            std::string::npos);
  EXPECT_NE(err({{"kind", "he_magic"}}).find("unknown kind \"he_magic\""), std::string::npos);
  EXPECT_EQ(err({{"kind", "orthogonal"}, {"gain", "big"}}),
            "init: orthogonal: 'gain' must be a number, got \"big\"");
  EXPECT_EQ(err(json::array()), "init: expected an object, got []");
}

TEST(InitialState, FillsParamsAndZeroesTheRest) {
  testing::ManifestBuilder mb;
  int w = mb.tensor("w", "f32", {4, 6}, "state", "param", kGlorotUniform);
  int slot = mb.tensor("w_acc", "f32", {4, 6}, "state", "slot");
  int b = mb.tensor("b", "f32", {8}, "state", "param", {{"kind", "lstm_unit_forget_bias"}});
  int it = mb.tensor("iterations", "i64", {}, "state", "iterations");
  auto m = bundle::parseManifest(mb.build(4, 11).dump());
  ASSERT_TRUE(m.ok()) << m.status();
  auto state = initialStateBytes(*m, 11);
  ASSERT_TRUE(state.ok()) << state.status();
  ASSERT_EQ(state->size(), m->regionBytes[0]);
  auto floats = [&](int t) {
    const bundle::TensorDesc &d = m->tensors[size_t(t)];
    std::vector<float> v(size_t(d.numElements()));
    std::memcpy(v.data(), state->data() + d.offset, v.size() * 4);
    return v;
  };
  EXPECT_EQ(floats(w), values(kGlorotUniform, {4, 6}, 11, 0));
  EXPECT_EQ(floats(slot), std::vector<float>(24, 0.0f));
  EXPECT_EQ(floats(b), (std::vector<float>{0, 0, 1, 1, 0, 0, 0, 0}));
  int64_t counter = -1;
  std::memcpy(&counter, state->data() + m->tensors[size_t(it)].offset, 8);
  EXPECT_EQ(counter, 0);
  // Param #1 (b) draws from its own stream: a second glorot param differs from w.
  testing::ManifestBuilder mb2;
  mb2.tensor("w", "f32", {4, 6}, "state", "param", kGlorotUniform);
  mb2.tensor("w2", "f32", {4, 6}, "state", "param", kGlorotUniform);
  auto m2 = bundle::parseManifest(mb2.build(4, 11).dump());
  auto s2 = initialStateBytes(*m2, 11);
  EXPECT_NE(s2->substr(0, 96), s2->substr(128, 96));
  // An ill-formed spec names the tensor.
  testing::ManifestBuilder mb3;
  mb3.tensor("dense/kernel", "f32", {4}, "state", "param", {{"kind", "identity"}, {"gain", 1.0}});
  auto m3 = bundle::parseManifest(mb3.build().dump());
  auto s3 = initialStateBytes(*m3, 0);
  EXPECT_NE(s3.status().message().find("tensor 'dense/kernel': init: identity needs a 2-D"),
            std::string::npos)
      << s3.status();
}

} // namespace
} // namespace dlc::rt::init
