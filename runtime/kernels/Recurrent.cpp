// Reference kernels of dlc.lstm, dlc.gru, dlc.simple_rnn and their BPTT (implementation of Recurrent.h).
#include "runtime/kernels/Recurrent.h"

#include <algorithm>
#include <vector>

#include "runtime/kernels/Activation.h"
#include "runtime/kernels/Gemm.h"

namespace dlc::rt::kernels {

namespace {
using detail::gemmNN;
using detail::gemmNT;
using detail::gemmTN;

/// What every cell needs: sizes, options, weights, and the activations.
template <typename T> struct Context {
  int64_t n, steps, f, u, gu; // gu = gates · units
  RecurrentOptions options;
  const T *x, *kernel, *recurrentKernel, *bias;

  T act(T v) const { return activate(options.activation, T(1), v); }
  T actDerivative(T v) const {
    return activateDerivative(options.activation, T(1), v);
  }
  T rec(T v) const { return activate(options.recurrentActivation, T(1), v); }
  T recDerivative(T v) const {
    return activateDerivative(options.recurrentActivation, T(1), v);
  }
  /// Time index read at processed step s.
  int64_t timeOf(int64_t s) const {
    return options.goBackwards ? steps - 1 - s : s;
  }
  /// x_t for processed step s: an [N, F] matrix with leading dimension T·F.
  const T *xAt(int64_t s) const { return x + timeOf(s) * f; }
  int64_t ldx() const { return steps * f; }
  /// pre[N, G·U] = x_t · W + b (the input bias: the first G·U entries).
  void inputProjection(int64_t s, T *pre) const {
    for (int64_t row = 0; row < n; ++row)
      for (int64_t j = 0; j < gu; ++j)
        pre[row * gu + j] = T(0);
    gemmNN(n, gu, f, xAt(s), ldx(), kernel, gu, pre, gu);
    if (bias)
      for (int64_t row = 0; row < n; ++row)
        for (int64_t j = 0; j < gu; ++j)
          pre[row * gu + j] += bias[j];
  }
};

// Each cell provides:
//   gates, hasCellState
//   step(ctx, pre, hPrev, cPrev, aux, cOut, hOut): `pre` holds the input
//     projection on entry and the cell's saved pre-activations on exit;
//     `aux` [N, U] is scratch the backward needs again (may be unused).
//   backward(ctx, pre, aux, hPrev, cPrev, c, dh, dcNext, dg, dhPrev,
//            dRecurrentKernel, dBias, scratch): from dh (the total gradient of this
//     step's h) and dcNext (of this step's c, from the step after; updated
//     in place to the gradient of c_prev), writes dg [N, G·U] (the gradient
//     of the input projection), dhPrev [N, U], and accumulates the
//     recurrent-kernel gradient (and GRU's recurrent bias); `scratch` is
//     [N, G·U] of temporary space.

struct LstmCell {
  static constexpr int64_t gates = 4;
  static constexpr bool hasCellState = true;

  template <typename T>
  static void step(const Context<T> &cx, T *pre, const T *hPrev,
                   const T *cPrev, T * /*aux*/, T *cOut, T *hOut) {
    const int64_t u = cx.u, gu = cx.gu;
    gemmNN(cx.n, gu, u, hPrev, u, cx.recurrentKernel, gu, pre, gu);
    for (int64_t row = 0; row < cx.n; ++row)
      for (int64_t k = 0; k < u; ++k) {
        const T *z = pre + row * gu;
        const T i = cx.rec(z[k]), f = cx.rec(z[u + k]);
        const T g = cx.act(z[2 * u + k]), o = cx.rec(z[3 * u + k]);
        const T c = f * cPrev[row * u + k] + i * g;
        cOut[row * u + k] = c;
        hOut[row * u + k] = o * cx.act(c);
      }
  }

  template <typename T, typename A>
  static void backward(const Context<T> &cx, const T *pre, const T * /*aux*/,
                       const T *hPrev, const T *cPrev, const T *cCur,
                       const T *dh, T *dcNext, T *dg, T *dhPrev,
                       A *dRecurrentKernel, A * /*dBias*/, T * /*scratch*/) {
    const int64_t u = cx.u, gu = cx.gu;
    for (int64_t row = 0; row < cx.n; ++row)
      for (int64_t k = 0; k < u; ++k) {
        const T *z = pre + row * gu;
        T *d = dg + row * gu;
        const int64_t at = row * u + k;
        const T i = cx.rec(z[k]), f = cx.rec(z[u + k]);
        const T g = cx.act(z[2 * u + k]), o = cx.rec(z[3 * u + k]);
        const T c = cCur[at];
        const T dc = dcNext[at] + dh[at] * o * cx.actDerivative(c);
        d[k] = dc * g * cx.recDerivative(z[k]);
        d[u + k] = dc * cPrev[at] * cx.recDerivative(z[u + k]);
        d[2 * u + k] = dc * i * cx.actDerivative(z[2 * u + k]);
        d[3 * u + k] = dh[at] * cx.act(c) * cx.recDerivative(z[3 * u + k]);
        dcNext[at] = dc * f;
      }
    if (dRecurrentKernel)
      gemmTN(cx.n, gu, u, hPrev, u, dg, gu, dRecurrentKernel, gu);
    std::fill(dhPrev, dhPrev + cx.n * u, T(0));
    gemmNT(cx.n, u, gu, dg, gu, cx.recurrentKernel, gu, dhPrev, u);
  }
};

struct GruCell {
  static constexpr int64_t gates = 3;
  static constexpr bool hasCellState = false;

  // pre keeps [z, r, hh] pre-activations; aux keeps r ⊙ h_prev
  // (reset_after = false) or h_prev · Uk_h + rb_h (reset_after = true).
  template <typename T>
  static void step(const Context<T> &cx, T *pre, const T *hPrev,
                   const T * /*cPrev*/, T *aux, T * /*cOut*/, T *hOut) {
    const int64_t n = cx.n, u = cx.u, gu = cx.gu;
    const T *uk = cx.recurrentKernel;
    gemmNN(n, 2 * u, u, hPrev, u, uk, gu, pre, gu); // z, r: + h · Uk_{z,r}
    if (!cx.options.resetAfter) {
      for (int64_t row = 0; row < n; ++row)
        for (int64_t k = 0; k < u; ++k)
          aux[row * u + k] =
              cx.rec(pre[row * gu + u + k]) * hPrev[row * u + k];
      gemmNN(n, u, u, aux, u, uk + 2 * u, gu, pre + 2 * u, gu);
    } else {
      const T *recurrentBias = cx.bias ? cx.bias + gu : nullptr;
      for (int64_t row = 0; row < n; ++row)
        for (int64_t k = 0; k < u; ++k)
          aux[row * u + k] = recurrentBias ? recurrentBias[2 * u + k] : T(0);
      gemmNN(n, u, u, hPrev, u, uk + 2 * u, gu, aux, u);
      for (int64_t row = 0; row < n; ++row) {
        T *p = pre + row * gu;
        if (recurrentBias)
          for (int64_t j = 0; j < 2 * u; ++j)
            p[j] += recurrentBias[j];
        for (int64_t k = 0; k < u; ++k)
          p[2 * u + k] += cx.rec(p[u + k]) * aux[row * u + k];
      }
    }
    for (int64_t row = 0; row < n; ++row)
      for (int64_t k = 0; k < u; ++k) {
        const T *p = pre + row * gu;
        const T z = cx.rec(p[k]), hh = cx.act(p[2 * u + k]);
        hOut[row * u + k] = z * hPrev[row * u + k] + (T(1) - z) * hh;
      }
  }

  template <typename T, typename A>
  static void backward(const Context<T> &cx, const T *pre, const T *aux,
                       const T *hPrev, const T * /*cPrev*/, const T * /*c*/,
                       const T *dh, T * /*dcNext*/, T *dg, T *dhPrev,
                       A *dRecurrentKernel, A *dBias, T *scratch) {
    const int64_t n = cx.n, u = cx.u, gu = cx.gu;
    const T *uk = cx.recurrentKernel;
    // Through h' = z ⊙ h + (1 - z) ⊙ hh: the z and candidate gradients.
    for (int64_t row = 0; row < n; ++row)
      for (int64_t k = 0; k < u; ++k) {
        const T *p = pre + row * gu;
        T *d = dg + row * gu;
        const int64_t at = row * u + k;
        const T z = cx.rec(p[k]), hh = cx.act(p[2 * u + k]);
        d[k] = dh[at] * (hPrev[at] - hh) * cx.recDerivative(p[k]);
        d[2 * u + k] = dh[at] * (T(1) - z) * cx.actDerivative(p[2 * u + k]);
        dhPrev[at] = dh[at] * z;
      }
    if (!cx.options.resetAfter) {
      // candidate = a(xW_h + b_h + (r ⊙ h) · Uk_h)
      T *dReset = scratch; // [N, U]: gradient of r ⊙ h_prev
      std::fill(dReset, dReset + n * u, T(0));
      gemmNT(n, u, u, dg + 2 * u, gu, uk + 2 * u, gu, dReset, u);
      for (int64_t row = 0; row < n; ++row)
        for (int64_t k = 0; k < u; ++k) {
          const int64_t at = row * u + k;
          const T rPre = pre[row * gu + u + k];
          dg[row * gu + u + k] =
              dReset[at] * hPrev[at] * cx.recDerivative(rPre);
          dhPrev[at] += dReset[at] * cx.rec(rPre);
        }
      if (dRecurrentKernel) {
        gemmTN(n, 2 * u, u, hPrev, u, dg, gu, dRecurrentKernel, gu);
        gemmTN(n, u, u, aux, u, dg + 2 * u, gu, dRecurrentKernel + 2 * u, gu);
      }
      gemmNT(n, u, 2 * u, dg, gu, uk, gu, dhPrev, u);
    } else {
      // candidate = a(xW_h + b_h + r ⊙ (h · Uk_h + rb_h)); aux = h·Uk_h + rb_h
      T *dInner = scratch; // [N, G·U]: gradient of h · Uk + rb
      for (int64_t row = 0; row < n; ++row)
        for (int64_t k = 0; k < u; ++k) {
          const int64_t at = row * u + k;
          const T rPre = pre[row * gu + u + k];
          const T dCandidate = dg[row * gu + 2 * u + k];
          dg[row * gu + u + k] = dCandidate * aux[at] * cx.recDerivative(rPre);
          dInner[row * gu + k] = dg[row * gu + k];
          dInner[row * gu + u + k] = dg[row * gu + u + k];
          dInner[row * gu + 2 * u + k] = dCandidate * cx.rec(rPre);
        }
      if (dRecurrentKernel)
        gemmTN(n, gu, u, hPrev, u, dInner, gu, dRecurrentKernel, gu);
      if (dBias)
        for (int64_t row = 0; row < n; ++row)
          for (int64_t j = 0; j < gu; ++j)
            dBias[gu + j] += dInner[row * gu + j];
      gemmNT(n, u, gu, dInner, gu, uk, gu, dhPrev, u);
    }
  }
};

struct SimpleRnnCell {
  static constexpr int64_t gates = 1;
  static constexpr bool hasCellState = false;

  template <typename T>
  static void step(const Context<T> &cx, T *pre, const T *hPrev,
                   const T * /*cPrev*/, T * /*aux*/, T * /*cOut*/, T *hOut) {
    const int64_t u = cx.u;
    gemmNN(cx.n, u, u, hPrev, u, cx.recurrentKernel, u, pre, u);
    for (int64_t at = 0; at < cx.n * u; ++at)
      hOut[at] = cx.act(pre[at]);
  }

  template <typename T, typename A>
  static void backward(const Context<T> &cx, const T *pre, const T * /*aux*/,
                       const T *hPrev, const T * /*cPrev*/, const T * /*c*/,
                       const T *dh, T * /*dcNext*/, T *dg, T *dhPrev,
                       A *dRecurrentKernel, A * /*dBias*/, T * /*scratch*/) {
    const int64_t u = cx.u;
    for (int64_t at = 0; at < cx.n * u; ++at)
      dg[at] = dh[at] * cx.actDerivative(pre[at]);
    if (dRecurrentKernel)
      gemmTN(cx.n, u, u, hPrev, u, dg, u, dRecurrentKernel, u);
    std::fill(dhPrev, dhPrev + cx.n * u, T(0));
    gemmNT(cx.n, u, u, dg, u, cx.recurrentKernel, u, dhPrev, u);
  }
};

template <typename Cell, typename T>
Context<T> makeContext(const RecurrentShape &s, const RecurrentOptions &o,
                       const T *x, const T *kernel, const T *recurrentKernel,
                       const T *bias) {
  return Context<T>{s.batch,  s.steps,         s.features,
                    s.units,  Cell::gates * s.units,
                    o,        x,               kernel,
                    recurrentKernel, bias};
}

template <typename Cell, typename T>
void runForward(const RecurrentShape &s, const RecurrentOptions &o,
                const T *x, const T *kernel, const T *recurrentKernel,
                const T *bias, T *y) {
  const Context<T> cx = makeContext<Cell>(s, o, x, kernel, recurrentKernel, bias);
  const int64_t nu = cx.n * cx.u;
  // Two slots of h and c, alternating; the initial state is zero.
  std::vector<T> h(2 * nu, T(0)), c(2 * nu, T(0)), aux(nu);
  std::vector<T> pre(cx.n * cx.gu);
  for (int64_t step = 0; step < cx.steps; ++step) {
    const T *hPrev = h.data() + (step % 2) * nu;
    const T *cPrev = c.data() + (step % 2) * nu;
    T *hOut = h.data() + ((step + 1) % 2) * nu;
    T *cOut = c.data() + ((step + 1) % 2) * nu;
    cx.inputProjection(step, pre.data());
    Cell::step(cx, pre.data(), hPrev, cPrev, aux.data(), cOut, hOut);
    if (o.returnSequences)
      for (int64_t row = 0; row < cx.n; ++row)
        std::copy(hOut + row * cx.u, hOut + (row + 1) * cx.u,
                  y + (row * cx.steps + step) * cx.u);
  }
  if (!o.returnSequences) {
    const T *last = h.data() + (cx.steps % 2) * nu;
    std::copy(last, last + nu, y);
  }
}

template <typename Cell, typename T>
void runBackward(const RecurrentShape &s, const RecurrentOptions &o,
                 const T *x, const T *kernel, const T *recurrentKernel,
                 const T *bias, const T *dy, T *dx, T *dKernel,
                 T *dRecurrentKernel, T *dBias, int64_t biasSize) {
  const Context<T> cx = makeContext<Cell>(s, o, x, kernel, recurrentKernel, bias);
  const int64_t n = cx.n, u = cx.u, gu = cx.gu, nu = n * u, steps = cx.steps;

  // Recompute the forward, keeping every step: h and c at [step + 1] (slot 0
  // is the zero initial state), pre-activations and aux at [step].
  std::vector<T> hs((steps + 1) * nu, T(0));
  std::vector<T> cs(Cell::hasCellState ? (steps + 1) * nu : 0, T(0));
  std::vector<T> pres(steps * n * gu), auxs(steps * nu);
  auto cAt = [&](int64_t slot) -> T * {
    return Cell::hasCellState ? cs.data() + slot * nu : nullptr;
  };
  for (int64_t step = 0; step < steps; ++step) {
    T *pre = pres.data() + step * n * gu;
    cx.inputProjection(step, pre);
    Cell::step(cx, pre, hs.data() + step * nu, cAt(step),
               auxs.data() + step * nu, cAt(step + 1),
               hs.data() + (step + 1) * nu);
  }

  // The weight gradients sum over every step and row in double
  // (detail::Accumulator), rounded once at the end.
  if (dx)
    std::fill(dx, dx + n * steps * cx.f, T(0));
  using Acc = detail::Accumulator<T>;
  std::vector<Acc> accKernel(dKernel ? cx.f * gu : 0, Acc(0));
  std::vector<Acc> accRecurrent(dRecurrentKernel ? u * gu : 0, Acc(0));
  std::vector<Acc> accBias(dBias ? biasSize : 0, Acc(0));
  Acc *rkAcc = dRecurrentKernel ? accRecurrent.data() : nullptr;
  Acc *biasAcc = dBias ? accBias.data() : nullptr;

  std::vector<T> dh(nu), dhNext(nu, T(0)), dcNext(nu, T(0)), dg(n * gu);
  std::vector<T> scratch(n * gu);
  for (int64_t step = steps - 1; step >= 0; --step) {
    // The gradient of this step's h: from the next step, plus dy.
    for (int64_t row = 0; row < n; ++row)
      for (int64_t k = 0; k < u; ++k) {
        T fromOutput = T(0);
        if (o.returnSequences)
          fromOutput = dy[(row * steps + step) * u + k];
        else if (step == steps - 1)
          fromOutput = dy[row * u + k];
        dh[row * u + k] = dhNext[row * u + k] + fromOutput;
      }
    Cell::backward(cx, pres.data() + step * n * gu, auxs.data() + step * nu,
                   hs.data() + step * nu, cAt(step), cAt(step + 1), dh.data(),
                   dcNext.data(), dg.data(), dhNext.data(), rkAcc, biasAcc,
                   scratch.data());
    // Through the input projection x_t · W + b.
    if (dKernel)
      gemmTN(n, gu, cx.f, cx.xAt(step), cx.ldx(), dg.data(), gu, accKernel.data(), gu);
    if (dBias)
      for (int64_t row = 0; row < n; ++row)
        for (int64_t j = 0; j < gu; ++j)
          accBias[j] += dg[row * gu + j];
    if (dx)
      gemmNT(n, cx.f, gu, dg.data(), gu, kernel, gu,
             dx + cx.timeOf(step) * cx.f, cx.ldx());
  }
  if (dKernel)
    detail::roundInto(accKernel, dKernel);
  if (dRecurrentKernel)
    detail::roundInto(accRecurrent, dRecurrentKernel);
  if (dBias)
    detail::roundInto(accBias, dBias);
}
} // namespace

template <typename T>
void lstmForward(const RecurrentShape &s, const RecurrentOptions &o,
                 const T *x, const T *kernel, const T *recurrentKernel,
                 const T *bias, T *y) {
  runForward<LstmCell>(s, o, x, kernel, recurrentKernel, bias, y);
}

template <typename T>
void lstmBackward(const RecurrentShape &s, const RecurrentOptions &o,
                  const T *x, const T *kernel, const T *recurrentKernel,
                  const T *bias, const T *dy, T *dx, T *dKernel,
                  T *dRecurrentKernel, T *dBias) {
  runBackward<LstmCell>(s, o, x, kernel, recurrentKernel, bias, dy, dx,
                        dKernel, dRecurrentKernel, bias ? dBias : nullptr,
                        4 * s.units);
}

template <typename T>
void gruForward(const RecurrentShape &s, const RecurrentOptions &o,
                const T *x, const T *kernel, const T *recurrentKernel,
                const T *bias, T *y) {
  runForward<GruCell>(s, o, x, kernel, recurrentKernel, bias, y);
}

template <typename T>
void gruBackward(const RecurrentShape &s, const RecurrentOptions &o,
                 const T *x, const T *kernel, const T *recurrentKernel,
                 const T *bias, const T *dy, T *dx, T *dKernel,
                 T *dRecurrentKernel, T *dBias) {
  runBackward<GruCell>(s, o, x, kernel, recurrentKernel, bias, dy, dx,
                       dKernel, dRecurrentKernel, bias ? dBias : nullptr,
                       (o.resetAfter ? 6 : 3) * s.units);
}

template <typename T>
void simpleRnnForward(const RecurrentShape &s, const RecurrentOptions &o,
                      const T *x, const T *kernel, const T *recurrentKernel,
                      const T *bias, T *y) {
  runForward<SimpleRnnCell>(s, o, x, kernel, recurrentKernel, bias, y);
}

template <typename T>
void simpleRnnBackward(const RecurrentShape &s, const RecurrentOptions &o,
                       const T *x, const T *kernel, const T *recurrentKernel,
                       const T *bias, const T *dy, T *dx, T *dKernel,
                       T *dRecurrentKernel, T *dBias) {
  runBackward<SimpleRnnCell>(s, o, x, kernel, recurrentKernel, bias, dy, dx,
                             dKernel, dRecurrentKernel,
                             bias ? dBias : nullptr, s.units);
}

#define DLC_INSTANTIATE_LAYER(name, T)                                         \
  template void name##Forward<T>(const RecurrentShape &,                       \
                                 const RecurrentOptions &, const T *,          \
                                 const T *, const T *, const T *, T *);        \
  template void name##Backward<T>(                                             \
      const RecurrentShape &, const RecurrentOptions &, const T *, const T *,  \
      const T *, const T *, const T *, T *, T *, T *, T *);
#define DLC_INSTANTIATE(T)                                                     \
  DLC_INSTANTIATE_LAYER(lstm, T)                                               \
  DLC_INSTANTIATE_LAYER(gru, T)                                                \
  DLC_INSTANTIATE_LAYER(simpleRnn, T)
DLC_INSTANTIATE(float)
DLC_INSTANTIATE(double)
#undef DLC_INSTANTIATE
#undef DLC_INSTANTIATE_LAYER

} // namespace dlc::rt::kernels
