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

} // namespace

void populateRNNLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<LSTMLowering, GRULowering, SimpleRNNLowering>(
      patterns.getContext());
}

} // namespace dlc::linalg_lowering
