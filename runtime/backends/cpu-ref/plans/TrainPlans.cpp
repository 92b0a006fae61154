// cpu-ref planners of the loss, accuracy and optimizer updates.
#include "runtime/backends/cpu-ref/PlanContext.h"

namespace dlc::rt::exec::detail {

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


absl::StatusOr<Kernel> planIncrement(PlanCtx &c) {
  DLC_RT_RETURN_IF_ERROR(c.arity(1, 1));
  DLC_RT_RETURN_IF_ERROR(c.counter(c.in(0), "counter"));
  DLC_RT_RETURN_IF_ERROR(c.counter(c.out(0), "result"));
  const int64_t *in = c.p<int64_t>(c.in(0));
  int64_t *out = c.p<int64_t>(c.out(0));
  return Kernel([=]() -> absl::Status {
    *out = *in + 1;
    return absl::OkStatus();
  });
}

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

} // namespace dlc::rt::exec::detail
