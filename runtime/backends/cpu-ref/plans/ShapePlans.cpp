// cpu-ref planners of the data-movement ops, add, reductions and embedding.
#include "runtime/backends/cpu-ref/PlanContext.h"

namespace dlc::rt::exec::detail {

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

} // namespace dlc::rt::exec::detail
