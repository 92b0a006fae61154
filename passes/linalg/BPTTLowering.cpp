// convert-dlc-to-linalg patterns of backpropagation through time for lstm
// and simple_rnn, and of the recording pair dlc-fuse-lstm-step forms: the
// recording forward is the recompute of the gradient, run once.
#include "passes/linalg/Recurrent.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

/// Backpropagation through time for lstm (cell state) and simple_rnn.
/// The forward pass is recomputed (or, after dlc-fuse-lstm-step, recorded
/// by dlc.lstm_record), keeping per input position `at` the gate
/// pre-activations, h_{t-1} and c_{t-1}; the backward loop then walks
/// the steps in reverse and stores each step's gate gradient at `at`, so
/// the input, kernel, recurrent-kernel and bias gradients are each one
/// matmul (or reduction) over all steps after the loop.
struct BPTT {
  Value x, kernel, rk, bias, dy;
  Activation act, rec;
  bool lstm, returnSequences, goBackwards;
  /// Batch chunks (batchChunkRows): each forward and reverse time loop runs
  /// once per chunk of rows inside one scf.forall.
  bool parallel = false;

  /// What the forward pass keeps for the backward, by input position, and
  /// (when asked for) the layer's result.
  struct Tape {
    Value result, pre, hPrev, cPrev;
  };

  /// The shapes both halves use.
  struct Dims {
    RankedTensorType xType, stateType, seqType, gatesType;
    Type elt;
    int64_t n, t, f, u, gu;
  };
  Dims dims() const {
    auto xType = cast<RankedTensorType>(x.getType());
    auto rkType = cast<RankedTensorType>(rk.getType());
    Type elt = xType.getElementType();
    int64_t n = xType.getDimSize(0), t = xType.getDimSize(1);
    int64_t u = rkType.getDimSize(0), gu = rkType.getDimSize(1);
    return {xType,
            RankedTensorType::get({n, u}, elt),
            RankedTensorType::get({n, t, u}, elt),
            RankedTensorType::get({n, t, gu}, elt),
            elt, n, t, xType.getDimSize(2), u, gu};
  }

  /// The input position step `step` reads.
  Value timeAt(OpBuilder &b, Location loc, Value step) const {
    int64_t t = cast<RankedTensorType>(x.getType()).getDimSize(1);
    return goBackwards
               ? b.create<arith::SubIOp>(loc, constIndex(b, loc, t - 1), step).getResult()
               : step;
  }

  /// The recomputed gradient: forward, keeping the tape, then backward.
  SmallVector<Value> build(OpBuilder &b, Location loc) const {
    return backward(b, loc, forward(b, loc, /*withResult=*/false));
  }

  /// The forward recurrence, keeping the tape. With `withResult` it also
  /// returns the layer's result as the forward lowering computes it (h_T, or
  /// every h_t in step order with return_sequences).
  Tape forward(OpBuilder &b, Location loc, bool withResult) const {
    Dims d = dims();
    bool keepSequence = withResult && returnSequences;
    Value xp = projectInputs(b, loc, x, kernel, bias);
    SmallVector<Type> types = {d.gatesType, d.seqType, d.seqType};
    if (withResult)
      types.push_back(keepSequence ? d.seqType : d.stateType);
    SmallVector<Value> out = forEachBatchChunk(
        b, loc, batchChunkRows(d.n, parallel), xp, types,
        [&](OpBuilder &cb, Location cl, ValueRange rows) {
          return forwardLoop(cb, cl, rows[0], withResult);
        });
    Tape tape{Value(), out[0], out[1], out[2]};
    if (withResult)
      tape.result = out[3];
    return tape;
  }

  /// The forward time loop over the projected inputs `xp` of some rows (a
  /// batch chunk, or all): the tape (gate pre-activations, h_{t-1},
  /// c_{t-1}) and, with `withResult`, the layer's result for those rows.
  SmallVector<Value> forwardLoop(OpBuilder &b, Location loc, Value xp, bool withResult) const {
    Dims d = dims();
    Type elt = d.elt;
    int64_t n = cast<RankedTensorType>(xp.getType()).getDimSize(0), t = d.t, u = d.u;
    auto stateType = RankedTensorType::get({n, u}, elt);
    auto seqType = RankedTensorType::get({n, t, u}, elt);
    auto gatesType = RankedTensorType::get({n, t, d.gu}, elt);
    Value zero = constFloat(b, loc, elt, 0);
    Value zeros = filledTensor(b, loc, stateType, zero);
    bool keepSequence = withResult && returnSequences;
    SmallVector<Value> inits = {zeros, zeros, emptyTensor(b, loc, gatesType),
                                emptyTensor(b, loc, seqType),
                                emptyTensor(b, loc, seqType)};
    if (keepSequence)
      inits.push_back(emptyTensor(b, loc, seqType));
    auto fwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        inits, [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
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
          // The result sequence is in step order, as the forward lowering's.
          if (keepSequence)
            next.push_back(insertTimeSlice(nb, l, next[0], st[5], iv));
          nb.create<scf::YieldOp>(l, next);
        });
    SmallVector<Value> results = {fwd.getResult(2), fwd.getResult(3), fwd.getResult(4)};
    if (withResult)
      results.push_back(fwd.getResult(keepSequence ? 5 : 0));
    return results;
  }

  /// The reverse time loop over the tape of some rows (a batch chunk, or
  /// all): each step's gate gradients, stored at its input position
  /// ([n, t, gu]); dh and dc flow from step to step within the rows.
  Value reverseLoop(OpBuilder &b, Location loc, Value pre, Value cPrev, Value dy) const {
    Dims d = dims();
    Type elt = d.elt;
    int64_t n = cast<RankedTensorType>(pre.getType()).getDimSize(0), t = d.t, u = d.u;
    auto stateType = RankedTensorType::get({n, u}, elt);
    auto gatesType = RankedTensorType::get({n, t, d.gu}, elt);
    Value zero = constFloat(b, loc, elt, 0);
    Value zeros = filledTensor(b, loc, stateType, zero);
    // Backward over the steps in reverse.
    auto bwd = b.create<scf::ForOp>(
        loc, constIndex(b, loc, 0), constIndex(b, loc, t), constIndex(b, loc, 1),
        ValueRange{zeros, zeros, emptyTensor(b, loc, gatesType)},
        [&](OpBuilder &nb, Location l, Value iv, ValueRange st) {
          Value step = nb.create<arith::SubIOp>(l, constIndex(nb, l, t - 1), iv);
          Value at = timeAt(nb, l, step);
          // dh: from later steps, plus the result's gradient at this step.
          Value dh = hiddenGradAt(nb, l, iv, step, st[0], dy, returnSequences);
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
    return bwd.getResult(2);
  }

  /// The reverse loop over the tape and the weight products after it: the
  /// gradients of x, kernel, recurrent kernel and (with a bias) bias.
  SmallVector<Value> backward(OpBuilder &b, Location loc, const Tape &tape) const {
    Dims d = dims();
    RankedTensorType xType = d.xType;
    Type elt = d.elt;
    int64_t n = d.n, t = d.t, f = d.f, u = d.u, gu = d.gu;
    Value zero = constFloat(b, loc, elt, 0);
    Value gates = forEachBatchChunk(
        b, loc, batchChunkRows(n, parallel), ValueRange{tape.pre, tape.hPrev, tape.cPrev, dy},
        d.gatesType, [&](OpBuilder &cb, Location cl, ValueRange rows) -> SmallVector<Value> {
          return {reverseLoop(cb, cl, rows[0], rows[2], rows[3])};
        })[0];
    Value dgAll = collapseToMatrix(b, loc, gates);
    Value hPrev = tape.hPrev;
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
      grads.push_back(blockedSum(b, loc, dgAll, {0}, zerosOf(RankedTensorType::get({gu}, elt))));
    return grads;
  }
};


struct LSTMGradLowering : OpRewritePattern<LSTMGradOp> {
  LSTMGradLowering(MLIRContext *ctx, bool parallel) : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(LSTMGradOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), op.getResultGrad(), op.getActivation(),
              op.getRecurrentActivation(), /*lstm=*/true,
              op.getReturnSequences(), op.getGoBackwards()};
    bptt.parallel = parallel;
    rewriter.replaceOp(op, bptt.build(rewriter, op.getLoc()));
    return success();
  }
};

struct SimpleRNNGradLowering : OpRewritePattern<SimpleRNNGradOp> {
  SimpleRNNGradLowering(MLIRContext *ctx, bool parallel) : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(SimpleRNNGradOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), op.getResultGrad(), op.getActivation(),
              Activation::linear, /*lstm=*/false, op.getReturnSequences(),
              op.getGoBackwards()};
    bptt.parallel = parallel;
    rewriter.replaceOp(op, bptt.build(rewriter, op.getLoc()));
    return success();
  }
};

/// The forward recurrence that also writes the tape: the same loop as
/// lstm_grad's recompute, so the tape is bit for bit what that recomputes.
struct LSTMRecordLowering : OpRewritePattern<LSTMRecordOp> {
  LSTMRecordLowering(MLIRContext *ctx, bool parallel) : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(LSTMRecordOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), Value(), op.getActivation(),
              op.getRecurrentActivation(), /*lstm=*/true,
              op.getReturnSequences(), op.getGoBackwards()};
    bptt.parallel = parallel;
    BPTT::Tape tape = bptt.forward(rewriter, op.getLoc(), /*withResult=*/true);
    rewriter.replaceOp(op, ValueRange{tape.result, tape.pre, tape.hPrev, tape.cPrev});
    return success();
  }
};

struct LSTMGradRecordedLowering : OpRewritePattern<LSTMGradRecordedOp> {
  LSTMGradRecordedLowering(MLIRContext *ctx, bool parallel) : OpRewritePattern(ctx), parallel(parallel) {}
  bool parallel;
  LogicalResult matchAndRewrite(LSTMGradRecordedOp op,
                                PatternRewriter &rewriter) const override {
    BPTT bptt{op.getInput(), op.getKernel(), op.getRecurrentKernel(),
              op.getBias(), op.getResultGrad(), op.getActivation(),
              op.getRecurrentActivation(), /*lstm=*/true,
              op.getReturnSequences(), op.getGoBackwards()};
    bptt.parallel = parallel;
    BPTT::Tape tape{Value(), op.getGates(), op.getHPrev(), op.getCPrev()};
    rewriter.replaceOp(op, bptt.backward(rewriter, op.getLoc(), tape));
    return success();
  }
};

} // namespace

void populateBPTTLoweringPatterns(RewritePatternSet &patterns, bool parallel) {
  patterns.add<LSTMGradLowering, SimpleRNNGradLowering, LSTMRecordLowering,
               LSTMGradRecordedLowering>(patterns.getContext(), parallel);
}

} // namespace dlc::linalg_lowering
