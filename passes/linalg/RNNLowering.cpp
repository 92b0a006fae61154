// convert-dlc-to-linalg patterns of the recurrent layers: an scf.for over
// time around linalg cell computations; the input projection of every step
// is one hoisted matmul.
#include "passes/linalg/Recurrent.h"

using namespace mlir;

namespace dlc::linalg_lowering {

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
                               ValueRange outs) {
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
                      Value at, int64_t column) {
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

int64_t batchChunkRows(int64_t batch, bool parallel) {
  if (!parallel)
    return 0;
  if (batch >= 64 && batch % 32 == 0)
    return 32;
  if (batch >= 16 && batch % 8 == 0)
    return 8;
  return 0;
}

SmallVector<Value>
forEachBatchChunk(OpBuilder &b, Location loc, int64_t chunkRows, ValueRange inputs,
                  TypeRange resultTypes,
                  function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  if (chunkRows == 0)
    return body(b, loc, inputs);
  int64_t batch = cast<RankedTensorType>(resultTypes.front()).getDimSize(0);
  SmallVector<Value> outs;
  for (Type t : resultTypes)
    outs.push_back(emptyTensor(b, loc, cast<RankedTensorType>(t)));
  auto forall = b.create<scf::ForallOp>(
      loc, ArrayRef<OpFoldResult>{b.getIndexAttr(batch / chunkRows)}, outs, std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value row = b.create<arith::MulIOp>(loc, forall.getInductionVar(0),
                                      constIndex(b, loc, chunkRows));
  // Rows [row, row + chunkRows) of a batch-major tensor, all of its other
  // dimensions.
  auto rowsOf = [&](RankedTensorType type) {
    SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0)), sizes,
        strides(type.getRank(), b.getIndexAttr(1));
    offsets[0] = row;
    for (int64_t d : type.getShape())
      sizes.push_back(b.getIndexAttr(d));
    sizes[0] = b.getIndexAttr(chunkRows);
    return std::make_tuple(offsets, sizes, strides);
  };
  SmallVector<Value> sliced;
  for (Value in : inputs) {
    auto [offsets, sizes, strides] = rowsOf(cast<RankedTensorType>(in.getType()));
    sliced.push_back(b.create<tensor::ExtractSliceOp>(loc, in, offsets, sizes, strides));
  }
  SmallVector<Value> results = body(b, loc, sliced);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  for (auto [result, shared] : llvm::zip(results, forall.getRegionIterArgs())) {
    auto [offsets, sizes, strides] = rowsOf(cast<RankedTensorType>(shared.getType()));
    b.create<tensor::ParallelInsertSliceOp>(loc, result, shared, offsets, sizes, strides);
  }
  return SmallVector<Value>(forall.getResults());
}

Value hiddenGradAt(OpBuilder &b, Location loc, Value iv, Value step, Value dhNext,
                   Value dy, bool returnSequences) {
  if (returnSequences) {
    Value g = timeSlice(b, loc, dy, step);
    return elementwise(b, loc, dhNext.getType(), ValueRange{dhNext, g},
                       [](OpBuilder &bb, Location l, ValueRange a) -> SmallVector<Value> {
                         return {bb.create<arith::AddFOp>(l, a[0], a[1])};
                       })[0];
  }
  // An elementwise choice rather than a select of whole tensors: a select
  // of buffers would be host code deciding between two device buffers.
  Value last = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, iv, constIndex(b, loc, 0));
  return elementwise(b, loc, dhNext.getType(), ValueRange{dy, dhNext},
                     [last](OpBuilder &bb, Location l, ValueRange a) -> SmallVector<Value> {
                       return {bb.create<arith::SelectOp>(l, last, a[0], a[1])};
                     })[0];
}


namespace {

/// One step: (projected input of this step [N, G], h, c) -> (h', c').
using StepFn = std::function<std::pair<Value, Value>(OpBuilder &, Location,
                                                     Value, Value, Value)>;

/// The scf.for over time shared by the three layers. Each step writes the
/// new state over the old (the cell generics take it as their init), so
/// one-shot bufferization keeps one state buffer across iterations.
Value recurrence(OpBuilder &b, Location loc, Value projected, int64_t units,
                 bool hasCell, bool returnSequences, bool goBackwards,
                 RankedTensorType fullResultType, const StepFn &step) {
  auto pType = cast<RankedTensorType>(projected.getType());
  int64_t n = pType.getDimSize(0), t = pType.getDimSize(1), g = pType.getDimSize(2);
  Type elt = pType.getElementType();
  // The rows of this call (a batch chunk's, or all).
  SmallVector<int64_t> resultShape(fullResultType.getShape());
  resultShape[0] = n;
  auto resultType = RankedTensorType::get(resultShape, elt);
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
  LSTMLowering(MLIRContext *ctx, bool parallel) : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(LSTMOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rkType = cast<RankedTensorType>(op.getRecurrentKernel().getType());
    int64_t u = rkType.getDimSize(0);
    Type elt = rkType.getElementType();
    Activation act = op.getActivation(), rec = op.getRecurrentActivation();
    Value rk = op.getRecurrentKernel();
    Value xp = projectInputs(rewriter, loc, op.getInput(), op.getKernel(),
                             op.getBias());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t chunk = batchChunkRows(resultType.getDimSize(0), parallel);
    Value y = forEachBatchChunk(
        rewriter, loc, chunk, xp, resultType,
        [&](OpBuilder &cb, Location cl, ValueRange rows) -> SmallVector<Value> {
          return {recurrence(
        cb, cl, rows[0], u, /*hasCell=*/true, op.getReturnSequences(),
        op.getGoBackwards(), resultType,
        [&](OpBuilder &b, Location l, Value xt, Value h, Value c) {
          int64_t n = cast<RankedTensorType>(h.getType()).getDimSize(0);
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
        })};
        })[0];
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct SimpleRNNLowering : OpRewritePattern<SimpleRNNOp> {
  SimpleRNNLowering(MLIRContext *ctx, bool parallel)
      : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(SimpleRNNOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto rkType = cast<RankedTensorType>(op.getRecurrentKernel().getType());
    int64_t u = rkType.getDimSize(0);
    Type elt = rkType.getElementType();
    Activation act = op.getActivation();
    Value rk = op.getRecurrentKernel();
    Value xp = projectInputs(rewriter, loc, op.getInput(), op.getKernel(),
                             op.getBias());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t chunk = batchChunkRows(resultType.getDimSize(0), parallel);
    Value y = forEachBatchChunk(
        rewriter, loc, chunk, xp, resultType,
        [&](OpBuilder &cb, Location cl, ValueRange rows) -> SmallVector<Value> {
          return {recurrence(
        cb, cl, rows[0], u, /*hasCell=*/false, op.getReturnSequences(),
        op.getGoBackwards(), resultType,
        [&](OpBuilder &b, Location l, Value xt, Value h, Value c) {
          int64_t n = cast<RankedTensorType>(h.getType()).getDimSize(0);
          Value z = matmul(b, l, h, rk, xt);
          Value hn = cellGeneric(b, l, n, u, elt, {{z, 0}}, 1,
                                 [&](OpBuilder &bb, Location ll,
                                     ValueRange a) -> SmallVector<Value> {
                                   return {applyActivation(bb, ll, act, a[0], 1.0)};
                                 },
                                 ValueRange{h})[0];
          return std::make_pair(hn, c);
        })};
        })[0];
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

/// matmul of [N, K] by the transpose of [M, K] into zeros: [N, M].
Value matmulNT(OpBuilder &b, Location loc, Value lhs, Value rhs, Value init) {
  return b.create<linalg::MatmulTransposeBOp>(loc, TypeRange{init.getType()},
                                              ValueRange{lhs, rhs},
                                              ValueRange{init})
      .getResult(0);
}
Value matmulTN(OpBuilder &b, Location loc, Value lhs, Value rhs, Value init) {
  return b.create<linalg::MatmulTransposeAOp>(loc, TypeRange{init.getType()},
                                              ValueRange{lhs, rhs},
                                              ValueRange{init})
      .getResult(0);
}

/// Columns [from, from + size) of an [N, T, W] tensor.
Value seqColumns(OpBuilder &b, Location loc, Value seq, int64_t from,
                 int64_t size) {
  auto type = cast<RankedTensorType>(seq.getType());
  int64_t n = type.getDimSize(0), t = type.getDimSize(1);
  return b.create<tensor::ExtractSliceOp>(
      loc, RankedTensorType::get({n, t, size}, type.getElementType()), seq,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(0),
                             b.getIndexAttr(from)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(n), b.getIndexAttr(t),
                             b.getIndexAttr(size)},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1)});
}

/// Backpropagation through time for dlc.gru (both candidate forms), as the
/// reference kernel: the forward keeps per step the pre-activations
/// [z, r, candidate], h_{t-1} and aux (r * h_{t-1}, or h_{t-1} · Uk_h + rb_h
/// with reset_after); the reverse loop stores the gate gradients (and, with
/// reset_after, those of h · Uk + rb), and the weight gradients are matmuls
/// over all steps after it.
struct GRUBPTT {
  Value x, kernel, rk, bias, dy;
  Activation act, rec;
  bool returnSequences, goBackwards, resetAfter;

  SmallVector<Value> build(OpBuilder &b, Location loc) const {
    auto xType = cast<RankedTensorType>(x.getType());
    Type elt = xType.getElementType();
    int64_t n = xType.getDimSize(0), t = xType.getDimSize(1),
            f = xType.getDimSize(2);
    int64_t u = cast<RankedTensorType>(rk.getType()).getDimSize(0), gu = 3 * u;
    auto stateType = RankedTensorType::get({n, u}, elt);
    auto wideType = RankedTensorType::get({n, gu}, elt);
    auto seqType = RankedTensorType::get({n, t, u}, elt);
    auto gatesType = RankedTensorType::get({n, t, gu}, elt);
    auto mat = [&](int64_t r, int64_t c) { return RankedTensorType::get({r, c}, elt); };
    Value zero = constFloat(b, loc, elt, 0);
    auto zerosOf = [&](OpBuilder &bb, Location l, RankedTensorType type) {
      return filledTensor(bb, l, type, zero);
    };
    auto timeAt = [&](OpBuilder &nb, Location l, Value step) -> Value {
      return goBackwards ? nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), step)
                               .getResult()
                         : step;
    };
    auto rowOf = [&](int64_t r) -> Value {
      return b.create<tensor::ExtractSliceOp>(
          loc, RankedTensorType::get({gu}, elt), bias,
          ArrayRef<OpFoldResult>{b.getIndexAttr(r), b.getIndexAttr(0)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(gu)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
    };
    Value inputBias = bias && resetAfter ? rowOf(0) : bias;
    Value recInit;
    if (resetAfter)
      recInit = bias && resetAfter ? broadcastAlong(b, loc, rowOf(1), wideType, {0})
                                   : zerosOf(b, loc, wideType);

    Value xp = projectInputs(b, loc, x, kernel, inputBias);
    auto fwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        ValueRange{zerosOf(b, loc, stateType), emptyTensor(b, loc, gatesType),
                   emptyTensor(b, loc, seqType), emptyTensor(b, loc, seqType)},
        [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
          Value at = timeAt(nb, l, iv);
          Value h = st[0];
          Value xt = timeSlice(nb, l, xp, at);
          Value hp = insertTimeSlice(nb, l, h, st[3], at);
          Value pre = st[1], auxSeq = st[2], hn;
          auto finish = [&](OpBuilder &bb, Location ll, Value zPre, Value cPre,
                            Value hPrev) -> Value {
            Value z = applyActivation(bb, ll, rec, zPre, 1.0);
            Value cand = applyActivation(bb, ll, act, cPre, 1.0);
            Value one = constFloat(bb, ll, elt, 1.0);
            return bb.create<arith::AddFOp>(
                ll, bb.create<arith::MulFOp>(ll, z, hPrev),
                bb.create<arith::MulFOp>(ll, bb.create<arith::SubFOp>(ll, one, z),
                                         cand));
          };
          if (resetAfter) {
            Value hpr = matmul(nb, l, h, rk, recInit);
            // (z pre, r pre, candidate pre, aux, h')
            auto o = cellGeneric(
                nb, l, n, u, elt,
                {{xt, 0}, {xt, 1}, {xt, 2}, {hpr, 0}, {hpr, 1}, {hpr, 2}, {h, 0}}, 5,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value pz = bb.create<arith::AddFOp>(ll, a[0], a[3]);
                  Value pr = bb.create<arith::AddFOp>(ll, a[1], a[4]);
                  Value r = applyActivation(bb, ll, rec, pr, 1.0);
                  Value pc = bb.create<arith::AddFOp>(
                      ll, a[2], bb.create<arith::MulFOp>(ll, r, a[5]));
                  return {finish(bb, ll, pz, pc, a[6]), pz, pr, pc, a[5]};
                },
                ValueRange{h});
            hn = o[0];
            for (int64_t k = 0; k < 3; ++k)
              pre = insertTimeSlice(nb, l, o[k + 1], pre, at, k * u);
            auxSeq = insertTimeSlice(nb, l, o[4], auxSeq, at);
          } else {
            Value zr = matmul(nb, l, h, columns(nb, l, rk, 0, 2 * u),
                              columns(nb, l, xt, 0, 2 * u));
            Value rh = cellGeneric(
                nb, l, n, u, elt, {{zr, 1}, {h, 0}}, 1,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  return {bb.create<arith::MulFOp>(
                      ll, applyActivation(bb, ll, rec, a[0], 1.0), a[1])};
                })[0];
            Value pc = matmul(nb, l, rh, columns(nb, l, rk, 2 * u, u),
                              columns(nb, l, xt, 2 * u, u));
            hn = cellGeneric(
                nb, l, n, u, elt, {{zr, 0}, {pc, 0}, {h, 0}}, 1,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  return {finish(bb, ll, a[0], a[1], a[2])};
                },
                ValueRange{h})[0];
            pre = insertTimeSlice(nb, l, zr, pre, at);
            pre = insertTimeSlice(nb, l, pc, pre, at, 2 * u);
            auxSeq = insertTimeSlice(nb, l, rh, auxSeq, at);
          }
          nb.create<scf::YieldOp>(l, ValueRange{hn, pre, auxSeq, hp});
        });
    Value pre = fwd.getResult(1), aux = fwd.getResult(2), hPrev = fwd.getResult(3);

    SmallVector<Value> bwdInits = {zerosOf(b, loc, stateType),
                                   emptyTensor(b, loc, gatesType)};
    if (resetAfter)
      bwdInits.push_back(emptyTensor(b, loc, gatesType));
    auto bwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        bwdInits, [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
          Value step = nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), iv);
          Value at = timeAt(nb, l, step);
          Value dh = hiddenGradAt(nb, l, iv, step, st[0], dy, returnSequences);
          Value p = timeSlice(nb, l, pre, at);
          Value hpv = timeSlice(nb, l, hPrev, at);
          Value auxv = timeSlice(nb, l, aux, at);
          // d z, d candidate, and dh_{t-1} through z * h_{t-1}.
          auto d = cellGeneric(
              nb, l, n, u, elt, {{p, 0}, {p, 2}, {hpv, 0}, {dh, 0}}, 3,
              [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                Value z = applyActivation(bb, ll, rec, a[0], 1.0);
                Value hh = applyActivation(bb, ll, act, a[1], 1.0);
                Value one = constFloat(bb, ll, elt, 1.0);
                Value dz = bb.create<arith::MulFOp>(
                    ll,
                    bb.create<arith::MulFOp>(ll, a[3],
                                             bb.create<arith::SubFOp>(ll, a[2], hh)),
                    activationDerivative(bb, ll, rec, a[0], 1.0));
                Value dc = bb.create<arith::MulFOp>(
                    ll,
                    bb.create<arith::MulFOp>(ll, a[3],
                                             bb.create<arith::SubFOp>(ll, one, z)),
                    activationDerivative(bb, ll, act, a[1], 1.0));
                return {bb.create<arith::MulFOp>(ll, a[3], z), dz, dc};
              },
              ValueRange{st[0]});
          Value dhPrev = d[0], dz = d[1], dc = d[2];
          Value dgAll = insertTimeSlice(nb, l, dz, st[1], at);
          dgAll = insertTimeSlice(nb, l, dc, dgAll, at, 2 * u);
          SmallVector<Value> next;
          if (!resetAfter) {
            Value dReset = matmulNT(nb, l, dc, columns(nb, l, rk, 2 * u, u),
                                    zerosOf(nb, l, stateType));
            auto r = cellGeneric(
                nb, l, n, u, elt, {{dReset, 0}, {hpv, 0}, {p, 1}, {dhPrev, 0}}, 2,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value dr = bb.create<arith::MulFOp>(
                      ll, bb.create<arith::MulFOp>(ll, a[0], a[1]),
                      activationDerivative(bb, ll, rec, a[2], 1.0));
                  Value dhp = bb.create<arith::AddFOp>(
                      ll, a[3],
                      bb.create<arith::MulFOp>(
                          ll, a[0], applyActivation(bb, ll, rec, a[2], 1.0)));
                  return {dhp, dr};
                },
                ValueRange{dhPrev});
            dgAll = insertTimeSlice(nb, l, r[1], dgAll, at, u);
            Value dzr = columns(nb, l, timeSlice(nb, l, dgAll, at), 0, 2 * u);
            next = {matmulNT(nb, l, dzr, columns(nb, l, rk, 0, 2 * u), r[0]), dgAll};
          } else {
            auto r = cellGeneric(
                nb, l, n, u, elt, {{dc, 0}, {auxv, 0}, {p, 1}}, 2,
                [&](OpBuilder &bb, Location ll, ValueRange a) -> SmallVector<Value> {
                  Value dr = bb.create<arith::MulFOp>(
                      ll, bb.create<arith::MulFOp>(ll, a[0], a[1]),
                      activationDerivative(bb, ll, rec, a[2], 1.0));
                  return {dr, bb.create<arith::MulFOp>(
                                  ll, a[0], applyActivation(bb, ll, rec, a[2], 1.0))};
                });
            dgAll = insertTimeSlice(nb, l, r[0], dgAll, at, u);
            Value inner = insertTimeSlice(nb, l, dz, st[2], at);
            inner = insertTimeSlice(nb, l, r[0], inner, at, u);
            inner = insertTimeSlice(nb, l, r[1], inner, at, 2 * u);
            Value di = timeSlice(nb, l, inner, at);
            next = {matmulNT(nb, l, di, rk, dhPrev), dgAll, inner};
          }
          nb.create<scf::YieldOp>(l, next);
        });

    Value dgAll = collapseToMatrix(b, loc, bwd.getResult(1));
    Value dx = expandFromMatrix(
        b, loc, matmulNT(b, loc, dgAll, kernel, zerosOf(b, loc, mat(n * t, f))),
        xType);
    Value dk = matmulTN(b, loc, collapseToMatrix(b, loc, x), dgAll,
                        zerosOf(b, loc, mat(f, gu)));
    Value hFlat = collapseToMatrix(b, loc, hPrev);
    Value drk;
    if (resetAfter) {
      drk = matmulTN(b, loc, hFlat, collapseToMatrix(b, loc, bwd.getResult(2)),
                     zerosOf(b, loc, mat(u, gu)));
    } else {
      Value zr = matmulTN(b, loc, hFlat,
                          collapseToMatrix(b, loc, seqColumns(b, loc, bwd.getResult(1), 0, 2 * u)),
                          zerosOf(b, loc, mat(u, 2 * u)));
      Value hh = matmulTN(b, loc, collapseToMatrix(b, loc, aux),
                          collapseToMatrix(b, loc, seqColumns(b, loc, bwd.getResult(1), 2 * u, u)),
                          zerosOf(b, loc, mat(u, u)));
      drk = emptyTensor(b, loc, mat(u, gu));
      auto put = [&](Value part, int64_t col, int64_t width) {
        drk = b.create<tensor::InsertSliceOp>(
            loc, part, drk,
            ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(col)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(u), b.getIndexAttr(width)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
      };
      put(zr, 0, 2 * u);
      put(hh, 2 * u, u);
    }
    SmallVector<Value> grads = {dx, dk, drk};
    if (bias) {
      auto sumRows = [&](Value m) {
        return blockedSum(b, loc, m, {0}, zerosOf(b, loc, RankedTensorType::get({gu}, elt)));
      };
      Value db = sumRows(dgAll);
      if (resetAfter) {
        Value both = emptyTensor(b, loc, mat(2, gu));
        Value rows[2] = {db, sumRows(collapseToMatrix(b, loc, bwd.getResult(2)))};
        for (int64_t r = 0; r < 2; ++r)
          both = b.create<tensor::InsertSliceOp>(
              loc, rows[r], both,
              ArrayRef<OpFoldResult>{b.getIndexAttr(r), b.getIndexAttr(0)},
              ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(gu)},
              ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
        db = both;
      }
      grads.push_back(db);
    }
    return grads;
  }
};

struct GRUGradLowering : OpRewritePattern<GRUGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(GRUGradOp op,
                                PatternRewriter &rewriter) const override {
    GRUBPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
                 op.getBias(), op.getResultGrad(), op.getActivation(),
                 op.getRecurrentActivation(), op.getReturnSequences(),
                 op.getGoBackwards(), op.getResetAfter()};
    rewriter.replaceOp(op, bptt.build(rewriter, op.getLoc()));
    return success();
  }
};

} // namespace

void populateRNNLoweringPatterns(RewritePatternSet &patterns,
                                 const LoweringOptions &options) {
  patterns.add<GRULowering, GRUGradLowering>(patterns.getContext());
  patterns.add<LSTMLowering, SimpleRNNLowering>(patterns.getContext(), options.parallelChunks);
  populateBPTTLoweringPatterns(patterns, options.parallelChunks);
}

} // namespace dlc::linalg_lowering
