// cpu-ref planners of dense, conv2d, pooling, activations, softmax and dropout, forward and backward.
#include <cmath>
#include <optional>

#include "runtime/backends/cpu-ref/PlanContext.h"

namespace dlc::rt::exec::detail {

absl::StatusOr<Kernel> planDense(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(2, 3, 1, 1));
  const TensorDesc &x = c.in(0), &w = c.in(1), &y = c.out(0);
  const TensorDesc *b = c.step.in.size() == 3 ? &c.in(2) : nullptr;
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&w, &y, b}));
    if (x.shape.size() < 2) return c.error("the input needs rank >= 2");
    DLC_RT_RETURN_IF_ERROR(c.rankIs(w, 2, "kernel"));
    if (x.shape.back() != w.shape[0])
      return c.error(absl::StrCat("input ", shapeStr(x.shape), " does not match kernel ",
                                  shapeStr(w.shape)));
    k::DenseShape s{product(x.shape, 0, x.shape.size() - 1), w.shape[0], w.shape[1]};
    if (b) DLC_RT_RETURN_IF_ERROR(c.shapeIs(*b, {s.out}, "bias"));
    std::vector<int64_t> ys(x.shape.begin(), x.shape.end() - 1);
    ys.push_back(s.out);
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, ys, "result"));
    const T *px = c.p<T>(x), *pw = c.p<T>(w), *pb = b ? c.p<T>(*b) : nullptr;
    T *py = c.p<T>(y);
    return Kernel([=] {
      k::denseForward<T>(s, px, pw, pb, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planDenseGrad(PlanCtx &c, bool wrtInput) {
  DLC_RT_RETURN_IF_ERROR(c.arity(3, 1));
  const TensorDesc &x = c.in(0), &w = c.in(1), &dy = c.in(2), &r = c.out(0);
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&w, &dy, &r}));
    if (x.shape.size() < 2) return c.error("the input needs rank >= 2");
    DLC_RT_RETURN_IF_ERROR(c.rankIs(w, 2, "kernel"));
    if (x.shape.back() != w.shape[0])
      return c.error(absl::StrCat("input ", shapeStr(x.shape), " does not match kernel ",
                                  shapeStr(w.shape)));
    k::DenseShape s{product(x.shape, 0, x.shape.size() - 1), w.shape[0], w.shape[1]};
    std::vector<int64_t> ys(x.shape.begin(), x.shape.end() - 1);
    ys.push_back(s.out);
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, ys, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(r, wrtInput ? x.shape : w.shape, "result"));
    const T *px = c.p<T>(x), *pw = c.p<T>(w), *pdy = c.p<T>(dy);
    T *pr = c.p<T>(r);
    if (wrtInput)
      return Kernel([=] {
        k::denseBackwardInput<T>(s, pw, pdy, pr);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::denseBackwardKernel<T>(s, px, pdy, pr);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<k::Conv2DShape> convShape(const PlanCtx &c, const TensorDesc &x,
                                         const TensorDesc &f) {
  DLC_RT_RETURN_IF_ERROR(c.rankIs(x, 4, "input"));
  DLC_RT_RETURN_IF_ERROR(c.rankIs(f, 4, "filter"));
  if (x.shape[3] != f.shape[2])
    return c.error(absl::StrCat("input ", shapeStr(x.shape), " has ", x.shape[3],
                                " channels, the filter ", shapeStr(f.shape), " takes ",
                                f.shape[2]));
  DLC_RT_ASSIGN_OR_RETURN(k::Padding padding, paddingAttr(c));
  DLC_RT_ASSIGN_OR_RETURN(auto strides, pairAttr(c, "strides", {1, 1}));
  DLC_RT_ASSIGN_OR_RETURN(auto dilations, pairAttr(c, "dilations", {1, 1}));
  auto s = k::makeConv2DShape(x.shape[0], x.shape[1], x.shape[2], x.shape[3], f.shape[0],
                              f.shape[1], f.shape[3], padding, strides, dilations);
  if (!s.ok()) return c.error(std::string(s.status().message()));
  return *s;
}

absl::StatusOr<Kernel> planConv2D(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(2, 3, 1, 1));
  const TensorDesc &x = c.in(0), &f = c.in(1), &y = c.out(0);
  const TensorDesc *b = c.step.in.size() == 3 ? &c.in(2) : nullptr;
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&f, &y, b}));
    DLC_RT_ASSIGN_OR_RETURN(k::Conv2DShape s, convShape(c, x, f));
    if (b) DLC_RT_RETURN_IF_ERROR(c.shapeIs(*b, {s.f}, "bias"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, {s.n, s.outH, s.outW, s.f}, "result"));
    const T *px = c.p<T>(x), *pf = c.p<T>(f), *pb = b ? c.p<T>(*b) : nullptr;
    T *py = c.p<T>(y);
    return Kernel([=] {
      k::conv2dForward<T>(s, px, pf, pb, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planConv2DGrad(PlanCtx &c, bool wrtInput) {
  DLC_RT_RETURN_IF_ERROR(c.arity(3, 1));
  const TensorDesc &x = c.in(0), &f = c.in(1), &dy = c.in(2), &r = c.out(0);
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&f, &dy, &r}));
    DLC_RT_ASSIGN_OR_RETURN(k::Conv2DShape s, convShape(c, x, f));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, {s.n, s.outH, s.outW, s.f}, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(r, wrtInput ? x.shape : f.shape, "result"));
    const T *px = c.p<T>(x), *pf = c.p<T>(f), *pdy = c.p<T>(dy);
    T *pr = c.p<T>(r);
    if (wrtInput)
      return Kernel([=] {
        k::conv2dBackwardInput<T>(s, pf, pdy, pr);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::conv2dBackwardFilter<T>(s, px, pdy, pr);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<k::Pool2DShape> poolShape(const PlanCtx &c, const TensorDesc &x) {
  DLC_RT_RETURN_IF_ERROR(c.rankIs(x, 4, "input"));
  DLC_RT_ASSIGN_OR_RETURN(auto pool, pairAttr(c, "pool_size", {2, 2}));
  DLC_RT_ASSIGN_OR_RETURN(auto strides, pairAttr(c, "strides", {pool[0], pool[1]}));
  DLC_RT_ASSIGN_OR_RETURN(k::Padding padding, paddingAttr(c));
  auto s = k::makePool2DShape(x.shape[0], x.shape[1], x.shape[2], x.shape[3], pool, strides,
                              padding);
  if (!s.ok()) return c.error(std::string(s.status().message()));
  return *s;
}

absl::StatusOr<Kernel> planPool(PlanCtx &c, bool max) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_ASSIGN_OR_RETURN(k::Pool2DShape s, poolShape(c, x));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, {s.n, s.outH, s.outW, s.c}, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    if (max)
      return Kernel([=] {
        k::maxPool2dForward<T>(s, px, py);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::avgPool2dForward<T>(s, px, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planPoolGrad(PlanCtx &c, bool max) {
  DLC_RT_RETURN_IF_ERROR(c.arity(2, 1));
  const TensorDesc &x = c.in(0), &dy = c.in(1), &dx = c.out(0);
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&dy, &dx}));
    DLC_RT_ASSIGN_OR_RETURN(k::Pool2DShape s, poolShape(c, x));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, {s.n, s.outH, s.outW, s.c}, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dx, x.shape, "result"));
    const T *px = c.p<T>(x), *pdy = c.p<T>(dy);
    T *pdx = c.p<T>(dx);
    if (max)
      return Kernel([=] {
        k::maxPool2dBackward<T>(s, px, pdy, pdx);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::avgPool2dBackward<T>(s, pdy, pdx);
      return absl::OkStatus();
    });
  });
}

namespace {

/// relu's Keras options (alpha, max_value, threshold), when the step is a relu
/// with any of them; the other kinds must not have max_value or threshold.
absl::StatusOr<std::optional<k::ReluOptions>> reluOptions(const PlanCtx &c, k::Activation kind) {
  const bundle::Attrs &a = c.step.attrs;
  const bool options = a.has("max_value") || a.has("threshold");
  if (options && kind != k::Activation::Relu)
    return c.error(absl::StrCat("'max_value' and 'threshold' belong to relu, not ",
                                k::activationName(kind)));
  if (kind != k::Activation::Relu || !(options || a.has("alpha")))
    return std::optional<k::ReluOptions>();
  k::ReluOptions o;
  DLC_RT_ASSIGN_OR_RETURN(o.alpha, a.getFloat("alpha", 0.0));
  DLC_RT_ASSIGN_OR_RETURN(o.threshold, a.getFloat("threshold", 0.0));
  o.hasMaxValue = a.has("max_value");
  DLC_RT_ASSIGN_OR_RETURN(o.maxValue, a.getFloat("max_value", 0.0));
  if (!std::isfinite(o.alpha) || !std::isfinite(o.threshold) || !std::isfinite(o.maxValue) ||
      o.maxValue < 0)
    return c.error("relu's alpha, threshold and max_value must be finite, max_value >= 0");
  return std::optional<k::ReluOptions>(o);
}

} // namespace

absl::StatusOr<Kernel> planActivation(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(k::Activation kind,
                          activationAttr(c, "kind", k::Activation::Linear, true));
  DLC_RT_ASSIGN_OR_RETURN(double alpha, c.step.attrs.getFloat("alpha", 1.0));
  DLC_RT_ASSIGN_OR_RETURN(std::optional<k::ReluOptions> relu, reluOptions(c, kind));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, x.shape, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    const int64_t n = x.numElements();
    if (relu)
      return Kernel([=, o = *relu] {
        k::reluOptionsForward<T>(o, px, py, n);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::activationForward<T>(kind, alpha, px, py, n);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planActivationGrad(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(2, 1));
  const TensorDesc &x = c.in(0), &dy = c.in(1), &dx = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(k::Activation kind,
                          activationAttr(c, "kind", k::Activation::Linear, true));
  DLC_RT_ASSIGN_OR_RETURN(double alpha, c.step.attrs.getFloat("alpha", 1.0));
  DLC_RT_ASSIGN_OR_RETURN(std::optional<k::ReluOptions> relu, reluOptions(c, kind));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&dy, &dx}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, x.shape, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dx, x.shape, "result"));
    const T *px = c.p<T>(x), *pdy = c.p<T>(dy);
    T *pdx = c.p<T>(dx);
    const int64_t n = x.numElements();
    if (relu)
      return Kernel([=, o = *relu] {
        k::reluOptionsBackward<T>(o, px, pdy, pdx, n);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::activationBackward<T>(kind, alpha, px, pdy, pdx, n);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planPReLU(PlanCtx &c, bool grad) {
  DLC_RT_RETURN_IF_ERROR(c.arity(grad ? 3 : 2, grad ? 2 : 1));
  const TensorDesc &x = c.in(0), &alpha = c.in(1);
  const k::PReLUShape shape{x.shape, alpha.shape};
  if (absl::Status s = k::checkPReLUShape(shape); !s.ok()) return c.error(std::string(s.message()));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    if (!grad) {
      const TensorDesc &y = c.out(0);
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&alpha, &y}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, x.shape, "result"));
      const T *px = c.p<T>(x), *pa = c.p<T>(alpha);
      T *py = c.p<T>(y);
      return Kernel([=] {
        k::preluForward<T>(shape, px, pa, py);
        return absl::OkStatus();
      });
    }
    const TensorDesc &dy = c.in(2), &dx = c.out(0), &da = c.out(1);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&alpha, &dy, &dx, &da}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, x.shape, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dx, x.shape, "input_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(da, alpha.shape, "alpha_grad"));
    const T *px = c.p<T>(x), *pa = c.p<T>(alpha), *pdy = c.p<T>(dy);
    T *pdx = c.p<T>(dx), *pda = c.p<T>(da);
    return Kernel([=] {
      k::preluBackward<T>(shape, px, pa, pdy, pdx, pda);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planSoftmax(PlanCtx &c, bool grad) {
  DLC_RT_RETURN_IF_ERROR(c.arity(grad ? 2 : 1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  const TensorDesc *dy = grad ? &c.in(1) : nullptr;
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y, dy}));
    if (x.shape.empty()) return c.error("softmax needs rank >= 1");
    DLC_RT_ASSIGN_OR_RETURN(int64_t axis, axisAttr(c, "axis", -1, x.shape.size()));
    if (dy) DLC_RT_RETURN_IF_ERROR(c.shapeIs(*dy, x.shape, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, x.shape, "result"));
    const int64_t outer = product(x.shape, 0, size_t(axis)), mid = x.shape[size_t(axis)],
                  inner = product(x.shape, size_t(axis) + 1, x.shape.size());
    const T *px = c.p<T>(x), *pdy = dy ? c.p<T>(*dy) : nullptr;
    T *py = c.p<T>(y);
    if (grad)
      return Kernel([=] {
        k::softmaxBackward<T>(px, pdy, py, outer, mid, inner);
        return absl::OkStatus();
      });
    return Kernel([=] {
      k::softmaxForward<T>(px, py, outer, mid, inner);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planDropout(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 2, 1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(double rate, c.step.attrs.getFloat("rate"));
  DLC_RT_ASSIGN_OR_RETURN(int64_t seed, c.step.attrs.getInt("seed", 0));
  if (seed < 0 || seed >= (int64_t(1) << 28))
    return c.error(absl::StrCat("attribute 'seed' = ", seed, " must be in [0, 2^28)"));
  k::DropoutParams base{rate, 0, uint32_t(seed), 0};
  if (absl::Status s = k::validateDropout(base); !s.ok())
    return c.error(std::string(s.message()));
  const TensorDesc *step = c.step.in.size() == 2 ? &c.in(1) : nullptr;
  if (step) DLC_RT_RETURN_IF_ERROR(c.counter(*step, "step"));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, x.shape, "result"));
    if (!step) return copyKernel(c.bytes(y), c.bytes(x), x.byteSize());
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    const int64_t *pstep = c.p<int64_t>(*step);
    const uint64_t *runSeed = c.runSeed;
    const int64_t n = x.numElements();
    return Kernel([=] {
      k::DropoutParams p = base;
      p.runSeed = *runSeed;
      p.step = uint32_t(*pstep);
      return k::dropoutForward<T>(p, px, py, n);
    });
  });
}

//===-- shape ops ----------------------------------------------------------===//

} // namespace dlc::rt::exec::detail
