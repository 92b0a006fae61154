// What the cpu-ref backend's op planners share: the planning context, the
// typed helpers, and one planning function per op kind (runtime/backends/cpu-ref/plans/).
#ifndef DLC_RUNTIME_BACKENDS_CPUREF_PLANCONTEXT_H
#define DLC_RUNTIME_BACKENDS_CPUREF_PLANCONTEXT_H

#include "runtime/backends/cpu-ref/RefBackend.h"

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

namespace dlc::rt::exec::detail {


using bundle::DType;
using bundle::Manifest;
using bundle::Region;
using bundle::Step;
using bundle::TensorDesc;
namespace k = dlc::rt::kernels;

using Kernel = std::function<absl::Status()>;


inline std::string shapeStr(const std::vector<int64_t> &shape) {
  return absl::StrCat("[", absl::StrJoin(shape, ", "), "]");
}

inline int64_t product(const std::vector<int64_t> &dims, size_t begin, size_t end) {
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

inline absl::StatusOr<k::Activation> activationAttr(const PlanCtx &c, const char *name,
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

inline absl::StatusOr<k::Padding> paddingAttr(const PlanCtx &c) {
  const bundle::Attrs &a = c.step.attrs;
  if (!a.has("padding")) return c.error("missing attribute 'padding'");
  const auto &v = a.json().at("padding");
  if (v.is_string() && v.get<std::string>() == "valid") return k::Padding::Valid;
  if (v.is_string() && v.get<std::string>() == "same") return k::Padding::Same;
  if (v.is_number_integer() && (v.get<int64_t>() == 0 || v.get<int64_t>() == 1))
    return k::Padding(v.get<int64_t>());
  return c.error("attribute 'padding' must be \"valid\" or \"same\"");
}

inline absl::StatusOr<std::array<int64_t, 2>> pairAttr(const PlanCtx &c, const char *name,
                                                std::vector<int64_t> fallback) {
  DLC_RT_ASSIGN_OR_RETURN(std::vector<int64_t> v, c.step.attrs.getInts(name, fallback));
  if (v.size() != 2)
    return c.error(absl::StrCat("attribute '", name, "' must have 2 values, got ", v.size()));
  return std::array<int64_t, 2>{v[0], v[1]};
}

inline absl::StatusOr<int64_t> axisAttr(const PlanCtx &c, const char *name, int64_t fallback,
                                 size_t rank) {
  DLC_RT_ASSIGN_OR_RETURN(int64_t axis, c.step.attrs.getInt(name, fallback));
  const int64_t r = int64_t(rank);
  if (axis < -r || axis >= r)
    return c.error(absl::StrCat("attribute '", name, "' = ", axis, " out of range for rank ", r));
  return axis < 0 ? axis + r : axis;
}

inline Kernel copyKernel(uint8_t *dst, const uint8_t *src, size_t n) {
  if (dst == src || n == 0) return [] { return absl::OkStatus(); };
  return [=] {
    std::memmove(dst, src, n);
    return absl::OkStatus();
  };
}

inline absl::Status unimplemented(const PlanCtx &c, const std::string &why = "") {
  return absl::UnimplementedError(absl::StrCat(c.step.where, ": op ", c.step.op,
                                               " has no cpu-ref kernel yet", why));
}

//===-- NN ops -------------------------------------------------------------===//

// One planner per op kind; each checks the step's tensors and returns the
// kernel call that runs it.
absl::StatusOr<Kernel> planDense(PlanCtx &c);
absl::StatusOr<Kernel> planDenseGrad(PlanCtx &c, bool wrtInput);
absl::StatusOr<Kernel> planConv2D(PlanCtx &c);
absl::StatusOr<Kernel> planConv2DGrad(PlanCtx &c, bool wrtInput);
absl::StatusOr<Kernel> planPool(PlanCtx &c, bool max);
absl::StatusOr<Kernel> planPoolGrad(PlanCtx &c, bool max);
absl::StatusOr<Kernel> planActivation(PlanCtx &c);
absl::StatusOr<Kernel> planActivationGrad(PlanCtx &c);
absl::StatusOr<Kernel> planPReLU(PlanCtx &c, bool grad);
absl::StatusOr<Kernel> planSoftmax(PlanCtx &c, bool grad);
absl::StatusOr<Kernel> planDropout(PlanCtx &c);
absl::StatusOr<Kernel> planReshape(PlanCtx &c, bool flatten);
absl::StatusOr<Kernel> planTranspose(PlanCtx &c);
absl::StatusOr<Kernel> planAdd(PlanCtx &c);
absl::StatusOr<Kernel> planConcatenate(PlanCtx &c);
absl::StatusOr<Kernel> planRepeatVector(PlanCtx &c);
absl::StatusOr<Kernel> planReduceSum(PlanCtx &c);
absl::StatusOr<Kernel> planSlice(PlanCtx &c);
absl::StatusOr<Kernel> planEmbedding(PlanCtx &c, bool grad);
enum class Cell { Lstm, Gru, SimpleRnn };
absl::StatusOr<Kernel> planRecurrent(PlanCtx &c, Cell cell, bool grad);
enum class LossOp { Loss, Grad, Accuracy };
absl::StatusOr<Kernel> planLoss(PlanCtx &c, LossOp op);
enum class Opt { Sgd, Rmsprop, Adadelta, Adam };
absl::StatusOr<Kernel> planIncrement(PlanCtx &c);
absl::StatusOr<Kernel> planOptimizer(PlanCtx &c, Opt opt);

} // namespace dlc::rt::exec::detail

#endif // DLC_RUNTIME_BACKENDS_CPUREF_PLANCONTEXT_H
