// convert-dlc-to-linalg patterns of the recurrent layers: an scf.for over
// time around linalg cell computations; the input projection of every step
// is one hoisted matmul.
#include "passes/linalg/Lowering.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

/// x [N, T, F] · kernel [F, G] + bias [G] for every step at once: [N, T, G].
Value projectInputs(OpBuilder &b, Location loc, Value x, Value kernel,
                    Value bias) {
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t n = xType.getDimSize(0), t = xType.getDimSize(1);
  int64_t g = cast<RankedTensorType>(kernel.getType()).getDimSize(1);
  Type elt = xType.getElementType();
  auto flatType = RankedTensorType::get({n * t, g}, elt);
  Value init =
      bias ? broadcastAlong(b, loc, bias, flatType, {0})
           : filledTensor(b, loc, flatType, constFloat(b, loc, elt, 0));
  Value y = matmul(b, loc, collapseToMatrix(b, loc, x), kernel, init);
  return expandFromMatrix(b, loc, y, RankedTensorType::get({n, t, g}, elt));
}

/// Columns [from, from + size) of a matrix.
Value columns(OpBuilder &b, Location loc, Value m, int64_t from, int64_t size) {
  auto type = cast<RankedTensorType>(m.getType());
  if (from == 0 && size == type.getDimSize(1))
    return m;
  return b.create<tensor::ExtractSliceOp>(
      loc, RankedTensorType::get({type.getDimSize(0), size}, type.getElementType()),
      m, ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(from)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(type.getDimSize(0)), b.getIndexAttr(size)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
}

/// A generic over (n, u) of an [N, U] state whose inputs are column blocks of
/// wider matrices: input i is columns [block * U, (block + 1) * U) of its
/// value (a slice, which bufferizes to a view).
SmallVector<Value> cellGeneric(OpBuilder &b, Location loc, int64_t n, int64_t u,
                               Type elt, ArrayRef<std::pair<Value, int64_t>> in,
                               int64_t outputs, const BodyFn &body,
                               ValueRange outs = {}) {
  SmallVector<AffineMap> maps;
  SmallVector<Value> inputs;
  for (auto [v, block] : in) {
    inputs.push_back(columns(b, loc, v, block * u, u));
    maps.push_back(b.getMultiDimIdentityMap(2));
  }
  auto stateType = RankedTensorType::get({n, u}, elt);
  SmallVector<Value> inits;
  SmallVector<Type> types(outputs, stateType);
  for (int64_t i = 0; i < outputs; ++i) {
    inits.push_back(i < int64_t(outs.size()) ? outs[i]
                                             : emptyTensor(b, loc, stateType));
    maps.push_back(b.getMultiDimIdentityMap(2));
  }
  auto generic = b.create<linalg::GenericOp>(
      loc, types, inputs, inits, maps,
      SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange a) {
        nb.create<linalg::YieldOp>(l, body(nb, l, a.take_front(inputs.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

/// One step: (projected input of this step [N, G], h, c) -> (h', c').
using StepFn = std::function<std::pair<Value, Value>(OpBuilder &, Location,
                                                     Value, Value, Value)>;

/// The scf.for over time shared by the three layers. Each step writes the
/// new state over the old (the cell generics take it as their init), so
/// one-shot bufferization keeps one state buffer across iterations.
Value recurrence(OpBuilder &b, Location loc, Value projected, int64_t units,
                 bool hasCell, bool returnSequences, bool goBackwards,
                 RankedTensorType resultType, const StepFn &step) {
  auto pType = cast<RankedTensorType>(projected.getType());
  int64_t n = pType.getDimSize(0), t = pType.getDimSize(1), g = pType.getDimSize(2);
  Type elt = pType.getElementType();
  auto stateType = RankedTensorType::get({n, units}, elt);
  Value zeros = filledTensor(b, loc, stateType, constFloat(b, loc, elt, 0));
  SmallVector<Value> inits = {zeros, zeros};
  if (returnSequences)
    inits.push_back(emptyTensor(b, loc, resultType));
  auto loop = b.create<scf::ForOp>(
      loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
      inits, [&](OpBuilder &nb, Location l, Value iv, ValueRange state) {
        Value at = iv;
        if (goBackwards)
          at = nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), iv);
        Value xt = nb.create<tensor::ExtractSliceOp>(
            l, RankedTensorType::get({n, g}, elt), projected,
            ArrayRef<OpFoldResult>{nb.getIndexAttr(0), at, nb.getIndexAttr(0)},
            ArrayRef<OpFoldResult>{nb.getIndexAttr(n), nb.getIndexAttr(1),
                                   nb.getIndexAttr(g)},
            ArrayRef<OpFoldResult>{nb.getIndexAttr(1), nb.getIndexAttr(1),
                                   nb.getIndexAttr(1)});
        auto [h, c] = step(nb, l, xt, state[0], state[1]);
        SmallVector<Value> next = {h, hasCell ? c : state[1]};
        if (returnSequences)
          next.push_back(nb.create<tensor::InsertSliceOp>(
              l, h, state[2],
              ArrayRef<OpFoldResult>{nb.getIndexAttr(0), iv, nb.getIndexAttr(0)},
              ArrayRef<OpFoldResult>{nb.getIndexAttr(n), nb.getIndexAttr(1),
                                     nb.getIndexAttr(units)},
              ArrayRef<OpFoldResult>{nb.getIndexAttr(1), nb.getIndexAttr(1),
                                     nb.getIndexAttr(1)}));
        nb.create<scf::YieldOp>(l, next);
      });
  return loop.getResult(returnSequences ? 2 : 0);
}

struct LSTMLowering : OpRewritePattern<LSTMOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LSTMOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rkType = cast<RankedTensorType>(op.getRecurrentKernel().getType());
    int64_t u = rkType.getDimSize(0);
    int64_t n = cast<RankedTensorType>(op.getInput().getType()).getDimSize(0);
    Type elt = rkType.getElementType();
    Activation act = op.getActivation(), rec = op.getRecurrentActivation();
    Value rk = op.getRecurrentKernel();
    Value xp = projectInputs(rewriter, loc, op.getInput(), op.getKernel(),
                             op.getBias());
    Value y = recurrence(
        rewriter, loc, xp, u, /*hasCell=*/true, op.getReturnSequences(),
        op.getGoBackwards(), cast<RankedTensorType>(op.getType()),
        [&](OpBuilder &b, Location l, Value xt, Value h, Value c) {
          Value z = matmul(b, l, h, rk, xt);
          auto out = cellGeneric(
              b, l, n, u, elt, {{z, 0}, {z, 1}, {z, 2}, {z, 3}, {c, 0}}, 2,
              [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                Value i = applyActivation(bb, ll, rec, a[0], 1.0);
                Value f = applyActivation(bb, ll, rec, a[1], 1.0);
                Value g = applyActivation(bb, ll, act, a[2], 1.0);
                Value o = applyActivation(bb, ll, rec, a[3], 1.0);
                Value cn = bb.create<arith::AddFOp>(
                    ll, bb.create<arith::MulFOp>(ll, f, a[4]),
                    bb.create<arith::MulFOp>(ll, i, g));
                Value hn = bb.create<arith::MulFOp>(
                    ll, o, applyActivation(bb, ll, act, cn, 1.0));
                return {hn, cn};
              },
              ValueRange{h, c});
          return std::make_pair(out[0], out[1]);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct SimpleRNNLowering : OpRewritePattern<SimpleRNNOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SimpleRNNOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rkType = cast<RankedTensorType>(op.getRecurrentKernel().getType());
    int64_t u = rkType.getDimSize(0);
    int64_t n = cast<RankedTensorType>(op.getInput().getType()).getDimSize(0);
    Type elt = rkType.getElementType();
    Activation act = op.getActivation();
    Value rk = op.getRecurrentKernel();
    Value xp = projectInputs(rewriter, loc, op.getInput(), op.getKernel(),
                             op.getBias());
    Value y = recurrence(
        rewriter, loc, xp, u, /*hasCell=*/false, op.getReturnSequences(),
        op.getGoBackwards(), cast<RankedTensorType>(op.getType()),
        [&](OpBuilder &b, Location l, Value xt, Value h, Value c) {
          Value z = matmul(b, l, h, rk, xt);
          Value hn = cellGeneric(b, l, n, u, elt, {{z, 0}}, 1,
                                 [&](OpBuilder &bb, Location ll,
                                     ValueRange a) -> SmallVector<Value> {
                                   return {applyActivation(bb, ll, act, a[0], 1.0)};
                                 },
                                 ValueRange{h})[0];
          return std::make_pair(hn, c);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct GRULowering : OpRewritePattern<GRUOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GRUOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rkType = cast<RankedTensorType>(op.getRecurrentKernel().getType());
    int64_t u = rkType.getDimSize(0);
    int64_t n = cast<RankedTensorType>(op.getInput().getType()).getDimSize(0);
    Type elt = rkType.getElementType();
    Activation act = op.getActivation(), rec = op.getRecurrentActivation();
    Value rk = op.getRecurrentKernel();
    bool resetAfter = op.getResetAfter();
    Value bias = op.getBias(), inputBias, recurrentBias;
    if (bias && resetAfter) {
      auto rowType = RankedTensorType::get({3 * u}, elt);
      auto row = [&](int64_t r) -> Value {
        return rewriter.create<tensor::ExtractSliceOp>(
            loc, rowType, bias,
            ArrayRef<OpFoldResult>{rewriter.getIndexAttr(r), rewriter.getIndexAttr(0)},
            ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), rewriter.getIndexAttr(3 * u)},
            ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1), rewriter.getIndexAttr(1)});
      };
      inputBias = row(0);
      recurrentBias = row(1);
    } else {
      inputBias = bias;
    }
    Value xp = projectInputs(rewriter, loc, op.getInput(), op.getKernel(),
                             inputBias);
    // h · Uk + rb starts from the recurrent bias (reset_after), hoisted.
    auto wideType = RankedTensorType::get({n, 3 * u}, elt);
    Value recInit;
    if (resetAfter)
      recInit = recurrentBias
                    ? broadcastAlong(rewriter, loc, recurrentBias, wideType, {0})
                    : filledTensor(rewriter, loc, wideType,
                                   constFloat(rewriter, loc, elt, 0));
    Value y = recurrence(
        rewriter, loc, xp, u, /*hasCell=*/false, op.getReturnSequences(),
        op.getGoBackwards(), cast<RankedTensorType>(op.getType()),
        [&](OpBuilder &b, Location l, Value xt, Value h, Value c) {
          auto finish = [&](OpBuilder &bb, Location ll, Value z, Value cand,
                            Value hPrev) -> Value {
            Value one = constFloat(bb, ll, elt, 1.0);
            return bb.create<arith::AddFOp>(
                ll, bb.create<arith::MulFOp>(ll, z, hPrev),
                bb.create<arith::MulFOp>(ll, bb.create<arith::SubFOp>(ll, one, z),
                                         cand));
          };
          Value hn;
          if (resetAfter) {
            Value hp = matmul(b, l, h, rk, recInit);
            hn = cellGeneric(
                b, l, n, u, elt,
                {{xt, 0}, {xt, 1}, {xt, 2}, {hp, 0}, {hp, 1}, {hp, 2}, {h, 0}}, 1,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value z = applyActivation(
                      bb, ll, rec, bb.create<arith::AddFOp>(ll, a[0], a[3]), 1.0);
                  Value r = applyActivation(
                      bb, ll, rec, bb.create<arith::AddFOp>(ll, a[1], a[4]), 1.0);
                  Value cand = applyActivation(
                      bb, ll, act,
                      bb.create<arith::AddFOp>(ll, a[2],
                                               bb.create<arith::MulFOp>(ll, r, a[5])),
                      1.0);
                  return {finish(bb, ll, z, cand, a[6])};
                },
                ValueRange{h})[0];
          } else {
            Value zr = matmul(b, l, h, columns(b, l, rk, 0, 2 * u),
                              columns(b, l, xt, 0, 2 * u));
            auto gates = cellGeneric(
                b, l, n, u, elt, {{zr, 0}, {zr, 1}, {h, 0}}, 2,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value z = applyActivation(bb, ll, rec, a[0], 1.0);
                  Value r = applyActivation(bb, ll, rec, a[1], 1.0);
                  return {z, bb.create<arith::MulFOp>(ll, r, a[2])};
                });
            Value hh = matmul(b, l, gates[1], columns(b, l, rk, 2 * u, u),
                              columns(b, l, xt, 2 * u, u));
            hn = cellGeneric(
                b, l, n, u, elt, {{gates[0], 0}, {hh, 0}, {h, 0}}, 1,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value cand = applyActivation(bb, ll, act, a[1], 1.0);
                  return {finish(bb, ll, a[0], cand, a[2])};
                },
                ValueRange{h})[0];
          }
          return std::make_pair(hn, c);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// [N, 1, W] slice of an [N, T, W] tensor at time `at`, rank-reduced to [N, W].
Value timeSlice(OpBuilder &b, Location loc, Value seq, Value at) {
  auto type = cast<RankedTensorType>(seq.getType());
  int64_t n = type.getDimSize(0), w = type.getDimSize(2);
  return b.create<tensor::ExtractSliceOp>(
      loc, RankedTensorType::get({n, w}, type.getElementType()), seq,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), at, b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(n), b.getIndexAttr(1),
                             b.getIndexAttr(w)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1)});
}

/// Writes `value` [N, W] into `seq` [N, T, W'] at time `at`, columns from
/// `column`.
Value insertTimeSlice(OpBuilder &b, Location loc, Value value, Value seq,
                      Value at, int64_t column = 0) {
  auto type = cast<RankedTensorType>(value.getType());
  return b.create<tensor::InsertSliceOp>(
      loc, value, seq,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), at, b.getIndexAttr(column)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(type.getDimSize(0)),
                             b.getIndexAttr(1),
                             b.getIndexAttr(type.getDimSize(1))},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1)});
}

/// Backpropagation through time for lstm (cell state) and simple_rnn.
/// The forward pass is recomputed, keeping per input position `at` the
/// gate pre-activations, h_{t-1} and c_{t-1}; the backward loop then walks
/// the steps in reverse and stores each step's gate gradient at `at`, so
/// the input, kernel, recurrent-kernel and bias gradients are each one
/// matmul (or reduction) over all steps after the loop.
struct BPTT {
  Value x, kernel, rk, bias, dy;
  Activation act, rec;
  bool lstm, returnSequences, goBackwards;

  SmallVector<Value> build(OpBuilder &b, Location loc) const {
    auto xType = cast<RankedTensorType>(x.getType());
    auto rkType = cast<RankedTensorType>(rk.getType());
    Type elt = xType.getElementType();
    int64_t n = xType.getDimSize(0), t = xType.getDimSize(1),
            f = xType.getDimSize(2);
    int64_t u = rkType.getDimSize(0), gu = rkType.getDimSize(1);
    auto stateType = RankedTensorType::get({n, u}, elt);
    auto seqType = RankedTensorType::get({n, t, u}, elt);
    auto gatesType = RankedTensorType::get({n, t, gu}, elt);
    Value zero = constFloat(b, loc, elt, 0);
    Value zeros = filledTensor(b, loc, stateType, zero);
    auto timeAt = [&](OpBuilder &nb, Location l, Value step) -> Value {
      return goBackwards ? nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), step)
                               .getResult()
                         : step;
    };

    // Forward, keeping what the backward needs.
    Value xp = projectInputs(b, loc, x, kernel, bias);
    auto fwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        ValueRange{zeros, zeros, emptyTensor(b, loc, gatesType),
                   emptyTensor(b, loc, seqType), emptyTensor(b, loc, seqType)},
        [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
          Value at = timeAt(nb, l, iv);
          Value h = st[0], c = st[1];
          Value z = matmul(nb, l, h, rk, timeSlice(nb, l, xp, at));
          Value pre = insertTimeSlice(nb, l, z, st[2], at);
          Value hp = insertTimeSlice(nb, l, h, st[3], at);
          Value cp = lstm ? insertTimeSlice(nb, l, c, st[4], at) : st[4];
          SmallVector<Value> next;
          if (lstm) {
            auto out = cellGeneric(
                nb, l, n, u, elt, {{z, 0}, {z, 1}, {z, 2}, {z, 3}, {c, 0}}, 2,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value i = applyActivation(bb, ll, rec, a[0], 1.0);
                  Value fg = applyActivation(bb, ll, rec, a[1], 1.0);
                  Value g = applyActivation(bb, ll, act, a[2], 1.0);
                  Value o = applyActivation(bb, ll, rec, a[3], 1.0);
                  Value cn = bb.create<arith::AddFOp>(
                      ll, bb.create<arith::MulFOp>(ll, fg, a[4]),
                      bb.create<arith::MulFOp>(ll, i, g));
                  return {bb.create<arith::MulFOp>(
                              ll, o, applyActivation(bb, ll, act, cn, 1.0)),
                          cn};
                },
                ValueRange{h, c});
            next = {out[0], out[1]};
          } else {
            next = {cellGeneric(nb, l, n, u, elt, {{z, 0}}, 1,
                                [&](OpBuilder &bb, Location ll,
                                    ValueRange a) -> SmallVector<Value> {
                                  return {applyActivation(bb, ll, act, a[0], 1.0)};
                                },
                                ValueRange{h})[0],
                    c};
          }
          next.append({pre, hp, cp});
          nb.create<scf::YieldOp>(l, next);
        });
    Value pre = fwd.getResult(2), hPrev = fwd.getResult(3),
          cPrev = fwd.getResult(4);

    // Backward over the steps in reverse.
    Value dyLast = returnSequences ? Value() : dy;
    auto bwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        ValueRange{zeros, zeros, emptyTensor(b, loc, gatesType)},
        [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
          Value step = nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), iv);
          Value at = timeAt(nb, l, step);
          // dh: from later steps, plus the result's gradient at this step.
          Value dh = st[0];
          if (returnSequences) {
            Value g = timeSlice(nb, l, dy, step);
            dh = elementwise(nb, l, stateType, ValueRange{dh, g},
                             [](OpBuilder &bb, Location ll,
                                ValueRange a) -> SmallVector<Value> {
                               return {bb.create<arith::AddFOp>(ll, a[0], a[1])};
                             })[0];
          } else {
            Value last = nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, iv,
                                                  constIndex(nb, l, 0));
            dh = nb.create<arith::SelectOp>(l, last, dyLast, dh);
          }
          Value z = timeSlice(nb, l, pre, at);
          Value dgAll = st[2];
          Value dcNext = st[1];
          if (lstm) {
            Value cp = timeSlice(nb, l, cPrev, at);
            auto d = cellGeneric(
                nb, l, n, u, elt,
                {{z, 0}, {z, 1}, {z, 2}, {z, 3}, {cp, 0}, {dh, 0}, {st[1], 0}}, 5,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value i = applyActivation(bb, ll, rec, a[0], 1.0);
                  Value fg = applyActivation(bb, ll, rec, a[1], 1.0);
                  Value g = applyActivation(bb, ll, act, a[2], 1.0);
                  Value o = applyActivation(bb, ll, rec, a[3], 1.0);
                  Value c = bb.create<arith::AddFOp>(
                      ll, bb.create<arith::MulFOp>(ll, fg, a[4]),
                      bb.create<arith::MulFOp>(ll, i, g));
                  Value dhv = a[5];
                  Value dc = bb.create<arith::AddFOp>(
                      ll, a[6],
                      bb.create<arith::MulFOp>(
                          ll, bb.create<arith::MulFOp>(ll, dhv, o),
                          activationDerivative(bb, ll, act, c, 1.0)));
                  auto mul3 = [&](Value p, Value q, Value r) -> Value {
                    return bb.create<arith::MulFOp>(
                        ll, bb.create<arith::MulFOp>(ll, p, q), r);
                  };
                  Value di = mul3(dc, g, activationDerivative(bb, ll, rec, a[0], 1.0));
                  Value df = mul3(dc, a[4], activationDerivative(bb, ll, rec, a[1], 1.0));
                  Value dg = mul3(dc, i, activationDerivative(bb, ll, act, a[2], 1.0));
                  Value dO = mul3(dhv, applyActivation(bb, ll, act, c, 1.0),
                                  activationDerivative(bb, ll, rec, a[3], 1.0));
                  return {bb.create<arith::MulFOp>(ll, dc, fg), di, df, dg, dO};
                },
                ValueRange{st[1]});
            for (int64_t k = 0; k < 4; ++k)
              dgAll = insertTimeSlice(nb, l, d[k + 1], dgAll, at, k * u);
            dcNext = d[0];
          } else {
            Value dz = cellGeneric(nb, l, n, u, elt, {{z, 0}, {dh, 0}}, 1,
                                   [&](OpBuilder &bb, Location ll,
                                       ValueRange a) -> SmallVector<Value> {
                                     return {bb.create<arith::MulFOp>(
                                         ll, a[1],
                                         activationDerivative(bb, ll, act, a[0], 1.0))};
                                   })[0];
            dgAll = insertTimeSlice(nb, l, dz, dgAll, at);
          }
          // dh_{t-1} = dg_t · rkᵀ
          Value dg = timeSlice(nb, l, dgAll, at);
          // Written over the carried dh (read above), so the loop keeps one
          // buffer for it.
          Value cleared =
              nb.create<linalg::FillOp>(l, zero, st[0]).getResult(0);
          Value dhPrev = nb.create<linalg::MatmulTransposeBOp>(
                               l, TypeRange{stateType}, ValueRange{dg, rk},
                               ValueRange{cleared})
                             .getResult(0);
          nb.create<scf::YieldOp>(l, ValueRange{dhPrev, dcNext, dgAll});
        });
    Value dgAll = collapseToMatrix(b, loc, bwd.getResult(2));
    auto mat = [&](int64_t r, int64_t c) { return RankedTensorType::get({r, c}, elt); };
    auto zerosOf = [&](RankedTensorType type) { return filledTensor(b, loc, type, zero); };
    Value dx = b.create<linalg::MatmulTransposeBOp>(
                    loc, TypeRange{mat(n * t, f)}, ValueRange{dgAll, kernel},
                    ValueRange{zerosOf(mat(n * t, f))})
                   .getResult(0);
    dx = expandFromMatrix(b, loc, dx, xType);
    Value dk = b.create<linalg::MatmulTransposeAOp>(
                    loc, TypeRange{mat(f, gu)},
                    ValueRange{collapseToMatrix(b, loc, x), dgAll},
                    ValueRange{zerosOf(mat(f, gu))})
                   .getResult(0);
    Value drk = b.create<linalg::MatmulTransposeAOp>(
                     loc, TypeRange{mat(u, gu)},
                     ValueRange{collapseToMatrix(b, loc, hPrev), dgAll},
                     ValueRange{zerosOf(mat(u, gu))})
                    .getResult(0);
    SmallVector<Value> grads = {dx, dk, drk};
    if (bias)
      grads.push_back(reduceAxes(
          b, loc, dgAll, {0}, zerosOf(RankedTensorType::get({gu}, elt)),
          [](OpBuilder &bb, Location l, ValueRange a) -> SmallVector<Value> {
            return {bb.create<arith::AddFOp>(l, a[0], a[1])};
          }));
    return grads;
  }
};

struct LSTMGradLowering : OpRewritePattern<LSTMGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LSTMGradOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), op.getResultGrad(), op.getActivation(),
              op.getRecurrentActivation(), /*lstm=*/true,
              op.getReturnSequences(), op.getGoBackwards()};
    rewriter.replaceOp(op, bptt.build(rewriter, op.getLoc()));
    return success();
  }
};

struct SimpleRNNGradLowering : OpRewritePattern<SimpleRNNGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SimpleRNNGradOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), op.getResultGrad(), op.getActivation(),
              Activation::linear, /*lstm=*/false, op.getReturnSequences(),
              op.getGoBackwards()};
    rewriter.replaceOp(op, bptt.build(rewriter, op.getLoc()));
    return success();
  }
};

} // namespace

void populateRNNLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<LSTMLowering, GRULowering, SimpleRNNLowering, LSTMGradLowering,
               SimpleRNNGradLowering>(patterns.getContext());
}

} // namespace dlc::linalg_lowering
