// The CUDA targets' cuDNN RNN weight packing (abi/CudnnRnnLayout.h) against
// Keras' math, without a GPU: cuDNN's cell equations as its documentation
// writes them (cudnnRNNMode_t: LSTM with linear layers 0-3 / 4-7 the input /
// recurrent weights of gates i, f, c', o; GRU 0-2 / 3-5 of r, z (cuDNN's "i"),
// h', the reset gate applied to the recurrent product plus its bias;
// RNN_TANH / RNN_RELU 0 / 1), reading a weight space by cuDNN's linear-layer
// IDs, run on Keras weights packed by the compiler's index map, must give
// the reference kernels' (runtime/kernels/Recurrent.h) outputs; and the
// weight-space gradient (central differences of that model), unpacked by the
// same map, their gradients (an LSTM's one bias taking the input bias's
// gradient, which equals the recurrent bias's). Double precision.
#include <cmath>
#include <functional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "abi/CudnnRnnLayout.h"
#include "runtime/kernels/Recurrent.h"

namespace dlc::rt::kernels {
namespace {

using abi::RnnCell;
using abi::RnnWeightSpace;
using Vec = std::vector<double>;

double sigmoid(double v) { return 1 / (1 + std::exp(-v)); }

/// cuDNN's forward over x [N, T, F] from zero state: y [N, T, U].
Vec cudnnForward(const RnnWeightSpace &s, int64_t n, int64_t t, const Vec &x, const Vec &w) {
  const int64_t f = s.input, u = s.hidden;
  const int g = s.gates();
  Vec y(size_t(n * t * u));
  for (int64_t b = 0; b < n; ++b) {
    Vec h(static_cast<size_t>(u), 0.0), c(static_cast<size_t>(u), 0.0);
    for (int64_t step = 0; step < t; ++step) {
      const double *xt = &x[size_t((b * t + step) * f)];
      // Per linear layer j < G: W_j x + bW_j; per j: R_j h + bR_j.
      std::vector<Vec> wx(static_cast<size_t>(g), Vec(static_cast<size_t>(u)));
      std::vector<Vec> rh = wx;
      for (int j = 0; j < g; ++j)
        for (int64_t r = 0; r < u; ++r) {
          double a = w[size_t(s.biasOffset(j) + r)], q = w[size_t(s.biasOffset(g + j) + r)];
          for (int64_t k = 0; k < f; ++k) a += w[size_t(s.matrixOffset(j) + r * f + k)] * xt[k];
          for (int64_t k = 0; k < u; ++k) q += w[size_t(s.matrixOffset(g + j) + r * u + k)] * h[size_t(k)];
          wx[size_t(j)][size_t(r)] = a;
          rh[size_t(j)][size_t(r)] = q;
        }
      Vec next(static_cast<size_t>(u));
      for (int64_t r = 0; r < u; ++r) {
        const size_t i = size_t(r);
        if (s.cell == RnnCell::Lstm) {
          const double in = sigmoid(wx[0][i] + rh[0][i]), forget = sigmoid(wx[1][i] + rh[1][i]);
          const double cand = std::tanh(wx[2][i] + rh[2][i]), out = sigmoid(wx[3][i] + rh[3][i]);
          c[i] = forget * c[i] + in * cand;
          next[i] = out * std::tanh(c[i]);
        } else if (s.cell == RnnCell::Gru) {
          const double reset = sigmoid(wx[0][i] + rh[0][i]), update = sigmoid(wx[1][i] + rh[1][i]);
          const double cand = std::tanh(wx[2][i] + reset * rh[2][i]);
          next[i] = (1 - update) * cand + update * h[i];
        } else {
          const double v = wx[0][i] + rh[0][i];
          next[i] = s.cell == RnnCell::RnnTanh ? std::tanh(v) : std::max(v, 0.0);
        }
      }
      h = next;
      for (int64_t r = 0; r < u; ++r) y[size_t((b * t + step) * u + r)] = h[size_t(r)];
    }
  }
  return y;
}

struct Keras {
  Vec kernel, recurrent, bias; ///< bias [G·U], or [2, G·U] for a reset_after GRU
  bool twoBiases = false;
};

/// The compiler's pack (DlcCudaCudnnRnns.cpp builds it from these indices).
Vec pack(const RnnWeightSpace &s, const Keras &k) {
  const int g = s.gates();
  const int64_t f = s.input, u = s.hidden;
  Vec w(size_t(s.size()), 0.0);
  for (int gate = 0; gate < g; ++gate)
    for (int64_t r = 0; r < u; ++r) {
      const int64_t col = gate * u + r;
      for (int64_t i = 0; i < f; ++i) w[size_t(s.kernelIndex(i, gate, r))] = k.kernel[size_t(i * g * u + col)];
      for (int64_t v = 0; v < u; ++v)
        w[size_t(s.recurrentIndex(v, gate, r))] = k.recurrent[size_t(v * g * u + col)];
      w[size_t(s.biasIndex(0, gate, r))] = k.bias[size_t(col)];
      if (k.twoBiases) w[size_t(s.biasIndex(1, gate, r))] = k.bias[size_t(g * u + col)];
    }
  return w;
}

/// The compiler's unpack of a weight-space gradient.
Keras unpack(const RnnWeightSpace &s, const Vec &dw, bool twoBiases) {
  const int g = s.gates();
  const int64_t f = s.input, u = s.hidden;
  Keras k;
  k.kernel.assign(size_t(f * g * u), 0);
  k.recurrent.assign(size_t(u * g * u), 0);
  k.bias.assign(size_t((twoBiases ? 2 : 1) * g * u), 0);
  for (int gate = 0; gate < g; ++gate)
    for (int64_t r = 0; r < u; ++r) {
      const int64_t col = gate * u + r;
      for (int64_t i = 0; i < f; ++i) k.kernel[size_t(i * g * u + col)] = dw[size_t(s.kernelIndex(i, gate, r))];
      for (int64_t v = 0; v < u; ++v)
        k.recurrent[size_t(v * g * u + col)] = dw[size_t(s.recurrentIndex(v, gate, r))];
      k.bias[size_t(col)] = dw[size_t(s.biasIndex(0, gate, r))];
      if (twoBiases) k.bias[size_t(g * u + col)] = dw[size_t(s.biasIndex(1, gate, r))];
    }
  return k;
}

Vec randoms(size_t n, std::mt19937 &rng) {
  std::uniform_real_distribution<double> d(-0.8, 0.8);
  Vec v(n);
  for (double &x : v) x = d(rng);
  return v;
}

void expectNear(const Vec &a, const Vec &b, double tolerance, const char *what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_NEAR(a[i], b[i], tolerance) << what << "[" << i << "]";
}

using Forward = std::function<void(const RecurrentShape &, const RecurrentOptions &, const double *,
                                   const double *, const double *, const double *, double *)>;
using Backward = std::function<void(const RecurrentShape &, const RecurrentOptions &,
                                    const double *, const double *, const double *,
                                    const double *, const double *, double *, double *, double *,
                                    double *)>;

void checkCell(RnnCell cell, const RecurrentOptions &options, const Forward &forward,
               const Backward &backward) {
  const int64_t n = 2, t = 3, f = 2, u = 3;
  const RnnWeightSpace s{cell, f, u};
  const int g = s.gates();
  std::mt19937 rng(12);
  Keras k;
  k.twoBiases = cell == RnnCell::Gru;
  k.kernel = randoms(size_t(f * g * u), rng);
  k.recurrent = randoms(size_t(u * g * u), rng);
  k.bias = randoms(size_t((k.twoBiases ? 2 : 1) * g * u), rng);
  const Vec x = randoms(size_t(n * t * f), rng), dy = randoms(size_t(n * t * u), rng);
  const RecurrentShape shape{n, t, f, u};

  // Forward: cuDNN's equations on the packed weights are Keras'.
  Vec ref(size_t(n * t * u));
  forward(shape, options, x.data(), k.kernel.data(), k.recurrent.data(), k.bias.data(), ref.data());
  const Vec w = pack(s, k);
  expectNear(cudnnForward(s, n, t, x, w), ref, 1e-12, "y");

  // Backward: d(Σ y·dy)/d(weight space) by central differences, unpacked.
  Vec dw(w.size());
  const double eps = 1e-6;
  for (size_t i = 0; i < w.size(); ++i) {
    Vec plus = w, minus = w;
    plus[i] += eps;
    minus[i] -= eps;
    const Vec yp = cudnnForward(s, n, t, x, plus), ym = cudnnForward(s, n, t, x, minus);
    double l = 0;
    for (size_t j = 0; j < dy.size(); ++j) l += (yp[j] - ym[j]) * dy[j];
    dw[i] = l / (2 * eps);
  }
  Vec dk(k.kernel.size()), drk(k.recurrent.size()), db(k.bias.size());
  backward(shape, options, x.data(), k.kernel.data(), k.recurrent.data(), k.bias.data(), dy.data(),
           nullptr, dk.data(), drk.data(), db.data());
  const Keras unpacked = unpack(s, dw, k.twoBiases);
  expectNear(unpacked.kernel, dk, 1e-7, "dkernel");
  expectNear(unpacked.recurrent, drk, 1e-7, "drecurrent_kernel");
  expectNear(unpacked.bias, db, 1e-7, "dbias");
  if (!k.twoBiases)
    for (int gate = 0; gate < g; ++gate)
      for (int64_t r = 0; r < u; ++r)
        EXPECT_NEAR(dw[size_t(s.biasIndex(1, gate, r))], dw[size_t(s.biasIndex(0, gate, r))], 1e-7)
            << "the recurrent bias's gradient is the input bias's";
}

TEST(CudnnRnnPacking, LstmWithSigmoidGatesIsKerasLstm) {
  RecurrentOptions o;
  o.returnSequences = true;
  checkCell(RnnCell::Lstm, o, lstmForward<double>, lstmBackward<double>);
}

TEST(CudnnRnnPacking, GruIsKerasResetAfterGru) {
  RecurrentOptions o;
  o.returnSequences = true;
  o.resetAfter = true;
  checkCell(RnnCell::Gru, o, gruForward<double>, gruBackward<double>);
}

TEST(CudnnRnnPacking, PlainRnnIsKerasSimpleRnn) {
  RecurrentOptions o;
  o.returnSequences = true;
  checkCell(RnnCell::RnnTanh, o, simpleRnnForward<double>, simpleRnnBackward<double>);
  o.activation = Activation::Relu;
  checkCell(RnnCell::RnnRelu, o, simpleRnnForward<double>, simpleRnnBackward<double>);
}

// The pairing is not vacuous: Keras 2's GRU (reset gate before the product)
// is not cuDNN's, which is why dlc-cuda-cudnn-rnns keeps it generated.
TEST(CudnnRnnPacking, ResetBeforeGruIsNotCudnns) {
  const int64_t n = 2, t = 3, f = 2, u = 3;
  const RnnWeightSpace s{RnnCell::Gru, f, u};
  std::mt19937 rng(5);
  Keras k;
  k.kernel = randoms(size_t(f * 3 * u), rng);
  k.recurrent = randoms(size_t(u * 3 * u), rng);
  k.bias = randoms(size_t(3 * u), rng);
  const Vec x = randoms(size_t(n * t * f), rng);
  RecurrentOptions o;
  o.returnSequences = true;
  Vec ref(size_t(n * t * u));
  gruForward<double>({n, t, f, u}, o, x.data(), k.kernel.data(), k.recurrent.data(), k.bias.data(),
                     ref.data());
  const Vec y = cudnnForward(s, n, t, x, pack(s, k));
  double worst = 0;
  for (size_t i = 0; i < y.size(); ++i) worst = std::max(worst, std::abs(y[i] - ref[i]));
  EXPECT_GT(worst, 1e-3);
}

} // namespace
} // namespace dlc::rt::kernels
