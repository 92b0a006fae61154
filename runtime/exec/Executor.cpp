// The cpu-ref step executor (implementation of Executor.h).
#include "runtime/exec/Executor.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/bundle/StatusMacros.h"
#include "runtime/kernels/Activation.h"
#include "runtime/kernels/Common.h"
#include "runtime/kernels/Conv2D.h"
#include "runtime/kernels/Dense.h"
#include "runtime/kernels/Dropout.h"
#include "runtime/kernels/Embedding.h"
#include "runtime/kernels/Loss.h"
#include "runtime/kernels/Optimizers.h"
#include "runtime/kernels/Pool2D.h"
#include "runtime/kernels/Recurrent.h"
#include "runtime/kernels/ShapeOps.h"

namespace dlc::rt::exec {

using bundle::DType;
using bundle::Manifest;
using bundle::Region;
using bundle::Step;
using bundle::TensorDesc;
namespace k = dlc::rt::kernels;

using Kernel = std::function<absl::Status()>;

namespace {

std::string shapeStr(const std::vector<int64_t> &shape) {
  return absl::StrCat("[", absl::StrJoin(shape, ", "), "]");
}

int64_t product(const std::vector<int64_t> &dims, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end && i < dims.size(); ++i) p *= dims[i];
  return p;
}

template <typename T> constexpr DType dtypeOf();
template <> constexpr DType dtypeOf<float>() { return DType::F32; }
template <> constexpr DType dtypeOf<double>() { return DType::F64; }

/// What a planner sees of one step.
struct PlanCtx {
  const Manifest &m;
  Arena &arena;
  const Step &step;
  const uint64_t *runSeed;

  const TensorDesc &in(size_t i) const { return m.tensors[size_t(step.in[i])]; }
  const TensorDesc &out(size_t i) const { return m.tensors[size_t(step.out[i])]; }
  template <typename T> T *p(const TensorDesc &t) const {
    return reinterpret_cast<T *>(arena.data(t));
  }
  uint8_t *bytes(const TensorDesc &t) const { return arena.data(t); }

  absl::Status error(const std::string &message) const {
    return absl::InvalidArgumentError(absl::StrCat(step.where, ": ", message));
  }
  absl::Status arity(size_t minIn, size_t maxIn, size_t minOut, size_t maxOut) const {
    if (step.in.size() < minIn || step.in.size() > maxIn)
      return error(absl::StrCat("expected ", minIn == maxIn ? absl::StrCat(minIn)
                                                            : absl::StrCat(minIn, " to ", maxIn),
                                " operands, got ", step.in.size()));
    if (step.out.size() < minOut || step.out.size() > maxOut)
      return error(absl::StrCat("expected ", minOut == maxOut
                                                 ? absl::StrCat(minOut)
                                                 : absl::StrCat(minOut, " to ", maxOut),
                                " results, got ", step.out.size()));
    return absl::OkStatus();
  }
  absl::Status arity(size_t nIn, size_t nOut) const { return arity(nIn, nIn, nOut, nOut); }
  absl::Status shapeIs(const TensorDesc &t, const std::vector<int64_t> &shape,
                       const char *what) const {
    if (t.shape != shape)
      return error(absl::StrCat(what, " '", t.name, "' has shape ", shapeStr(t.shape),
                                ", expected ", shapeStr(shape)));
    return absl::OkStatus();
  }
  absl::Status rankIs(const TensorDesc &t, size_t rank, const char *what) const {
    if (t.shape.size() != rank)
      return error(absl::StrCat(what, " '", t.name, "' has shape ", shapeStr(t.shape),
                                ", expected rank ", rank));
    return absl::OkStatus();
  }
  absl::Status dtypeIs(const TensorDesc &t, DType dtype, const char *what) const {
    if (t.dtype != dtype)
      return error(absl::StrCat(what, " '", t.name, "' is ", bundle::dtypeName(t.dtype),
                                ", expected ", bundle::dtypeName(dtype)));
    return absl::OkStatus();
  }
  absl::Status isIndex(const TensorDesc &t, const char *what) const {
    if (t.dtype != DType::I32 && t.dtype != DType::I64)
      return error(absl::StrCat(what, " '", t.name, "' is ", bundle::dtypeName(t.dtype),
                                ", expected i32 or i64"));
    return absl::OkStatus();
  }
  absl::Status counter(const TensorDesc &t, const char *what) const {
    if (t.dtype != DType::I64 || !t.shape.empty())
      return error(absl::StrCat(what, " '", t.name, "' must be a 0-d i64 counter"));
    return absl::OkStatus();
  }
};

/// Calls f(T{}) with T the C++ type of `t`'s float element type.
template <typename F>
absl::StatusOr<Kernel> withFloat(const PlanCtx &c, const TensorDesc &t, F f) {
  if (t.dtype == DType::F32) return f(float{});
  if (t.dtype == DType::F64) return f(double{});
  return c.error(absl::StrCat("operand '", t.name, "' is ", bundle::dtypeName(t.dtype),
                              ", expected f32 or f64"));
}

template <typename T>
absl::Status allOf(const PlanCtx &c, std::initializer_list<const TensorDesc *> ts) {
  for (const TensorDesc *t : ts)
    if (t) DLC_RT_RETURN_IF_ERROR(c.dtypeIs(*t, dtypeOf<T>(), "operand"));
  return absl::OkStatus();
}

absl::StatusOr<k::Activation> activationAttr(const PlanCtx &c, const char *name,
                                             k::Activation fallback, bool required) {
  const bundle::Attrs &a = c.step.attrs;
  if (!a.has(name)) {
    if (required) return c.error(absl::StrCat("missing attribute '", name, "'"));
    return fallback;
  }
  const auto &v = a.json().at(name);
  static const char *names[] = {"linear", "relu", "tanh", "sigmoid",
                                "hard_sigmoid", "elu", "hard_sigmoid6"};
  if (v.is_string()) {
    for (int i = 0; i < 7; ++i)
      if (v.get<std::string>() == names[i]) return k::Activation(i);
    return c.error(absl::StrCat("attribute '", name, "': unknown activation \"",
                                v.get<std::string>(), "\" (known: ",
                                absl::StrJoin(names, ", "), ")"));
  }
  if (v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() < 7)
    return k::Activation(v.get<int64_t>());
  return c.error(absl::StrCat("attribute '", name, "' must be an activation name"));
}

absl::StatusOr<k::Padding> paddingAttr(const PlanCtx &c) {
  const bundle::Attrs &a = c.step.attrs;
  if (!a.has("padding")) return c.error("missing attribute 'padding'");
  const auto &v = a.json().at("padding");
  if (v.is_string() && v.get<std::string>() == "valid") return k::Padding::Valid;
  if (v.is_string() && v.get<std::string>() == "same") return k::Padding::Same;
  if (v.is_number_integer() && (v.get<int64_t>() == 0 || v.get<int64_t>() == 1))
    return k::Padding(v.get<int64_t>());
  return c.error("attribute 'padding' must be \"valid\" or \"same\"");
}

absl::StatusOr<std::array<int64_t, 2>> pairAttr(const PlanCtx &c, const char *name,
                                                std::vector<int64_t> fallback) {
  DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> v, c.step.attrs.getInts(name, fallback));
  if (v.size() != 2)
    return c.error(absl::StrCat("attribute '", name, "' must have 2 values, got ", v.size()));
  return std::array<int64_t, 2>{v[0], v[1]};
}

absl::StatusOr<int64_t> axisAttr(const PlanCtx &c, const char *name, int64_t fallback,
                                 size_t rank) {
  DLC_RT_ASSIGN_OR_RETURN(int64_t axis, c.step.attrs.getInt(name, fallback));
  const int64_t r = int64_t(rank);
  if (axis < -r || axis >= r)
    return c.error(absl::StrCat("attribute '", name, "' = ", axis, " out of range for rank ", r));
  return axis < 0 ? axis + r : axis;
}

Kernel copyKernel(uint8_t *dst, const uint8_t *src, size_t n) {
  if (dst == src || n == 0) return [] { return absl::OkStatus(); };
  return [=] {
    std::memmove(dst, src, n);
    return absl::OkStatus();
  };
}

absl::Status unimplemented(const PlanCtx &c, const std::string &why = "") {
  return absl::UnimplementedError(absl::StrCat(c.step.where, ": op ", c.step.op,
                                               " has no cpu-ref kernel yet", why));
}

//===-- NN ops -------------------------------------------------------------===//

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

absl::StatusOr<Kernel> planActivation(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(k::Activation kind,
                          activationAttr(c, "kind", k::Activation::Linear, true));
  DLC_RT_ASSIGN_OR_RETURN(double alpha, c.step.attrs.getFloat("alpha", 1.0));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, x.shape, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    const int64_t n = x.numElements();
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
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&dy, &dx}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dy, x.shape, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(dx, x.shape, "result"));
    const T *px = c.p<T>(x), *pdy = c.p<T>(dy);
    T *pdx = c.p<T>(dx);
    const int64_t n = x.numElements();
    return Kernel([=] {
      k::activationBackward<T>(kind, alpha, px, pdy, pdx, n);
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

absl::StatusOr<Kernel> planReshape(PlanCtx &c, bool flatten) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(y, x.dtype, "result"));
  if (flatten) {
    if (x.shape.empty()) return c.error("flatten needs rank >= 1");
    DLC_RT_RETURN_IF_ERROR(
        c.shapeIs(y, {x.shape[0], product(x.shape, 1, x.shape.size())}, "result"));
  } else {
    if (c.step.attrs.has("shape")) {
      DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> shape, c.step.attrs.getInts("shape"));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, shape, "result"));
    }
    if (y.numElements() != x.numElements())
      return c.error(absl::StrCat("cannot reshape ", shapeStr(x.shape), " to ",
                                  shapeStr(y.shape)));
  }
  return copyKernel(c.bytes(y), c.bytes(x), x.byteSize());
}

absl::StatusOr<Kernel> planTranspose(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> perm, c.step.attrs.getInts("permutation"));
  if (absl::Status s = k::checkPermutation(x.shape, perm); !s.ok())
    return c.error(std::string(s.message()));
  std::vector<int64_t> ys;
  for (int64_t p : perm) ys.push_back(x.shape[size_t(p)]);
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, ys, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    std::vector<int64_t> dims = x.shape;
    return Kernel([=] { return k::transposeForward<T>(dims, perm, px, py); });
  });
}

absl::StatusOr<Kernel> planAdd(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1 << 20, 1, 1));
  const TensorDesc &y = c.out(0);
  return withFloat(c, y, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    std::vector<const T *> inputs;
    for (size_t i = 0; i < c.step.in.size(); ++i) {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&c.in(i)}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.in(i), y.shape, "operand"));
      inputs.push_back(c.p<T>(c.in(i)));
    }
    T *py = c.p<T>(y);
    const int64_t n = y.numElements();
    return Kernel([=] {
      k::addForward<T>(inputs.data(), int64_t(inputs.size()), n, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planConcatenate(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1 << 20, 1, 1));
  const TensorDesc &y = c.out(0);
  return withFloat(c, y, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    std::vector<std::vector<int64_t>> shapes;
    std::vector<const T *> inputs;
    for (size_t i = 0; i < c.step.in.size(); ++i) {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&c.in(i)}));
      shapes.push_back(c.in(i).shape);
      inputs.push_back(c.p<T>(c.in(i)));
    }
    DLC_RT_ASSIGN_OR_RETURN(int64_t axis, c.step.attrs.getInt("axis", -1));
    auto s = k::makeConcatShape(shapes, axis);
    if (!s.ok()) return c.error(std::string(s.status().message()));
    const int64_t r = int64_t(shapes[0].size());
    const size_t a = size_t(axis < 0 ? axis + r : axis);
    std::vector<int64_t> ys = shapes[0];
    ys[a] = s->axisTotal();
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, ys, "result"));
    T *py = c.p<T>(y);
    k::ConcatShape shape = *s;
    return Kernel([=] {
      k::concatenateForward<T>(shape, inputs.data(), py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planRepeatVector(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(int64_t times, c.step.attrs.getInt("n"));
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.rankIs(x, 2, "input"));
    if (times < 1) return c.error("attribute 'n' must be positive");
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, {x.shape[0], times, x.shape[1]}, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    const int64_t n = x.shape[0], d = x.shape[1];
    return Kernel([=] {
      k::repeatVectorForward<T>(n, d, times, px, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planReduceSum(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> axes, c.step.attrs.getInts("axes"));
  const int64_t r = int64_t(x.shape.size());
  std::vector<bool> reduced(size_t(r), false);
  for (int64_t a : axes) {
    if (a < 0 || a >= r || reduced[size_t(a)])
      return c.error(absl::StrCat("attribute 'axes' = [", absl::StrJoin(axes, ", "),
                                  "] is not a set of distinct axes of rank ", r));
    reduced[size_t(a)] = true;
  }
  std::vector<int64_t> ys;
  for (int64_t i = 0; i < r; ++i)
    if (!reduced[size_t(i)]) ys.push_back(x.shape[size_t(i)]);
  std::sort(axes.begin(), axes.end());
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&y}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, ys, "result"));
    const T *px = c.p<T>(x);
    T *py = c.p<T>(y);
    if (axes.empty()) return copyKernel(c.bytes(y), c.bytes(x), x.byteSize());
    if (axes.back() - axes.front() + 1 != int64_t(axes.size()))
      return unimplemented(c, " for non-consecutive axes");
    // View [outer, mid, inner] and sum the middle: repeat_vector's gradient.
    const int64_t outer = product(x.shape, 0, size_t(axes.front()));
    const int64_t mid = product(x.shape, size_t(axes.front()), size_t(axes.back()) + 1);
    const int64_t inner = product(x.shape, size_t(axes.back()) + 1, x.shape.size());
    return Kernel([=] {
      k::repeatVectorBackward<T>(outer, inner, mid, px, py);
      return absl::OkStatus();
    });
  });
}

absl::StatusOr<Kernel> planSlice(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  const TensorDesc &x = c.in(0), &y = c.out(0);
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(y, x.dtype, "result"));
  if (x.shape.empty()) return c.error("slice needs rank >= 1");
  DLC_RT_ASSIGN_OR_RETURN(int64_t axis, axisAttr(c, "axis", 0, x.shape.size()));
  DLC_RT_ASSIGN_OR_RETURN(int64_t start, c.step.attrs.getInt("start"));
  DLC_RT_ASSIGN_OR_RETURN(int64_t size, c.step.attrs.getInt("size"));
  const int64_t dim = x.shape[size_t(axis)];
  if (start < 0 || size < 0 || start > dim || size > dim - start)
    return c.error(absl::StrCat("slice [", start, ", ", start + size, ") outside axis ", axis,
                                " of size ", dim));
  std::vector<int64_t> ys = x.shape;
  ys[size_t(axis)] = size;
  DLC_RT_RETURN_IF_ERROR(c.shapeIs(y, ys, "result"));
  const size_t elem = bundle::dtypeSize(x.dtype);
  const int64_t outer = product(x.shape, 0, size_t(axis));
  const size_t inner = size_t(product(x.shape, size_t(axis) + 1, x.shape.size())) * elem;
  const uint8_t *px = c.bytes(x);
  uint8_t *py = c.bytes(y);
  return Kernel([=] {
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(py + size_t(o * size) * inner, px + size_t(o * dim + start) * inner,
                  size_t(size) * inner);
    return absl::OkStatus();
  });
}

template <typename T, typename Index>
Kernel embeddingKernel(bool grad, k::EmbeddingShape s, const uint8_t *ids, const T *a, T *b) {
  const Index *pids = reinterpret_cast<const Index *>(ids);
  if (grad) return [=] { return k::embeddingBackward<T, Index>(s, pids, a, b); };
  return [=] { return k::embeddingForward<T, Index>(s, pids, a, b); };
}

absl::StatusOr<Kernel> planEmbedding(PlanCtx &c, bool grad) {
  DLC_RT_RETURN_IF_ERROR(c.arity(grad ? 3 : 2, 1));
  const TensorDesc &ids = c.in(0), &table = c.in(1), &r = c.out(0);
  const TensorDesc *dy = grad ? &c.in(2) : nullptr;
  DLC_RT_RETURN_IF_ERROR(c.isIndex(ids, "ids"));
  return withFloat(c, table, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&r, dy}));
    DLC_RT_RETURN_IF_ERROR(c.rankIs(table, 2, "table"));
    k::EmbeddingShape s{ids.numElements(), table.shape[0], table.shape[1]};
    std::vector<int64_t> ys = ids.shape;
    ys.push_back(s.dim);
    if (dy) DLC_RT_RETURN_IF_ERROR(c.shapeIs(*dy, ys, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(r, grad ? table.shape : ys, "result"));
    const T *a = grad ? c.p<T>(*dy) : c.p<T>(table);
    T *b = c.p<T>(r);
    if (ids.dtype == DType::I32) return embeddingKernel<T, int32_t>(grad, s, c.bytes(ids), a, b);
    return embeddingKernel<T, int64_t>(grad, s, c.bytes(ids), a, b);
  });
}

//===-- recurrent ops ------------------------------------------------------===//

enum class Cell { Lstm, Gru, SimpleRnn };

absl::StatusOr<Kernel> planRecurrent(PlanCtx &c, Cell cell, bool grad) {
  // forward: x, k, rk[, b] -> y;  grad: x, k, rk[, b], dy -> dx, dk, drk[, db]
  const size_t nin = c.step.in.size();
  if (grad)
    DLC_RT_RETURN_IF_ERROR(c.arity(4, 5, nin - 1, nin - 1));
  else
    DLC_RT_RETURN_IF_ERROR(c.arity(3, 4, 1, 1));
  const bool hasBias = grad ? nin == 5 : nin == 4;
  const TensorDesc &x = c.in(0), &w = c.in(1), &u = c.in(2);
  const TensorDesc *b = hasBias ? &c.in(3) : nullptr;
  const TensorDesc *dy = grad ? &c.in(nin - 1) : nullptr;
  const int gates = cell == Cell::Lstm ? 4 : cell == Cell::Gru ? 3 : 1;
  k::RecurrentOptions o;
  DLC_RT_ASSIGN_OR_RETURN(o.activation, activationAttr(c, "activation", k::Activation::Tanh,
                                                       false));
  if (cell != Cell::SimpleRnn) {
    DLC_RT_ASSIGN_OR_RETURN(o.recurrentActivation,
                            activationAttr(c, "recurrent_activation", k::Activation::Sigmoid,
                                           false));
  }
  DLC_RT_ASSIGN_OR_RETURN(o.returnSequences, c.step.attrs.getBool("return_sequences", false));
  DLC_RT_ASSIGN_OR_RETURN(o.goBackwards, c.step.attrs.getBool("go_backwards", false));
  if (cell == Cell::Gru) {
    DLC_RT_ASSIGN_OR_RETURN(o.resetAfter, c.step.attrs.getBool("reset_after", false));
  }
  return withFloat(c, x, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&w, &u, b, dy}));
    for (size_t i = 0; i < c.step.out.size(); ++i)
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&c.out(i)}));
    DLC_RT_RETURN_IF_ERROR(c.rankIs(x, 3, "input"));
    DLC_RT_RETURN_IF_ERROR(c.rankIs(u, 2, "recurrent_kernel"));
    k::RecurrentShape s{x.shape[0], x.shape[1], x.shape[2], u.shape[0]};
    const int64_t gu = gates * s.units;
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(w, {s.features, gu}, "kernel"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(u, {s.units, gu}, "recurrent_kernel"));
    if (b) {
      if (cell == Cell::Gru && o.resetAfter)
        DLC_RT_RETURN_IF_ERROR(c.shapeIs(*b, {2, gu}, "bias"));
      else
        DLC_RT_RETURN_IF_ERROR(c.shapeIs(*b, {gu}, "bias"));
    }
    const std::vector<int64_t> ys = o.returnSequences
                                         ? std::vector<int64_t>{s.batch, s.steps, s.units}
                                         : std::vector<int64_t>{s.batch, s.units};
    const T *px = c.p<T>(x), *pw = c.p<T>(w), *pu = c.p<T>(u), *pb = b ? c.p<T>(*b) : nullptr;
    if (!grad) {
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.out(0), ys, "result"));
      T *py = c.p<T>(c.out(0));
      return Kernel([=] {
        if (cell == Cell::Lstm) k::lstmForward<T>(s, o, px, pw, pu, pb, py);
        else if (cell == Cell::Gru) k::gruForward<T>(s, o, px, pw, pu, pb, py);
        else k::simpleRnnForward<T>(s, o, px, pw, pu, pb, py);
        return absl::OkStatus();
      });
    }
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(*dy, ys, "result_grad"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.out(0), x.shape, "input gradient"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.out(1), w.shape, "kernel gradient"));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.out(2), u.shape, "recurrent_kernel gradient"));
    if (b) DLC_RT_RETURN_IF_ERROR(c.shapeIs(c.out(3), b->shape, "bias gradient"));
    const T *pdy = c.p<T>(*dy);
    T *pdx = c.p<T>(c.out(0)), *pdw = c.p<T>(c.out(1)), *pdu = c.p<T>(c.out(2));
    T *pdb = b ? c.p<T>(c.out(3)) : nullptr;
    return Kernel([=] {
      if (cell == Cell::Lstm)
        k::lstmBackward<T>(s, o, px, pw, pu, pb, pdy, pdx, pdw, pdu, pdb);
      else if (cell == Cell::Gru)
        k::gruBackward<T>(s, o, px, pw, pu, pb, pdy, pdx, pdw, pdu, pdb);
      else
        k::simpleRnnBackward<T>(s, o, px, pw, pu, pb, pdy, pdx, pdw, pdu, pdb);
      return absl::OkStatus();
    });
  });
}

//===-- loss, metric, optimizers ------------------------------------------===//

enum class LossOp { Loss, Grad, Accuracy };

absl::StatusOr<Kernel> planLoss(PlanCtx &c, LossOp op) {
  DLC_RT_RETURN_IF_ERROR(c.arity(2, 1));
  const TensorDesc &p = c.in(0), &labels = c.in(1), &r = c.out(0);
  return withFloat(c, p, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    if (p.shape.empty()) return c.error("the probabilities need rank >= 1");
    k::LossShape s{product(p.shape, 0, p.shape.size() - 1), p.shape.back()};
    const bool sparse = !bundle::isFloat(labels.dtype);
    if (sparse) {
      DLC_RT_RETURN_IF_ERROR(c.isIndex(labels, "labels"));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(
          labels, std::vector<int64_t>(p.shape.begin(), p.shape.end() - 1), "labels"));
    } else {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&labels}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(labels, p.shape, "labels"));
    }
    if (op == LossOp::Loss) {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&r}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(r, {}, "loss"));
    } else if (op == LossOp::Grad) {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&r}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(r, p.shape, "result"));
    } else {
      DLC_RT_RETURN_IF_ERROR(c.counter(r, "correct"));
    }
    const T *pp = c.p<T>(p);
    const uint8_t *pl = c.bytes(labels);
    uint8_t *pr = c.bytes(r);
    const DType ldt = labels.dtype;
    return Kernel([=]() -> absl::Status {
      T *rt = reinterpret_cast<T *>(pr);
      int64_t *ri = reinterpret_cast<int64_t *>(pr);
      if (!sparse) {
        const T *t = reinterpret_cast<const T *>(pl);
        if (op == LossOp::Loss) *rt = k::categoricalCrossentropy<T>(s, pp, t);
        else if (op == LossOp::Grad) k::categoricalCrossentropyBackward<T>(s, pp, t, T(1), rt);
        else *ri = k::categoricalAccuracyCount<T>(s, pp, t);
        return absl::OkStatus();
      }
      auto run = [&](auto index) -> absl::Status {
        using I = decltype(index);
        const I *l = reinterpret_cast<const I *>(pl);
        if (op == LossOp::Loss) {
          DLC_RT_ASSIGN_OR_RETURN(*rt, (k::sparseCategoricalCrossentropy<T, I>(s, pp, l)));
          return absl::OkStatus();
        }
        if (op == LossOp::Grad)
          return k::sparseCategoricalCrossentropyBackward<T, I>(s, pp, l, T(1), rt);
        DLC_RT_ASSIGN_OR_RETURN(*ri, (k::sparseCategoricalAccuracyCount<T, I>(s, pp, l)));
        return absl::OkStatus();
      };
      return ldt == DType::I32 ? run(int32_t{}) : run(int64_t{});
    });
  });
}

enum class Opt { Sgd, Rmsprop, Adadelta, Adam };

absl::StatusOr<Kernel> planOptimizer(PlanCtx &c, Opt opt) {
  const size_t slots = opt == Opt::Sgd || opt == Opt::Rmsprop ? 1 : 2;
  // in: param, grad, slots..., iterations; out: param, slots...
  DLC_RT_RETURN_IF_ERROR(c.arity(3 + slots, 1 + slots));
  const TensorDesc &param = c.in(0), &grad = c.in(1), &it = c.in(2 + slots);
  DLC_RT_RETURN_IF_ERROR(c.counter(it, "iterations"));
  const bundle::Attrs &a = c.step.attrs;
  k::SgdParams sgd;
  k::RmspropParams rms;
  k::AdadeltaParams ada;
  k::AdamParams adam;
  switch (opt) {
  case Opt::Sgd: {
    DLC_RT_ASSIGN_OR_RETURN(sgd.lr, a.getFloat("lr"));
    DLC_RT_ASSIGN_OR_RETURN(sgd.momentum, a.getFloat("momentum", 0.0));
    DLC_RT_ASSIGN_OR_RETURN(sgd.decay, a.getFloat("decay", 0.0));
    DLC_RT_ASSIGN_OR_RETURN(sgd.nesterov, a.getBool("nesterov", false));
    break;
  }
  case Opt::Rmsprop: {
    DLC_RT_ASSIGN_OR_RETURN(rms.lr, a.getFloat("lr"));
    DLC_RT_ASSIGN_OR_RETURN(rms.rho, a.getFloat("rho"));
    DLC_RT_ASSIGN_OR_RETURN(rms.epsilon, a.getFloat("epsilon"));
    DLC_RT_ASSIGN_OR_RETURN(rms.decay, a.getFloat("decay", 0.0));
    break;
  }
  case Opt::Adadelta: {
    DLC_RT_ASSIGN_OR_RETURN(ada.lr, a.getFloat("lr"));
    DLC_RT_ASSIGN_OR_RETURN(ada.rho, a.getFloat("rho"));
    DLC_RT_ASSIGN_OR_RETURN(ada.epsilon, a.getFloat("epsilon"));
    DLC_RT_ASSIGN_OR_RETURN(ada.decay, a.getFloat("decay", 0.0));
    break;
  }
  case Opt::Adam: {
    DLC_RT_ASSIGN_OR_RETURN(adam.lr, a.getFloat("lr"));
    DLC_RT_ASSIGN_OR_RETURN(adam.beta1, a.getFloat("beta_1"));
    DLC_RT_ASSIGN_OR_RETURN(adam.beta2, a.getFloat("beta_2"));
    DLC_RT_ASSIGN_OR_RETURN(adam.epsilon, a.getFloat("epsilon"));
    DLC_RT_ASSIGN_OR_RETURN(adam.decay, a.getFloat("decay", 0.0));
    break;
  }
  }
  return withFloat(c, param, [&](auto tag) -> absl::StatusOr<Kernel> {
    using T = decltype(tag);
    // (source, destination) pairs: param and each slot; the update runs on
    // the destinations after copying the sources there when they differ.
    std::vector<std::pair<const TensorDesc *, const TensorDesc *>> pairs;
    pairs.emplace_back(&param, &c.out(0));
    for (size_t j = 0; j < slots; ++j) pairs.emplace_back(&c.in(2 + j), &c.out(1 + j));
    DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {&grad}));
    DLC_RT_RETURN_IF_ERROR(c.shapeIs(grad, param.shape, "grad"));
    std::vector<Kernel> copies;
    std::vector<T *> dst;
    for (const auto &[from, to] : pairs) {
      DLC_RT_RETURN_IF_ERROR(allOf<T>(c, {from, to}));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(*from, param.shape, "operand"));
      DLC_RT_RETURN_IF_ERROR(c.shapeIs(*to, param.shape, "result"));
      if (from != to) copies.push_back(copyKernel(c.bytes(*to), c.bytes(*from), from->byteSize()));
      dst.push_back(c.p<T>(*to));
    }
    const T *pg = c.p<T>(grad);
    const int64_t *pit = c.p<int64_t>(it);
    const int64_t n = param.numElements();
    return Kernel([=] {
      for (const Kernel &copy : copies) copy().IgnoreError();
      const int64_t iterations = *pit;
      switch (opt) {
      case Opt::Sgd: k::sgdUpdate<T>(sgd, iterations, dst[0], pg, dst[1], n); break;
      case Opt::Rmsprop: k::rmspropUpdate<T>(rms, iterations, dst[0], pg, dst[1], n); break;
      case Opt::Adadelta:
        k::adadeltaUpdate<T>(ada, iterations, dst[0], pg, dst[1], dst[2], n);
        break;
      case Opt::Adam: k::adamUpdate<T>(adam, iterations, dst[0], pg, dst[1], dst[2], n); break;
      }
      return absl::OkStatus();
    });
  });
}

//===-- the op table -------------------------------------------------------===//

using Planner = std::function<absl::StatusOr<Kernel>(PlanCtx &)>;

const std::map<std::string, Planner, std::less<>> &opTable() {
  static const auto *table = new std::map<std::string, Planner, std::less<>>{
      {"dlc.dense", planDense},
      {"dlc.conv2d", planConv2D},
      {"dlc.max_pool2d", [](PlanCtx &c) { return planPool(c, true); }},
      {"dlc.avg_pool2d", [](PlanCtx &c) { return planPool(c, false); }},
      {"dlc.activation", planActivation},
      {"dlc.softmax", [](PlanCtx &c) { return planSoftmax(c, false); }},
      {"dlc.dropout", planDropout},
      {"dlc.flatten", [](PlanCtx &c) { return planReshape(c, true); }},
      {"dlc.reshape", [](PlanCtx &c) { return planReshape(c, false); }},
      {"dlc.transpose", planTranspose},
      {"dlc.add", planAdd},
      {"dlc.concatenate", planConcatenate},
      {"dlc.repeat_vector", planRepeatVector},
      {"dlc.embedding", [](PlanCtx &c) { return planEmbedding(c, false); }},
      {"dlc.reduce_sum", planReduceSum},
      {"dlc.slice", planSlice},
      {"dlc.lstm", [](PlanCtx &c) { return planRecurrent(c, Cell::Lstm, false); }},
      {"dlc.gru", [](PlanCtx &c) { return planRecurrent(c, Cell::Gru, false); }},
      {"dlc.simple_rnn", [](PlanCtx &c) { return planRecurrent(c, Cell::SimpleRnn, false); }},
      {"dlc.dense_grad_input", [](PlanCtx &c) { return planDenseGrad(c, true); }},
      {"dlc.dense_grad_kernel", [](PlanCtx &c) { return planDenseGrad(c, false); }},
      {"dlc.conv2d_grad_input", [](PlanCtx &c) { return planConv2DGrad(c, true); }},
      {"dlc.conv2d_grad_filter", [](PlanCtx &c) { return planConv2DGrad(c, false); }},
      {"dlc.max_pool2d_grad", [](PlanCtx &c) { return planPoolGrad(c, true); }},
      {"dlc.avg_pool2d_grad", [](PlanCtx &c) { return planPoolGrad(c, false); }},
      {"dlc.activation_grad", planActivationGrad},
      {"dlc.softmax_grad", [](PlanCtx &c) { return planSoftmax(c, true); }},
      {"dlc.embedding_grad", [](PlanCtx &c) { return planEmbedding(c, true); }},
      {"dlc.lstm_grad", [](PlanCtx &c) { return planRecurrent(c, Cell::Lstm, true); }},
      {"dlc.gru_grad", [](PlanCtx &c) { return planRecurrent(c, Cell::Gru, true); }},
      {"dlc.simple_rnn_grad",
       [](PlanCtx &c) { return planRecurrent(c, Cell::SimpleRnn, true); }},
      {"dlc.categorical_crossentropy", [](PlanCtx &c) { return planLoss(c, LossOp::Loss); }},
      {"dlc.categorical_crossentropy_grad",
       [](PlanCtx &c) { return planLoss(c, LossOp::Grad); }},
      {"dlc.accuracy", [](PlanCtx &c) { return planLoss(c, LossOp::Accuracy); }},
      {"dlc.sgd_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Sgd); }},
      {"dlc.rmsprop_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Rmsprop); }},
      {"dlc.adadelta_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Adadelta); }},
      {"dlc.adam_update", [](PlanCtx &c) { return planOptimizer(c, Opt::Adam); }},
      // planned separately (it has a body): listed so that knownOps() has it
      {"dlc.time_distributed", nullptr},
  };
  return *table;
}

bool isUpdateOp(const std::string &op) {
  return op == "dlc.sgd_update" || op == "dlc.rmsprop_update" ||
         op == "dlc.adadelta_update" || op == "dlc.adam_update";
}

/// The memory-plan checks of the header comment.
absl::Status checkMemory(const Manifest &m, const Step &s) {
  struct Range {
    Region region;
    uint64_t begin, end;
  };
  auto range = [&](int i) {
    const TensorDesc &t = m.tensors[size_t(i)];
    return Range{t.region, t.offset, t.offset + t.byteSize()};
  };
  auto overlaps = [](const Range &a, const Range &b) {
    return a.region == b.region && a.begin < b.end && b.begin < a.end;
  };
  auto name = [&](int i) { return m.tensors[size_t(i)].name; };
  const bool update = isUpdateOp(s.op);
  const bool view = s.op == "dlc.reshape" || s.op == "dlc.flatten";
  for (size_t o = 0; o < s.out.size(); ++o) {
    const Range ro = range(s.out[o]);
    for (size_t o2 = o + 1; o2 < s.out.size(); ++o2)
      if (s.out[o] == s.out[o2] || overlaps(ro, range(s.out[o2])))
        return absl::InvalidArgumentError(absl::StrCat(s.where, ": results '", name(s.out[o]),
                                                       "' and '", name(s.out[o2]),
                                                       "' overlap"));
    for (size_t i = 0; i < s.in.size(); ++i) {
      const Range ri = range(s.in[i]);
      if (s.out[o] == s.in[i]) {
        // in-place pairs: out[0] <- in[0] (param), out[1 + j] <- in[2 + j] (slots)
        const bool pair = update && ((o == 0 && i == 0) || (o >= 1 && i == o + 1));
        if (!pair)
          return absl::InvalidArgumentError(
              absl::StrCat(s.where, ": tensor '", name(s.out[o]),
                           "' is both an operand and a result, which this op does not allow"));
        continue;
      }
      if (!overlaps(ro, ri)) continue;
      if (view && ro.begin == ri.begin && ro.end == ri.end) continue;
      return absl::InvalidArgumentError(
          absl::StrCat(s.where, ": result '", name(s.out[o]), "' overlaps operand '",
                       name(s.in[i]), "' (a memory-plan error)"));
    }
  }
  return absl::OkStatus();
}

absl::Status planSteps(const Manifest &m, Arena &arena, const uint64_t *runSeed,
                       const std::vector<Step> &steps,
                       std::vector<Executor::Planned> &out);

absl::StatusOr<Kernel> planTimeDistributed(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  if (c.step.bodyArg < 0) return c.error("missing 'body'");
  const TensorDesc &x = c.in(0), &y = c.out(0);
  const TensorDesc &arg = c.m.tensors[size_t(c.step.bodyArg)];
  const TensorDesc &res = c.m.tensors[size_t(c.step.bodyResult)];
  if (x.shape.size() < 2 || y.shape.size() < 2)
    return c.error("input and result need rank >= 2 ([N, T, ...])");
  std::vector<int64_t> argShape = x.shape, resShape = y.shape;
  argShape.erase(argShape.begin() + 1);
  resShape.erase(resShape.begin() + 1);
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(arg, x.dtype, "body argument"));
  DLC_RT_RETURN_IF_ERROR(c.dtypeIs(res, y.dtype, "body result"));
  DLC_RT_RETURN_IF_ERROR(c.shapeIs(arg, argShape, "body argument"));
  DLC_RT_RETURN_IF_ERROR(c.shapeIs(res, resShape, "body result"));
  if (x.shape[1] != y.shape[1])
    return c.error(absl::StrCat("input ", shapeStr(x.shape), " and result ", shapeStr(y.shape),
                                " differ in time steps"));
  auto body = std::make_shared<std::vector<Executor::Planned>>();
  DLC_RT_RETURN_IF_ERROR(planSteps(c.m, c.arena, c.runSeed, c.step.body, *body));
  const int64_t n = x.shape[0], steps = x.shape[1];
  const size_t inRow = size_t(product(x.shape, 2, x.shape.size())) * bundle::dtypeSize(x.dtype);
  const size_t outRow = size_t(product(y.shape, 2, y.shape.size())) * bundle::dtypeSize(y.dtype);
  const uint8_t *px = c.bytes(x);
  uint8_t *py = c.bytes(y), *pa = c.bytes(arg);
  const uint8_t *pr = c.bytes(res);
  return Kernel([=]() -> absl::Status {
    for (int64_t t = 0; t < steps; ++t) {
      for (int64_t i = 0; i < n; ++i)
        std::memcpy(pa + size_t(i) * inRow, px + size_t(i * steps + t) * inRow, inRow);
      for (const Executor::Planned &p : *body)
        if (absl::Status s = p.call(); !s.ok()) return s;
      for (int64_t i = 0; i < n; ++i)
        std::memcpy(py + size_t(i * steps + t) * outRow, pr + size_t(i) * outRow, outRow);
    }
    return absl::OkStatus();
  });
}

absl::Status planSteps(const Manifest &m, Arena &arena, const uint64_t *runSeed,
                       const std::vector<Step> &steps,
                       std::vector<Executor::Planned> &out) {
  for (const Step &step : steps) {
    PlanCtx c{m, arena, step, runSeed};
    absl::StatusOr<Kernel> kernel;
    switch (step.kind) {
    case bundle::StepKind::Kernel:
    case bundle::StepKind::Library:
      return absl::InvalidArgumentError(
          absl::StrCat(step.where, ": a step of kind \"", bundle::stepKindName(step.kind),
                       "\" belongs to another target; cpu-ref runs \"op\" and \"copy\" steps"));
    case bundle::StepKind::Copy: {
      DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
      if (c.in(0).byteSize() != c.out(0).byteSize())
        return c.error("a copy needs operand and result of the same byte size");
      DLC_RT_RETURN_IF_ERROR(checkMemory(m, step));
      kernel = copyKernel(c.bytes(c.out(0)), c.bytes(c.in(0)), c.in(0).byteSize());
      break;
    }
    case bundle::StepKind::Op: {
      const auto &table = opTable();
      auto it = table.find(step.op);
      if (it == table.end())
        return absl::InvalidArgumentError(
            absl::StrCat(step.where, ": unknown op '", step.op, "' (the cpu-ref runtime runs ",
                         table.size(), " dlc ops; see knownOps())"));
      DLC_RT_RETURN_IF_ERROR(checkMemory(m, step));
      if (step.op == "dlc.time_distributed")
        kernel = planTimeDistributed(c);
      else
        kernel = it->second(c);
      break;
    }
    }
    if (!kernel.ok()) return kernel.status();
    out.push_back(Executor::Planned{std::move(*kernel), &step});
  }
  return absl::OkStatus();
}

} // namespace

const std::vector<std::string> &knownOps() {
  static const auto *ops = [] {
    auto *v = new std::vector<std::string>();
    for (const auto &[name, planner] : opTable()) v->push_back(name);
    return v;
  }();
  return *ops;
}

absl::StatusOr<std::unique_ptr<Executor>> Executor::create(const Manifest &manifest,
                                                            uint64_t runSeed) {
  DLC_RT_ASSIGN_OR_RETURN(Arena arena, Arena::create(manifest.regionBytes));
  std::unique_ptr<Executor> ex(new Executor(manifest, std::move(arena), runSeed));
  std::vector<int> its = manifest.tensorsWithRole(bundle::Role::Iterations);
  ex->iterationsTensor_ = its.empty() ? -1 : its[0];
  for (const auto &[name, fn] : manifest.functions) {
    std::vector<Planned> plan;
    DLC_RT_RETURN_IF_ERROR(planSteps(manifest, ex->arena_, &ex->runSeed_, fn.steps, plan));
    ex->plans_.emplace(name, std::move(plan));
  }
  return ex;
}

absl::Status Executor::run(std::string_view name) {
  auto it = plans_.find(name);
  if (it == plans_.end()) {
    absl::StatusOr<const bundle::Function *> f = manifest_.requireFunction(name);
    return f.status();
  }
  for (const Planned &p : it->second) {
    absl::Status s = p.call();
    if (!s.ok())
      return absl::Status(s.code(), absl::StrCat(p.step->where, ": ", s.message()));
  }
  return absl::OkStatus();
}

std::string_view Executor::state() const {
  return std::string_view(reinterpret_cast<const char *>(arena_.base(Region::State)),
                          arena_.size(Region::State));
}

absl::Status Executor::loadState(std::string_view bytes) {
  if (bytes.size() != arena_.size(Region::State))
    return absl::InvalidArgumentError(absl::StrCat("state of ", bytes.size(),
                                                   " bytes for a state region of ",
                                                   arena_.size(Region::State)));
  if (!bytes.empty()) std::memcpy(arena_.base(Region::State), bytes.data(), bytes.size());
  return absl::OkStatus();
}

int64_t Executor::iterations() const {
  if (iterationsTensor_ < 0) return 0;
  int64_t v;
  std::memcpy(&v, data(iterationsTensor_), sizeof v);
  return v;
}

void Executor::setIterations(int64_t value) {
  if (iterationsTensor_ < 0) return;
  std::memcpy(data(iterationsTensor_), &value, sizeof value);
}

} // namespace dlc::rt::exec
