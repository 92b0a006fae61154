// convert-dlc-to-linalg patterns of the training ops: cross-entropy and its
// gradient, accuracy, and the optimizer updates (element-wise generics).
#include "passes/linalg/Lowering.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

bool sparseLabels(Value labels) {
  return isa<IntegerType>(cast<RankedTensorType>(labels.getType()).getElementType());
}

/// cf.assert that an integer label is a class: a label outside [0, C) is a
/// run-time error, as in the reference kernels.
void assertClass(OpBuilder &b, Location loc, Value label, int64_t classes,
                 StringRef what) {
  Value zero = b.create<arith::ConstantOp>(loc, b.getIntegerAttr(label.getType(), 0));
  Value count = b.create<arith::ConstantOp>(
      loc, b.getIntegerAttr(label.getType(), classes));
  Value ok = b.create<arith::AndIOp>(
      loc, b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, label, zero),
      b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, label, count));
  b.create<cf::AssertOp>(loc, ok,
                         (what + ": label outside [0, " + Twine(classes) + ")")
                             .str());
}

/// The label weight of class `j` (column index 1) for one element.
Value targetOf(OpBuilder &b, Location loc, Value label, Type elt,
               int64_t classes) {
  if (!isa<IntegerType>(label.getType()))
    return label;
  assertClass(b, loc, label, classes, "dlc.categorical_crossentropy");
  Value j = b.create<arith::IndexCastOp>(loc, label.getType(),
                                         b.create<linalg::IndexOp>(loc, 1));
  Value hit = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, j, label);
  return b.create<arith::SelectOp>(loc, hit, constFloat(b, loc, elt, 1.0),
                                   constFloat(b, loc, elt, 0.0));
}

/// Maps for (probs [N, C], labels [N, C] or [N]) over (n, c).
AffineMap labelMap(OpBuilder &b, Value labels) {
  MLIRContext *ctx = b.getContext();
  if (sparseLabels(labels))
    return AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
  return b.getMultiDimIdentityMap(2);
}

/// Per-row sums of the probabilities, [N].
Value rowSums(OpBuilder &b, Location loc, Value probs) {
  auto type = cast<RankedTensorType>(probs.getType());
  Type elt = type.getElementType();
  return reduceAxes(
      b, loc, probs, {1},
      filledTensor(b, loc, RankedTensorType::get({type.getDimSize(0)}, elt),
                   constFloat(b, loc, elt, 0)),
      [](OpBuilder &bb, Location l, ValueRange a) -> SmallVector<Value> {
        return {bb.create<arith::AddFOp>(l, a[0], a[1])};
      });
}

struct CrossentropyLowering : OpRewritePattern<CategoricalCrossentropyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CategoricalCrossentropyOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value probs = op.getProbs(), labels = op.getLabels();
    auto pType = cast<RankedTensorType>(probs.getType());
    Type elt = pType.getElementType();
    int64_t rows = pType.getDimSize(0);
    Value sums = rowSums(rewriter, loc, probs);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap rowMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    auto rowType = RankedTensorType::get({rows}, elt);
    // Per-row loss: -sum_j t_j log(clip(p_j / sum)), skipping t_j == 0.
    auto perRow = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{rowType}, ValueRange{probs, labels, sums},
        ValueRange{filledTensor(rewriter, loc, rowType,
                                constFloat(rewriter, loc, elt, 0))},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(2),
                               labelMap(rewriter, labels), rowMap, rowMap},
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value t = targetOf(b, l, a[1], elt, pType.getDimSize(1));
          Value q = b.create<arith::DivFOp>(l, a[0], a[2]);
          q = b.create<arith::MaximumFOp>(l, q, constFloat(b, l, elt, 1e-7));
          q = b.create<arith::MinimumFOp>(
              l, q, b.create<arith::SubFOp>(l, constFloat(b, l, elt, 1.0),
                                            constFloat(b, l, elt, 1e-7)));
          Value term = b.create<arith::MulFOp>(l, t, b.create<math::LogOp>(l, q));
          Value nonzero = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE,
                                                  t, constFloat(b, l, elt, 0));
          Value next = b.create<arith::SubFOp>(l, a[3], term);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, nonzero, next, a[3])});
        });
    auto scalar = RankedTensorType::get({}, elt);
    Value total = reduceAxes(
        rewriter, loc, perRow.getResult(0), {0},
        filledTensor(rewriter, loc, scalar, constFloat(rewriter, loc, elt, 0)),
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::AddFOp>(l, a[1], a[0])};
        });
    Value mean = elementwise(
        rewriter, loc, scalar, total,
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::DivFOp>(l, a[0],
                                          constFloat(b, l, elt, double(rows)))};
        })[0];
    rewriter.replaceOp(op, mean);
    return success();
  }
};

struct CrossentropyGradLowering
    : OpRewritePattern<CategoricalCrossentropyGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CategoricalCrossentropyGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value probs = op.getProbs(), labels = op.getLabels();
    auto pType = cast<RankedTensorType>(probs.getType());
    Type elt = pType.getElementType();
    int64_t rows = pType.getDimSize(0);
    Value sums = rowSums(rewriter, loc, probs);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap rowMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{pType}, ValueRange{probs, labels, sums},
        ValueRange{emptyTensor(rewriter, loc, pType)},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(2),
                               labelMap(rewriter, labels), rowMap,
                               rewriter.getMultiDimIdentityMap(2)},
        SmallVector<utils::IteratorType>(2, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value zero = constFloat(b, l, elt, 0);
          Value eps = constFloat(b, l, elt, 1e-7);
          Value t = targetOf(b, l, a[1], elt, pType.getDimSize(1));
          Value q = b.create<arith::DivFOp>(l, a[0], a[2]);
          Value passes = b.create<arith::AndIOp>(
              l, b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGE, q, eps),
              b.create<arith::CmpFOp>(
                  l, arith::CmpFPredicate::OLE, q,
                  b.create<arith::SubFOp>(l, constFloat(b, l, elt, 1.0), eps)));
          Value nonzero =
              b.create<arith::CmpFOp>(l, arith::CmpFPredicate::UNE, t, zero);
          Value scale = constFloat(b, l, elt, 1.0 / double(rows));
          Value g = b.create<arith::MulFOp>(
              l,
              b.create<arith::DivFOp>(l, b.create<arith::NegFOp>(l, t), a[0]),
              scale);
          Value use = b.create<arith::AndIOp>(l, passes, nonzero);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, use, g, zero)});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Index of each row's first maximum, [N] i64: the larger value wins, the
/// smaller index on ties, so the reduction order is free.
Value rowArgmax(OpBuilder &b, Location loc, Value t) {
  auto type = cast<RankedTensorType>(t.getType());
  Type elt = type.getElementType();
  int64_t rows = type.getDimSize(0);
  auto valType = RankedTensorType::get({rows}, elt);
  auto idxType = RankedTensorType::get({rows}, b.getI64Type());
  MLIRContext *ctx = b.getContext();
  AffineMap rowMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{valType, idxType}, ValueRange{t},
      ValueRange{filledTensor(b, loc, valType,
                              constFloat(b, loc, elt,
                                         -std::numeric_limits<double>::infinity())),
                 filledTensor(b, loc, idxType,
                              constFloat(b, loc, b.getI64Type(),
                                         double(type.getDimSize(1))))},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(2), rowMap, rowMap},
      SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                       utils::IteratorType::reduction},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value j = bb.create<arith::IndexCastOp>(l, bb.getI64Type(),
                                                bb.create<linalg::IndexOp>(l, 1));
        Value gt = bb.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[0], a[1]);
        Value eq = bb.create<arith::CmpFOp>(l, arith::CmpFPredicate::OEQ, a[0], a[1]);
        Value earlier = bb.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt, j, a[2]);
        Value take = bb.create<arith::OrIOp>(l, gt, bb.create<arith::AndIOp>(l, eq, earlier));
        bb.create<linalg::YieldOp>(
            l, ValueRange{bb.create<arith::SelectOp>(l, take, a[0], a[1]),
                          bb.create<arith::SelectOp>(l, take, j, a[2])});
      });
  return generic.getResult(1);
}

struct AccuracyLowering : OpRewritePattern<AccuracyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AccuracyOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value predicted = rowArgmax(rewriter, loc, op.getProbs());
    Value labels = op.getLabels();
    bool sparse = sparseLabels(labels);
    int64_t classes =
        cast<RankedTensorType>(op.getProbs().getType()).getDimSize(1);
    Value truth = sparse ? labels : rowArgmax(rewriter, loc, labels);
    auto type = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = rewriter.getMultiDimIdentityMap(1);
    auto count = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{predicted, truth},
        ValueRange{filledTensor(rewriter, loc, type,
                                constFloat(rewriter, loc, rewriter.getI64Type(), 0))},
        SmallVector<AffineMap>{id, id, AffineMap::get(1, 0, {}, ctx)},
        SmallVector<utils::IteratorType>{utils::IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value t = a[1];
          if (sparse)
            assertClass(b, l, t, classes, "dlc.accuracy");
          if (t.getType() != b.getI64Type())
            t = b.create<arith::ExtSIOp>(l, b.getI64Type(), t);
          Value hit = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, a[0], t);
          Value one = b.create<arith::ExtUIOp>(l, b.getI64Type(), hit);
          b.create<linalg::YieldOp>(l, ValueRange{b.create<arith::AddIOp>(l, a[2], one)});
        });
    rewriter.replaceOp(op, count.getResult(0));
    return success();
  }
};

/// The counter plus one, computed over its init (the counter itself) so that
/// bufferization writes it in place, as the optimizer updates write theirs.
struct IncrementLowering : OpRewritePattern<IncrementOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IncrementOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto scalar = AffineMap::get(0, 0, {}, rewriter.getContext());
    auto next = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{op.getType()}, ValueRange{}, ValueRange{op.getCounter()},
        SmallVector<AffineMap>{scalar}, SmallVector<utils::IteratorType>{},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value one = b.create<arith::ConstantIntOp>(l, 1, 64);
          b.create<linalg::YieldOp>(l, ValueRange{b.create<arith::AddIOp>(l, a[0], one)});
        });
    rewriter.replaceOp(op, next.getResult(0));
    return success();
  }
};

/// lr_t = lr * (1 / (1 + decay * iterations)) in the element type, as the
/// reference kernels compute it; a scalar outside the update's generic.
Value decayedLr(OpBuilder &b, Location loc, Value iterations, Type elt,
                double lr, double decay) {
  Value it = b.create<tensor::ExtractOp>(loc, iterations);
  Value itF = b.create<arith::SIToFPOp>(loc, elt, it);
  Value one = constFloat(b, loc, elt, 1.0);
  Value denom = b.create<arith::AddFOp>(
      loc, one, b.create<arith::MulFOp>(loc, constFloat(b, loc, elt, decay), itF));
  return b.create<arith::MulFOp>(loc, constFloat(b, loc, elt, lr),
                                 b.create<arith::DivFOp>(loc, one, denom));
}

Type eltOf(Value v) { return cast<RankedTensorType>(v.getType()).getElementType(); }

/// rho * a + (1 - rho) * g * g, in the reference kernels' order.
Value runningSquare(OpBuilder &b, Location l, Type elt, double rho, Value acc,
                    Value g) {
  Value r = constFloat(b, l, elt, rho);
  Value oneMinus = b.create<arith::SubFOp>(l, constFloat(b, l, elt, 1.0), r);
  return b.create<arith::AddFOp>(
      l, b.create<arith::MulFOp>(l, r, acc),
      b.create<arith::MulFOp>(l, b.create<arith::MulFOp>(l, oneMinus, g), g));
}

/// One optimizer op's update of `param` and `slots` (its slot operands, in
/// order) from `grad`, as one element-wise generic writing into param and
/// slots: the op's results. The tensors may be the op's own operands or
/// slices of them of any shape (dlc.fused_optimizer_update passes 1-D
/// chunks); attributes and iterations come from `op`.
SmallVector<Value> lowerUpdate(OpBuilder &rewriter, Location loc, Operation *op,
                               Value param, Value grad, ValueRange slots) {
  Type elt = eltOf(param);
  Value iterations = op->getOperands().back();
  // Required attributes, or the ODS default (decay: 0) when absent.
  auto f64 = [&](StringRef name, double fallback = 0.0) {
    auto attr = op->getAttrOfType<FloatAttr>(name);
    return attr ? attr.getValueAsDouble() : fallback;
  };
  Value lr = decayedLr(rewriter, loc, iterations, elt, f64("lr"), f64("decay"));
  SmallVector<Value> into{param};
  llvm::append_range(into, slots);
  BodyFn body;
  if (auto sgd = dyn_cast<SGDUpdateOp>(op)) {
    double momentum = sgd.getMomentum().convertToDouble();
    bool nesterov = sgd.getNesterov();
    body = [=](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
      Value mu = constFloat(b, l, elt, momentum);
      Value lg = b.create<arith::MulFOp>(l, lr, a[1]);
      Value v = b.create<arith::SubFOp>(l, b.create<arith::MulFOp>(l, mu, a[2]), lg);
      Value p;
      if (nesterov)
        p = b.create<arith::SubFOp>(
            l, b.create<arith::AddFOp>(l, a[0], b.create<arith::MulFOp>(l, mu, v)), lg);
      else
        p = b.create<arith::AddFOp>(l, a[0], v);
      return {p, v};
    };
  } else if (isa<RMSpropUpdateOp>(op)) {
    double rho = f64("rho"), eps = f64("epsilon");
    body = [=](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
      Value acc = runningSquare(b, l, elt, rho, a[2], a[1]);
      Value denom = b.create<arith::AddFOp>(l, b.create<math::SqrtOp>(l, acc),
                                            constFloat(b, l, elt, eps));
      Value step = b.create<arith::DivFOp>(l, b.create<arith::MulFOp>(l, lr, a[1]), denom);
      return {b.create<arith::SubFOp>(l, a[0], step), acc};
    };
  } else if (isa<AdadeltaUpdateOp>(op)) {
    double rho = f64("rho"), eps = f64("epsilon");
    body = [=](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
      Value e = constFloat(b, l, elt, eps);
      Value acc = runningSquare(b, l, elt, rho, a[2], a[1]);
      Value u = b.create<arith::DivFOp>(
          l,
          b.create<arith::MulFOp>(
              l, a[1], b.create<math::SqrtOp>(l, b.create<arith::AddFOp>(l, a[3], e))),
          b.create<math::SqrtOp>(l, b.create<arith::AddFOp>(l, acc, e)));
      Value p = b.create<arith::SubFOp>(l, a[0], b.create<arith::MulFOp>(l, lr, u));
      Value d = runningSquare(b, l, elt, rho, a[3], u);
      return {p, acc, d};
    };
  } else {
    auto adam = cast<AdamUpdateOp>(op);
    double b1 = adam.getBeta_1().convertToDouble(), b2 = adam.getBeta_2().convertToDouble();
    double eps = f64("epsilon");
    // lr_a = lr_t * sqrt(1 - beta_2^t) / (1 - beta_1^t), t = iterations + 1.
    Value one = constFloat(rewriter, loc, elt, 1.0);
    Value it = rewriter.create<tensor::ExtractOp>(loc, iterations);
    Value t = rewriter.create<arith::AddFOp>(
        loc, rewriter.create<arith::SIToFPOp>(loc, elt, it), one);
    Value beta1 = constFloat(rewriter, loc, elt, b1);
    Value beta2 = constFloat(rewriter, loc, elt, b2);
    Value lrA = rewriter.create<arith::MulFOp>(
        loc, lr,
        rewriter.create<arith::DivFOp>(
            loc,
            rewriter.create<math::SqrtOp>(
                loc, rewriter.create<arith::SubFOp>(
                         loc, one, rewriter.create<math::PowFOp>(loc, beta2, t))),
            rewriter.create<arith::SubFOp>(
                loc, one, rewriter.create<math::PowFOp>(loc, beta1, t))));
    body = [=](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
      Value c1 = constFloat(b, l, elt, 1.0);
      Value bb1 = constFloat(b, l, elt, b1);
      Value m = b.create<arith::AddFOp>(
          l, b.create<arith::MulFOp>(l, bb1, a[2]),
          b.create<arith::MulFOp>(l, b.create<arith::SubFOp>(l, c1, bb1), a[1]));
      Value v = runningSquare(b, l, elt, b2, a[3], a[1]);
      Value denom = b.create<arith::AddFOp>(l, b.create<math::SqrtOp>(l, v),
                                            constFloat(b, l, elt, eps));
      Value step = b.create<arith::DivFOp>(l, b.create<arith::MulFOp>(l, lrA, m), denom);
      return {b.create<arith::SubFOp>(l, a[0], step), m, v};
    };
  }
  // The generic reads param and slots through its inits (ins: the gradient
  // only), so each update is visibly in place: no pass may swap an init for
  // a fresh tensor (the dead-init rewrite would, and CSE then gives the
  // param and its slot one tensor.empty, which empty-tensor elimination
  // turns into one buffer).
  int64_t rank = cast<RankedTensorType>(param.getType()).getRank();
  SmallVector<AffineMap> maps(1 + into.size(), rewriter.getMultiDimIdentityMap(rank));
  auto generic = rewriter.create<linalg::GenericOp>(
      loc, ValueRange(into).getTypes(), ValueRange{grad}, into, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        SmallVector<Value> a{args[1], args[0]};
        llvm::append_range(a, args.drop_front(2));
        nb.create<linalg::YieldOp>(l, body(nb, l, a));
      });
  return SmallVector<Value>(generic.getResults());
}

/// Operands of every optimizer op: param, grad, slots..., iterations.
ValueRange slotsOf(Operation *op) {
  return op->getOperands().drop_front(2).drop_back();
}

template <typename Op>
struct UpdateLowering : OpRewritePattern<Op> {
  using OpRewritePattern<Op>::OpRewritePattern;
  LogicalResult matchAndRewrite(Op op, PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, lowerUpdate(rewriter, op.getLoc(), op, op->getOperand(0),
                                       op->getOperand(1), slotsOf(op)));
    return success();
  }
};

/// dlc.fused_optimizer_update: one scf.forall over `kChunks` iterations;
/// iteration c updates elements [c * s, min((c + 1) * s, n)) of every
/// parameter (n elements, s = ceil(n / chunks)) and of its slots, viewed as
/// 1-D. Each element is computed as by its own op, so the results are the
/// unfused ones, bit for bit.
struct FusedUpdateLowering : OpRewritePattern<FusedOptimizerUpdateOp> {
  FusedUpdateLowering(MLIRContext *ctx, const LoweringOptions &options)
      : OpRewritePattern(ctx), options(options) {}
  LoweringOptions options;
  static constexpr int64_t kChunks = 64;

  LogicalResult matchAndRewrite(FusedOptimizerUpdateOp group,
                                PatternRewriter &rewriter) const override {
    Location loc = group.getLoc();
    SmallVector<Operation *> updates;
    for (Operation &op : group.getBody().front().without_terminator())
      updates.push_back(&op);
    // 1-D views: of each update's param and slots (the forall's shared
    // outputs, in result order), and of its gradient.
    auto flat = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      if (!type.hasStaticShape())
        return Value();
      if (type.getRank() == 1)
        return v;
      SmallVector<ReassociationIndices> all(1);
      for (int64_t d = 0; d < type.getRank(); ++d)
        all[0].push_back(d);
      return rewriter.create<tensor::CollapseShapeOp>(loc, v, all);
    };
    SmallVector<Value> outs, grads;
    int64_t largest = 1;
    for (Operation *op : updates) {
      SmallVector<Value> state{op->getOperand(0)};
      llvm::append_range(state, slotsOf(op));
      for (Value v : state) {
        Value f = flat(v);
        if (!f)
          return rewriter.notifyMatchFailure(op, "dynamic shape");
        outs.push_back(f);
      }
      grads.push_back(flat(op->getOperand(1)));
      if (!grads.back())
        return rewriter.notifyMatchFailure(op, "dynamic shape");
      largest = std::max(largest, cast<RankedTensorType>(grads.back().getType()).getDimSize(0));
    }
    int64_t chunks = options.parallelChunks ? std::min(kChunks, largest) : 1;
    auto forall = rewriter.create<scf::ForallOp>(
        loc, ArrayRef<OpFoldResult>{rewriter.getIndexAttr(chunks)}, outs, std::nullopt,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value c = args[0];
          ValueRange shared = args.drop_front();
          SmallVector<std::tuple<Value, Value, OpFoldResult, OpFoldResult>> inserts;
          size_t next = 0;
          for (auto [op, grad] : llvm::zip(updates, grads)) {
            int64_t n = cast<RankedTensorType>(grad.getType()).getDimSize(0);
            int64_t s = (n + chunks - 1) / chunks;
            // offset = min(c * s, n); size = min(s, n - offset).
            Value offset = b.create<arith::MinSIOp>(
                l, b.create<arith::MulIOp>(l, c, constIndex(b, l, s)), constIndex(b, l, n));
            Value size = b.create<arith::MinSIOp>(
                l, constIndex(b, l, s), b.create<arith::SubIOp>(l, constIndex(b, l, n), offset));
            auto slice = [&](Value v) -> Value {
              return b.create<tensor::ExtractSliceOp>(
                  l, v, ArrayRef<OpFoldResult>{offset}, ArrayRef<OpFoldResult>{size},
                  ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
            };
            size_t count = 1 + slotsOf(op).size();
            SmallVector<Value> parts;
            for (size_t i = 0; i < count; ++i)
              parts.push_back(slice(shared[next + i]));
            SmallVector<Value> updated =
                lowerUpdate(b, l, op, parts[0], slice(grad), ArrayRef(parts).drop_front());
            for (size_t i = 0; i < count; ++i)
              inserts.push_back({updated[i], shared[next + i], offset, size});
            next += count;
          }
          auto inParallel = b.create<scf::InParallelOp>(l);
          OpBuilder ib = OpBuilder::atBlockBegin(inParallel.getBody());
          for (auto [value, dest, offset, size] : inserts)
            ib.create<tensor::ParallelInsertSliceOp>(
                l, value, dest, ArrayRef<OpFoldResult>{offset}, ArrayRef<OpFoldResult>{size},
                ArrayRef<OpFoldResult>{ib.getIndexAttr(1)});
        });
    // Back to the parameters' shapes, in the group's result order.
    SmallVector<Value> results;
    for (auto [flatResult, type] : llvm::zip(forall.getResults(), group.getResultTypes())) {
      auto want = cast<RankedTensorType>(type);
      if (want.getRank() == 1) {
        results.push_back(flatResult);
        continue;
      }
      SmallVector<ReassociationIndices> all(1);
      for (int64_t d = 0; d < want.getRank(); ++d)
        all[0].push_back(d);
      results.push_back(rewriter.create<tensor::ExpandShapeOp>(loc, want, flatResult, all));
    }
    rewriter.replaceOp(group, results);
    return success();
  }
};

} // namespace

void populateTrainLoweringPatterns(RewritePatternSet &patterns, const LoweringOptions &options) {
  patterns.add<CrossentropyLowering, CrossentropyGradLowering, AccuracyLowering,
               IncrementLowering, UpdateLowering<SGDUpdateOp>, UpdateLowering<RMSpropUpdateOp>,
               UpdateLowering<AdadeltaUpdateOp>, UpdateLowering<AdamUpdateOp>>(
      patterns.getContext());
  patterns.add<FusedUpdateLowering>(patterns.getContext(), options);
}

} // namespace dlc::linalg_lowering
