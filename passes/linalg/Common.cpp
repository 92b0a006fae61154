// Builders shared by the convert-dlc-to-linalg patterns (see Lowering.h).
#include "passes/linalg/Lowering.h"

#include "ir/ShapeRules.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

namespace dlc::linalg_lowering {

Value constFloat(OpBuilder &b, Location loc, Type type, double value) {
  if (auto ft = dyn_cast<FloatType>(type))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(ft, value));
  if (type.isIndex())
    return b.create<arith::ConstantIndexOp>(loc, int64_t(value));
  return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, int64_t(value)));
}

Value constIndex(OpBuilder &b, Location loc, int64_t value) {
  return b.create<arith::ConstantIndexOp>(loc, value);
}

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return b.create<tensor::EmptyOp>(loc, type.getShape(), type.getElementType());
}

Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value) {
  return b.create<linalg::FillOp>(loc, value, emptyTensor(b, loc, type))
      .getResult(0);
}

static SmallVector<utils::IteratorType> parallel(int64_t n) {
  return SmallVector<utils::IteratorType>(n, utils::IteratorType::parallel);
}

SmallVector<Value> elementwise(OpBuilder &b, Location loc, TypeRange resultTypes,
                               ValueRange inputs, const BodyFn &body) {
  auto type = cast<RankedTensorType>(resultTypes.front());
  int64_t rank = type.getRank();
  SmallVector<Value> inits;
  for (Type t : resultTypes)
    inits.push_back(emptyTensor(b, loc, cast<RankedTensorType>(t)));
  SmallVector<AffineMap> maps(inputs.size() + inits.size(),
                              b.getMultiDimIdentityMap(rank));
  auto generic = b.create<linalg::GenericOp>(
      loc, resultTypes, inputs, inits, maps, parallel(rank),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(
            nloc, body(nb, nloc, args.take_front(inputs.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

SmallVector<Value> elementwiseInto(OpBuilder &b, Location loc, ValueRange inits,
                                   ValueRange inputs, const BodyFn &body) {
  int64_t rank = cast<RankedTensorType>(inits.front().getType()).getRank();
  SmallVector<AffineMap> maps(inputs.size() + inits.size(),
                              b.getMultiDimIdentityMap(rank));
  auto generic = b.create<linalg::GenericOp>(
      loc, inits.getTypes(), inputs, inits, maps, parallel(rank),
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(
            nloc, body(nb, nloc, args.take_front(inputs.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

// The map from the full iteration space to the shape without `axes`.
static AffineMap dropAxesMap(MLIRContext *ctx, int64_t rank,
                             ArrayRef<int64_t> axes) {
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < rank; ++d)
    if (!llvm::is_contained(axes, d))
      exprs.push_back(getAffineDimExpr(d, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value reduceAxes(OpBuilder &b, Location loc, Value input,
                 ArrayRef<int64_t> axes, Value init, const BodyFn &body) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  auto iters = parallel(rank);
  for (int64_t a : axes)
    iters[a] = utils::IteratorType::reduction;
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank),
                                 dropAxesMap(b.getContext(), rank, axes)};
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), input, init, maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

Value blockedSum(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
                 Value init) {
  auto add = [](OpBuilder &nb, Location l, ValueRange a) -> SmallVector<Value> {
    return {nb.create<arith::AddFOp>(l, a[0], a[1])};
  };
  auto type = cast<RankedTensorType>(input.getType());
  int64_t k = int64_t(axes.size()), rows = 1;
  bool leading = k < type.getRank();
  for (int64_t i = 0; i < k && leading; ++i) {
    leading = axes[i] == i;
    rows *= type.getDimSize(i);
  }
  int64_t block = 0;
  for (int64_t d = 16; leading && d * d <= rows; ++d)
    if (rows % d == 0)
      block = d;
  if (!leading || rows < 256 || block == 0)
    return reduceAxes(b, loc, input, axes, init, add);
  // [d0..dk-1, rest] -> [R, rest] -> [R / B, B, rest]
  SmallVector<int64_t> rest(type.getShape().drop_front(k));
  SmallVector<ReassociationIndices> toRows = {ReassociationIndices{}};
  for (int64_t i = 0; i < k; ++i)
    toRows[0].push_back(i);
  for (int64_t i = k; i < type.getRank(); ++i)
    toRows.push_back({i});
  SmallVector<int64_t> rowsShape = {rows};
  rowsShape.append(rest);
  Value flat = k == 1 ? input
                      : b.create<tensor::CollapseShapeOp>(
                            loc, RankedTensorType::get(rowsShape, type.getElementType()),
                            input, toRows);
  SmallVector<int64_t> blocksShape = {rows / block, block};
  blocksShape.append(rest);
  SmallVector<ReassociationIndices> toBlocks = {{0, 1}};
  for (int64_t i = 0; i < int64_t(rest.size()); ++i)
    toBlocks.push_back({i + 2});
  Value blocks = b.create<tensor::ExpandShapeOp>(
      loc, RankedTensorType::get(blocksShape, type.getElementType()), flat, toBlocks);
  SmallVector<int64_t> partialShape = {rows / block};
  partialShape.append(rest);
  auto partialType = RankedTensorType::get(partialShape, type.getElementType());
  Value partial = reduceAxes(b, loc, blocks, {1},
                             filledTensor(b, loc, partialType,
                                          constFloat(b, loc, type.getElementType(), 0)),
                             add);
  return reduceAxes(b, loc, partial, {0}, init, add);
}

Value broadcastAlong(OpBuilder &b, Location loc, Value small,
                     RankedTensorType type, ArrayRef<int64_t> axes) {
  return b
      .create<linalg::BroadcastOp>(loc, small, emptyTensor(b, loc, type), axes)
      ->getResult(0);
}

static Value clampF(OpBuilder &b, Location loc, Value x, double lo, double hi) {
  Type t = x.getType();
  Value v = b.create<arith::MaximumFOp>(loc, x, constFloat(b, loc, t, lo));
  return b.create<arith::MinimumFOp>(loc, v, constFloat(b, loc, t, hi));
}

static Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value one = constFloat(b, loc, t, 1.0);
  Value e = b.create<math::ExpOp>(loc, b.create<arith::NegFOp>(loc, x));
  return b.create<arith::DivFOp>(loc, one, b.create<arith::AddFOp>(loc, one, e));
}

Value applyActivation(OpBuilder &b, Location loc, Activation kind, Value x,
                      double alpha) {
  Type t = x.getType();
  switch (kind) {
  case Activation::linear:
    return x;
  case Activation::relu:
    return b.create<arith::MaximumFOp>(loc, x, constFloat(b, loc, t, 0.0));
  case Activation::tanh:
    return b.create<math::TanhOp>(loc, x);
  case Activation::sigmoid:
    return sigmoid(b, loc, x);
  case Activation::hard_sigmoid: {
    Value v = b.create<arith::MulFOp>(loc, x, constFloat(b, loc, t, 0.2));
    v = b.create<arith::AddFOp>(loc, v, constFloat(b, loc, t, 0.5));
    return clampF(b, loc, v, 0.0, 1.0);
  }
  case Activation::hard_sigmoid6: {
    Value v = b.create<arith::AddFOp>(loc, x, constFloat(b, loc, t, 3.0));
    v = clampF(b, loc, v, 0.0, 6.0);
    return b.create<arith::DivFOp>(loc, v, constFloat(b, loc, t, 6.0));
  }
  case Activation::elu: {
    Value zero = constFloat(b, loc, t, 0.0);
    Value em1 = b.create<math::ExpM1Op>(loc, x);
    Value neg = b.create<arith::MulFOp>(loc, em1, constFloat(b, loc, t, alpha));
    Value pos = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, zero);
    return b.create<arith::SelectOp>(loc, pos, x, neg);
  }
  }
  llvm_unreachable("unknown activation");
}

Value activationDerivative(OpBuilder &b, Location loc, Activation kind,
                           Value x, double alpha) {
  Type t = x.getType();
  Value zero = constFloat(b, loc, t, 0.0);
  Value one = constFloat(b, loc, t, 1.0);
  auto inside = [&](double lo, double hi, double slope) -> Value {
    Value gt = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x,
                                       constFloat(b, loc, t, lo));
    Value lt = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x,
                                       constFloat(b, loc, t, hi));
    Value in = b.create<arith::AndIOp>(loc, gt, lt);
    return b.create<arith::SelectOp>(loc, in, constFloat(b, loc, t, slope),
                                     zero);
  };
  switch (kind) {
  case Activation::linear:
    return one;
  case Activation::relu: {
    Value pos = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, zero);
    return b.create<arith::SelectOp>(loc, pos, one, zero);
  }
  case Activation::tanh: {
    Value y = b.create<math::TanhOp>(loc, x);
    return b.create<arith::SubFOp>(loc, one, b.create<arith::MulFOp>(loc, y, y));
  }
  case Activation::sigmoid: {
    Value y = sigmoid(b, loc, x);
    return b.create<arith::MulFOp>(loc, y, b.create<arith::SubFOp>(loc, one, y));
  }
  case Activation::hard_sigmoid:
    return inside(-2.5, 2.5, 0.2);
  case Activation::hard_sigmoid6:
    return inside(-3.0, 3.0, 1.0 / 6.0);
  case Activation::elu: {
    Value pos = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, zero);
    Value neg = b.create<arith::MulFOp>(loc, b.create<math::ExpOp>(loc, x),
                                        constFloat(b, loc, t, alpha));
    return b.create<arith::SelectOp>(loc, pos, one, neg);
  }
  }
  llvm_unreachable("unknown activation");
}

Value applyReluOptions(OpBuilder &b, Location loc, Value x, const ReluOptions &o) {
  Type t = x.getType();
  Value zero = constFloat(b, loc, t, 0.0), threshold = constFloat(b, loc, t, o.threshold);
  Value above = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, threshold);
  Value y = b.create<arith::SelectOp>(loc, above, x, zero);
  if (o.maxValue)
    y = clampF(b, loc, y, 0.0, *o.maxValue);
  if (o.alpha != 0) {
    Value below = b.create<arith::MaximumFOp>(loc, b.create<arith::SubFOp>(loc, threshold, x),
                                              zero);
    y = b.create<arith::SubFOp>(
        loc, y, b.create<arith::MulFOp>(loc, constFloat(b, loc, t, o.alpha), below));
  }
  return y;
}

Value reluOptionsDerivative(OpBuilder &b, Location loc, Value x, const ReluOptions &o) {
  Type t = x.getType();
  Value zero = constFloat(b, loc, t, 0.0), threshold = constFloat(b, loc, t, o.threshold);
  Value pass = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, threshold);
  if (o.maxValue) {
    Value nonNegative = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x, zero);
    Value belowCap = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x,
                                             constFloat(b, loc, t, *o.maxValue));
    pass = b.create<arith::AndIOp>(loc, pass, b.create<arith::AndIOp>(loc, nonNegative, belowCap));
  }
  Value d = b.create<arith::SelectOp>(loc, pass, constFloat(b, loc, t, 1.0), zero);
  if (o.alpha != 0) {
    Value below = b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OLT, x, threshold);
    d = b.create<arith::AddFOp>(
        loc, d, b.create<arith::SelectOp>(loc, below, constFloat(b, loc, t, o.alpha), zero));
  }
  return d;
}

Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs, Value init) {
  return b.create<linalg::MatmulOp>(loc, init.getType(), ValueRange{lhs, rhs},
                                    ValueRange{init})
      .getResult(0);
}

Value collapseToMatrix(OpBuilder &b, Location loc, Value t) {
  auto type = cast<RankedTensorType>(t.getType());
  int64_t rank = type.getRank();
  if (rank == 2)
    return t;
  ReassociationIndices lead;
  for (int64_t d = 0; d + 1 < rank; ++d)
    lead.push_back(d);
  SmallVector<ReassociationIndices> reassoc = {lead, {rank - 1}};
  return b.create<tensor::CollapseShapeOp>(loc, t, reassoc);
}

Value expandFromMatrix(OpBuilder &b, Location loc, Value t,
                       RankedTensorType type) {
  int64_t rank = type.getRank();
  if (rank == 2)
    return t;
  ReassociationIndices lead;
  for (int64_t d = 0; d + 1 < rank; ++d)
    lead.push_back(d);
  SmallVector<ReassociationIndices> reassoc = {lead, {rank - 1}};
  return b.create<tensor::ExpandShapeOp>(loc, type, t, reassoc);
}

Value dilateAndPad(OpBuilder &b, Location loc, Value t,
                   ArrayRef<int64_t> strides, ArrayRef<int64_t> before,
                   ArrayRef<int64_t> after, Value fill) {
  auto type = cast<RankedTensorType>(t.getType());
  ArrayRef<int64_t> s = type.getShape();
  SmallVector<int64_t> shape = {s[0], 0, 0, s[3]};
  for (int i = 0; i < 2; ++i)
    shape[i + 1] = before[i] + (s[i + 1] - 1) * strides[i] + 1 + after[i];
  if (shape == SmallVector<int64_t>(s) && strides[0] == 1 && strides[1] == 1)
    return t;
  Value dest = filledTensor(
      b, loc, RankedTensorType::get(shape, type.getElementType()), fill);
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(0),
                                       b.getIndexAttr(before[0]),
                                       b.getIndexAttr(before[1]),
                                       b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes, steps = {
      b.getIndexAttr(1), b.getIndexAttr(strides[0]), b.getIndexAttr(strides[1]),
      b.getIndexAttr(1)};
  for (int64_t d : s)
    sizes.push_back(b.getIndexAttr(d));
  return b.create<tensor::InsertSliceOp>(loc, t, dest, offsets, sizes, steps);
}

Value padHW(OpBuilder &b, Location loc, Value t, ArrayRef<int64_t> low,
            ArrayRef<int64_t> high, Value fill) {
  if (low[0] == 0 && low[1] == 0 && high[0] == 0 && high[1] == 0)
    return t;
  auto type = cast<RankedTensorType>(t.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[1] += low[0] + high[0];
  shape[2] += low[1] + high[1];
  SmallVector<OpFoldResult> lo = {b.getIndexAttr(0), b.getIndexAttr(low[0]),
                                  b.getIndexAttr(low[1]), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> hi = {b.getIndexAttr(0), b.getIndexAttr(high[0]),
                                  b.getIndexAttr(high[1]), b.getIndexAttr(0)};
  return b.create<tensor::PadOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), t, lo, hi,
      fill);
}

Window windowOf(int64_t in, int64_t size, int64_t stride, int64_t dilation,
                bool same) {
  Window w{in, windowOutputSize(in, size, stride, dilation, same), size,
           stride, dilation, 0, 0};
  if (same) {
    auto [before, after] = samePadding(in, size, stride, dilation);
    w.padBefore = before;
    w.padAfter = after;
  }
  return w;
}

Value inBoundsCount(OpBuilder &b, Location loc, Value o, const Window &w) {
  Value start = b.create<arith::SubIOp>(
      loc, b.create<arith::MulIOp>(loc, o, constIndex(b, loc, w.stride)),
      constIndex(b, loc, w.padBefore));
  Value end = b.create<arith::AddIOp>(loc, start, constIndex(b, loc, w.size));
  Value lo = b.create<arith::MaxSIOp>(loc, start, constIndex(b, loc, 0));
  Value hi = b.create<arith::MinSIOp>(loc, end, constIndex(b, loc, w.in));
  return b.create<arith::SubIOp>(loc, hi, lo);
}

Value checkedRow(OpBuilder &b, Location loc, Value row, int64_t rows, StringRef what) {
  Value zero = constIndex(b, loc, 0);
  Value lo = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, row, zero);
  Value hi = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::slt, row,
                                     constIndex(b, loc, rows));
  Value ok = b.create<arith::AndIOp>(loc, lo, hi);
  b.create<cf::AssertOp>(loc, ok,
                         (what + ": index outside [0, " + Twine(rows) + ") of the table").str());
  return b.create<arith::SelectOp>(loc, ok, row, zero);
}

} // namespace dlc::linalg_lowering
