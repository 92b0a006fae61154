// dlc.lstm / dlc.gru / dlc.simple_rnn reference kernels: hand-computed
// sequences (Keras 2.0.8 formulas, gate order and weight layout, go_backwards
// order), and backpropagation-through-time gradient checks.
#include "runtime/kernels/Recurrent.h"

#include <cmath>

#include "KernelTestUtil.h"

namespace dlc::rt::kernels {
namespace {
using testing::expectGradientsMatch;
using testing::expectNear;
using testing::randomVector;

RecurrentOptions options(Activation a, Activation ra, bool sequences,
                         bool backwards, bool resetAfter = false) {
  RecurrentOptions o;
  o.activation = a;
  o.recurrentActivation = ra;
  o.returnSequences = sequences;
  o.goBackwards = backwards;
  o.resetAfter = resetAfter;
  return o;
}

//===-- LSTM ---------------------------------------------------------------===//

// One unit, one feature, two steps, Keras 2.0.8 activations (tanh,
// hard_sigmoid = clip(0.2 z + 0.5, 0, 1); every z here stays inside
// (-2.5, 2.5), so hard_sigmoid(z) = 0.2 z + 0.5).
// kernel [i, f, c, o] = [0.5, 0.25, 1, -0.5], recurrent [0.1, 0.2, 0.3, 0.4],
// bias [0, 1, 0, 0] (unit forget bias), x = [1, 2].
const std::vector<double> kLstmW = {0.5, 0.25, 1.0, -0.5},
                          kLstmU = {0.1, 0.2, 0.3, 0.4},
                          kLstmB = {0, 1, 0, 0};

TEST(LstmTest, HandComputedForward) {
  const RecurrentShape shape{1, 2, 1, 1};
  const std::vector<double> x = {1, 2};
  // step 1 (x = 1, h = c = 0): z = [0.5, 1.25, 1, -0.5]
  //   i = 0.6, f = 0.75 (unused: c = 0), g = tanh(1), o = 0.4
  const double c1 = 0.6 * std::tanh(1.0);
  const double h1 = 0.4 * std::tanh(c1);
  // step 2 (x = 2): z = [1 + 0.1 h1, 0.5 + 1 + 0.2 h1, 2 + 0.3 h1, -1 + 0.4 h1]
  const double i2 = 0.2 * (1 + 0.1 * h1) + 0.5, f2 = 0.2 * (1.5 + 0.2 * h1) + 0.5;
  const double g2 = std::tanh(2 + 0.3 * h1), o2 = 0.2 * (-1 + 0.4 * h1) + 0.5;
  const double c2 = f2 * c1 + i2 * g2;
  const double h2 = o2 * std::tanh(c2);

  std::vector<double> y(1), seq(2);
  lstmForward(shape, options(Activation::Tanh, Activation::HardSigmoid, false, false),
              x.data(), kLstmW.data(), kLstmU.data(), kLstmB.data(), y.data());
  expectNear(y, {h2}, 1e-14, "last h");
  lstmForward(shape, options(Activation::Tanh, Activation::HardSigmoid, true, false),
              x.data(), kLstmW.data(), kLstmU.data(), kLstmB.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence");
}

TEST(LstmTest, GoBackwardsReadsLastToFirstAndReturnsProcessedOrder) {
  const RecurrentShape shape{1, 2, 1, 1};
  const std::vector<double> x = {1, 2};
  // step 1 reads x = 2: z = [1, 1.5, 2, -1] -> i = 0.7, g = tanh 2, o = 0.3
  const double c1 = 0.7 * std::tanh(2.0);
  const double h1 = 0.3 * std::tanh(c1);
  // step 2 reads x = 1: z = [0.5 + 0.1 h1, 1.25 + 0.2 h1, 1 + 0.3 h1, -0.5 + 0.4 h1]
  const double i2 = 0.2 * (0.5 + 0.1 * h1) + 0.5, f2 = 0.2 * (1.25 + 0.2 * h1) + 0.5;
  const double g2 = std::tanh(1 + 0.3 * h1), o2 = 0.2 * (-0.5 + 0.4 * h1) + 0.5;
  const double h2 = o2 * std::tanh(f2 * c1 + i2 * g2);
  std::vector<double> seq(2), y(1);
  lstmForward(shape, options(Activation::Tanh, Activation::HardSigmoid, true, true),
              x.data(), kLstmW.data(), kLstmU.data(), kLstmB.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence in processed order");
  lstmForward(shape, options(Activation::Tanh, Activation::HardSigmoid, false, true),
              x.data(), kLstmW.data(), kLstmU.data(), kLstmB.data(), y.data());
  expectNear(y, {h2}, 1e-14, "last processed h");
}

TEST(LstmTest, GateOrderIsIfco) {
  // Two units, one step, x = 1, linear activations, no bias: z = kernel row
  // = [i0, i1, f0, f1, c0, c1, o0, o1] = [1, 2, 3, 4, 5, 6, 7, 8];
  // c = i ⊙ c_gate = [5, 12], h = o ⊙ c = [35, 96].
  const RecurrentShape shape{1, 1, 1, 2};
  const std::vector<float> x = {1}, w = {1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<float> u(16, 0.0f);
  std::vector<float> y(2);
  lstmForward<float>(shape, options(Activation::Linear, Activation::Linear, false, false),
                     x.data(), w.data(), u.data(), nullptr, y.data());
  expectNear(y, {35, 96}, 0, "h");
}

TEST(LstmTest, BatchRowsAreIndependent) {
  // Two samples: the second is the first hand case; the first is all zeros
  // (from zero state with zero bias and input: i = f = o = 0.5, g = 0 -> h = 0).
  const RecurrentShape shape{2, 2, 1, 1};
  const std::vector<double> x = {0, 0, 1, 2}, zeroBias(4, 0.0);
  std::vector<double> y(2);
  lstmForward(shape, options(Activation::Tanh, Activation::HardSigmoid, false, false),
              x.data(), kLstmW.data(), kLstmU.data(), zeroBias.data(), y.data());
  EXPECT_EQ(y[0], 0.0);
  EXPECT_NE(y[1], 0.0);
}

//===-- GRU ----------------------------------------------------------------===//

// kernel [z, r, h] = [0.5, -0.5, 1], recurrent [0.3, 0.6, -0.4],
// tanh / hard_sigmoid (all z inside (-2.5, 2.5)), x = [1, 2].
const std::vector<double> kGruW = {0.5, -0.5, 1.0}, kGruU = {0.3, 0.6, -0.4};

TEST(GruTest, HandComputedResetBefore) {
  const RecurrentShape shape{1, 2, 1, 1};
  const std::vector<double> x = {1, 2}, b = {0.1, 0.2, -0.1};
  // step 1 (h = 0): z = hs(0.5 + 0.1) = 0.62; hh = tanh(1 - 0.1)
  const double h1 = (1 - 0.62) * std::tanh(0.9);
  // step 2 (x = 2): z = hs(1 + 0.1 + 0.3 h1), r = hs(-1 + 0.2 + 0.6 h1),
  //   hh = tanh(2 - 0.1 + (r h1) · -0.4)
  const double z2 = 0.2 * (1.1 + 0.3 * h1) + 0.5;
  const double r2 = 0.2 * (-0.8 + 0.6 * h1) + 0.5;
  const double hh2 = std::tanh(1.9 - 0.4 * r2 * h1);
  const double h2 = z2 * h1 + (1 - z2) * hh2;
  std::vector<double> seq(2);
  gruForward(shape, options(Activation::Tanh, Activation::HardSigmoid, true, false),
             x.data(), kGruW.data(), kGruU.data(), b.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence");
}

TEST(GruTest, HandComputedResetAfter) {
  const RecurrentShape shape{1, 2, 1, 1};
  // bias [2, 3]: input bias [0.1, 0.2, -0.1], recurrent bias [0.05, -0.05, 0.3]
  const std::vector<double> x = {1, 2}, b = {0.1, 0.2, -0.1, 0.05, -0.05, 0.3};
  // step 1 (h = 0, so h·U = 0 and only rb enters):
  //   z = hs(0.5 + 0.1 + 0.05) = 0.63, r = hs(-0.5 + 0.2 - 0.05) = 0.43,
  //   hh = tanh(1 - 0.1 + 0.43 · (0 + 0.3))
  const double h1 = (1 - 0.63) * std::tanh(0.9 + 0.43 * 0.3);
  // step 2 (x = 2): z = hs(1 + 0.1 + 0.3 h1 + 0.05), r = hs(-1 + 0.2 + 0.6 h1 - 0.05)
  //   hh = tanh(2 - 0.1 + r (-0.4 h1 + 0.3))
  const double z2 = 0.2 * (1.15 + 0.3 * h1) + 0.5;
  const double r2 = 0.2 * (-0.85 + 0.6 * h1) + 0.5;
  const double hh2 = std::tanh(1.9 + r2 * (0.3 - 0.4 * h1));
  const double h2 = z2 * h1 + (1 - z2) * hh2;
  std::vector<double> seq(2), y(1);
  gruForward(shape, options(Activation::Tanh, Activation::HardSigmoid, true, false, true),
             x.data(), kGruW.data(), kGruU.data(), b.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence");
  gruForward(shape, options(Activation::Tanh, Activation::HardSigmoid, false, false, true),
             x.data(), kGruW.data(), kGruU.data(), b.data(), y.data());
  expectNear(y, {h2}, 1e-14, "last h");
}

TEST(GruTest, GoBackwards) {
  const RecurrentShape shape{1, 2, 1, 1};
  const std::vector<double> x = {2, 1}, b = {0.1, 0.2, -0.1};
  // Reading [2, 1] backwards processes 1 then 2: the HandComputedResetBefore
  // sequence.
  const double h1 = (1 - 0.62) * std::tanh(0.9);
  const double z2 = 0.2 * (1.1 + 0.3 * h1) + 0.5;
  const double r2 = 0.2 * (-0.8 + 0.6 * h1) + 0.5;
  const double h2 = z2 * h1 + (1 - z2) * std::tanh(1.9 - 0.4 * r2 * h1);
  std::vector<double> seq(2);
  gruForward(shape, options(Activation::Tanh, Activation::HardSigmoid, true, true),
             x.data(), kGruW.data(), kGruU.data(), b.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence in processed order");
}

TEST(GruTest, GateOrderAndRecurrentLayoutTwoUnits) {
  // Two units, linear activations, no bias, x = [1, 0].
  // kernel [z0, z1, r0, r1, h0, h1] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
  // recurrent row 0 (from unit 0) = [1, 0, 0, 0, 0, 2], row 1 = [0, 0, 1, 0, 0, 0]
  const RecurrentShape shape{1, 2, 1, 2};
  const std::vector<double> x = {1, 0}, w = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  const std::vector<double> u = {1, 0, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0};
  // step 1: z = [0.1, 0.2], hh = [0.5, 0.6], h1 = (1 - z) hh = [0.45, 0.48]
  // step 2: h1·U = 0.45 row0 + 0.48 row1 = [0.45, 0, 0.48, 0, 0, 0.9]
  //   z = [0.45, 0], r = [0.48, 0]
  //   reset before: (r h1)·U_h = [0.216, 0]·[[0, 2], [0, 0]] = [0, 0.432]
  //     h2 = z h1 + (1 - z) hh = [0.2025, 0.432]
  //   reset after: hh = r ⊙ (h1·U_h) = [0.48 · 0, 0 · 0.9] = [0, 0]
  //     h2 = [0.2025, 0]
  std::vector<double> seq(4);
  gruForward<double>(shape, options(Activation::Linear, Activation::Linear, true, false),
                     x.data(), w.data(), u.data(), nullptr, seq.data());
  expectNear(seq, {0.45, 0.48, 0.2025, 0.432}, 1e-14, "reset_after = false");
  gruForward<double>(shape,
                     options(Activation::Linear, Activation::Linear, true, false, true),
                     x.data(), w.data(), u.data(), nullptr, seq.data());
  expectNear(seq, {0.45, 0.48, 0.2025, 0}, 1e-14, "reset_after = true");
}

//===-- SimpleRNN ----------------------------------------------------------===//

TEST(SimpleRnnTest, HandComputed) {
  // h1 = tanh(0.7 · 1 + 0.1), h2 = tanh(0.7 · -2 + 0.1 - 0.3 h1)
  const RecurrentShape shape{1, 2, 1, 1};
  const std::vector<double> x = {1, -2}, w = {0.7}, u = {-0.3}, b = {0.1};
  const double h1 = std::tanh(0.8), h2 = std::tanh(-1.3 - 0.3 * h1);
  std::vector<double> seq(2), y(1);
  RecurrentOptions o;
  o.returnSequences = true;
  simpleRnnForward(shape, o, x.data(), w.data(), u.data(), b.data(), seq.data());
  expectNear(seq, {h1, h2}, 1e-14, "sequence");
  o.returnSequences = false;
  o.goBackwards = true; // reads -2 then 1
  const double g1 = std::tanh(-1.3), g2 = std::tanh(0.8 - 0.3 * g1);
  simpleRnnForward(shape, o, x.data(), w.data(), u.data(), b.data(), y.data());
  expectNear(y, {g2}, 1e-14, "go_backwards last h");
}

TEST(SimpleRnnTest, RecurrentKernelIsUnitsByUnits) {
  // Linear, F = 1, U = 2, x = [1, 1], kernel [1, 2], recurrent [[1, 2], [3, 4]]
  // (row k = from unit k): h1 = [1, 2]; h2 = [1, 2] + h1·U = [1 + 7, 2 + 10].
  const RecurrentShape shape{1, 2, 1, 2};
  const std::vector<float> x = {1, 1}, w = {1, 2}, u = {1, 2, 3, 4};
  std::vector<float> seq(4);
  RecurrentOptions o;
  o.activation = Activation::Linear;
  o.returnSequences = true;
  simpleRnnForward<float>(shape, o, x.data(), w.data(), u.data(), nullptr, seq.data());
  expectNear(seq, {1, 2, 8, 12}, 0, "sequence");
}

//===-- Backpropagation through time ---------------------------------------===//

enum class Layer { Lstm, Gru, SimpleRnn };

struct RnnCase {
  Layer layer;
  bool sequences, backwards, resetAfter, withBias;
  Activation a, ra;
  double weightScale;
  const char *name;
};

void PrintTo(const RnnCase &c, std::ostream *os) { *os << c.name; }

class RecurrentGradientTest : public ::testing::TestWithParam<RnnCase> {};

TEST_P(RecurrentGradientTest, FiniteDifferences) {
  const RnnCase &p = GetParam();
  const RecurrentShape shape{2, 4, 3, 3};
  const int64_t n = shape.batch, t = shape.steps, f = shape.features,
                u = shape.units;
  const int64_t gates = p.layer == Layer::Lstm ? 4 : p.layer == Layer::Gru ? 3 : 1;
  const int64_t biasSize = gates * u * (p.resetAfter ? 2 : 1);
  const RecurrentOptions o = options(p.a, p.ra, p.sequences, p.backwards, p.resetAfter);
  std::vector<double> x = randomVector(n * t * f, 61);
  std::vector<double> w = randomVector(f * gates * u, 62, -p.weightScale, p.weightScale);
  std::vector<double> uk = randomVector(u * gates * u, 63, -p.weightScale, p.weightScale);
  std::vector<double> b = randomVector(biasSize, 64, -p.weightScale, p.weightScale);
  const size_t outSize = size_t(p.sequences ? n * t * u : n * u);
  const std::vector<double> r = randomVector(outSize, 65);

  auto forward = [&](double *y) {
    const double *bias = p.withBias ? b.data() : nullptr;
    switch (p.layer) {
    case Layer::Lstm:
      return lstmForward(shape, o, x.data(), w.data(), uk.data(), bias, y);
    case Layer::Gru:
      return gruForward(shape, o, x.data(), w.data(), uk.data(), bias, y);
    case Layer::SimpleRnn:
      return simpleRnnForward(shape, o, x.data(), w.data(), uk.data(), bias, y);
    }
  };
  std::vector<double> dx(x.size()), dw(w.size()), du(uk.size()), db(b.size());
  {
    const double *bias = p.withBias ? b.data() : nullptr;
    double *dBias = p.withBias ? db.data() : nullptr;
    switch (p.layer) {
    case Layer::Lstm:
      lstmBackward(shape, o, x.data(), w.data(), uk.data(), bias, r.data(),
                   dx.data(), dw.data(), du.data(), dBias);
      break;
    case Layer::Gru:
      gruBackward(shape, o, x.data(), w.data(), uk.data(), bias, r.data(),
                  dx.data(), dw.data(), du.data(), dBias);
      break;
    case Layer::SimpleRnn:
      simpleRnnBackward(shape, o, x.data(), w.data(), uk.data(), bias, r.data(),
                        dx.data(), dw.data(), du.data(), dBias);
      break;
    }
  }
  std::vector<testing::GradInput> inputs = {
      {"x", &x, &dx}, {"kernel", &w, &dw}, {"recurrent_kernel", &uk, &du}};
  if (p.withBias)
    inputs.push_back({"bias", &b, &db});
  expectGradientsMatch(
      [&](std::vector<double> &out) {
        out.resize(outSize);
        forward(out.data());
      },
      r, inputs);

  // Null gradient pointers are skipped; dx alone equals the full call's dx.
  std::vector<double> dxOnly(x.size());
  const double *bias = p.withBias ? b.data() : nullptr;
  switch (p.layer) {
  case Layer::Lstm:
    lstmBackward<double>(shape, o, x.data(), w.data(), uk.data(), bias, r.data(),
                         dxOnly.data(), nullptr, nullptr, nullptr);
    break;
  case Layer::Gru:
    gruBackward<double>(shape, o, x.data(), w.data(), uk.data(), bias, r.data(),
                        dxOnly.data(), nullptr, nullptr, nullptr);
    break;
  case Layer::SimpleRnn:
    simpleRnnBackward<double>(shape, o, x.data(), w.data(), uk.data(), bias,
                              r.data(), dxOnly.data(), nullptr, nullptr, nullptr);
    break;
  }
  EXPECT_EQ(dxOnly, dx);
}

constexpr Activation kTanh = Activation::Tanh, kSigmoid = Activation::Sigmoid,
                     kHard = Activation::HardSigmoid, kElu = Activation::Elu,
                     kRelu = Activation::Relu, kLinear = Activation::Linear;

INSTANTIATE_TEST_SUITE_P(
    Layers, RecurrentGradientTest,
    ::testing::Values(
        RnnCase{Layer::Lstm, false, false, false, true, kTanh, kSigmoid, 0.6, "lstm_last"},
        RnnCase{Layer::Lstm, true, false, false, true, kTanh, kSigmoid, 0.6, "lstm_seq"},
        RnnCase{Layer::Lstm, false, true, false, true, kTanh, kSigmoid, 0.6, "lstm_last_backwards"},
        RnnCase{Layer::Lstm, true, true, false, false, kTanh, kSigmoid, 0.6, "lstm_seq_backwards_nobias"},
        RnnCase{Layer::Lstm, true, false, false, true, kTanh, kHard, 0.3, "lstm_seq_hard_sigmoid"},
        RnnCase{Layer::Lstm, false, true, false, true, kElu, kHard, 0.3, "lstm_elu_hard_sigmoid_backwards"},
        RnnCase{Layer::Gru, false, false, false, true, kTanh, kSigmoid, 0.6, "gru_last"},
        RnnCase{Layer::Gru, true, false, false, true, kTanh, kHard, 0.3, "gru_seq_hard_sigmoid"},
        RnnCase{Layer::Gru, true, true, false, true, kTanh, kSigmoid, 0.6, "gru_seq_backwards"},
        RnnCase{Layer::Gru, false, true, false, false, kTanh, kSigmoid, 0.6, "gru_last_backwards_nobias"},
        RnnCase{Layer::Gru, false, false, true, true, kTanh, kSigmoid, 0.6, "gru_reset_after_last"},
        RnnCase{Layer::Gru, true, false, true, true, kTanh, kSigmoid, 0.6, "gru_reset_after_seq"},
        RnnCase{Layer::Gru, true, true, true, true, kTanh, kHard, 0.3, "gru_reset_after_seq_backwards"},
        RnnCase{Layer::Gru, false, true, true, false, kTanh, kSigmoid, 0.6, "gru_reset_after_backwards_nobias"},
        RnnCase{Layer::SimpleRnn, false, false, false, true, kTanh, kLinear, 0.6, "rnn_last"},
        RnnCase{Layer::SimpleRnn, true, false, false, true, kTanh, kLinear, 0.6, "rnn_seq"},
        RnnCase{Layer::SimpleRnn, true, true, false, false, kTanh, kLinear, 0.6, "rnn_seq_backwards_nobias"},
        RnnCase{Layer::SimpleRnn, false, true, false, true, kRelu, kLinear, 0.6, "rnn_relu_backwards"}),
    [](const auto &info) { return std::string(info.param.name); });

} // namespace
} // namespace dlc::rt::kernels
