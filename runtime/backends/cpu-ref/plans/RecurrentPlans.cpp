// cpu-ref planners of lstm, gru, simple_rnn and their backpropagation through time.
#include "runtime/backends/cpu-ref/PlanContext.h"

namespace dlc::rt::exec::detail {

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

} // namespace dlc::rt::exec::detail
