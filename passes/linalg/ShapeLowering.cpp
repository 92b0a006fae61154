// convert-dlc-to-linalg patterns of the shape ops: reshapes, transpose, add,
// concatenate, repeat_vector, embedding gather, reduce_sum, slice.
#include "passes/linalg/Lowering.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

/// Any row-major reshape: collapse to one axis, expand to the result.
Value reshapeTo(OpBuilder &b, Location loc, Value x, RankedTensorType type) {
  auto inType = cast<RankedTensorType>(x.getType());
  if (inType == type)
    return x;
  // One collapse or one expand when the shapes group into each other.
  if (inType.getRank() > type.getRank()) {
    if (auto reassoc = getReassociationIndicesForReshape(inType, type))
      return b.create<tensor::CollapseShapeOp>(loc, type, x, *reassoc);
  } else if (inType.getRank() < type.getRank()) {
    if (auto reassoc = getReassociationIndicesForReshape(type, inType))
      return b.create<tensor::ExpandShapeOp>(loc, type, x, *reassoc);
  }
  Value flat = x;
  if (inType.getRank() == 0 || type.getRank() == 0)
    return b.create<tensor::ReshapeOp>(
        loc, type, x,
        b.create<arith::ConstantOp>(
            loc, DenseIntElementsAttr::get(
                     RankedTensorType::get({type.getRank()}, b.getI64Type()),
                     type.getShape())));
  if (inType.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < inType.getRank(); ++d)
      all.push_back(d);
    flat = b.create<tensor::CollapseShapeOp>(
        loc, x, SmallVector<ReassociationIndices>{all});
  }
  if (type.getRank() == 1)
    return flat;
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return b.create<tensor::ExpandShapeOp>(loc, type, flat,
                                         SmallVector<ReassociationIndices>{all});
}

struct FlattenLowering : OpRewritePattern<FlattenOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FlattenOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    if (inType.getRank() == 2) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    ReassociationIndices rest;
    for (int64_t d = 1; d < inType.getRank(); ++d)
      rest.push_back(d);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, op.getType(), op.getInput(),
        SmallVector<ReassociationIndices>{{0}, rest});
    return success();
  }
};

struct ReshapeLowering : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), op.getInput(),
                                     cast<RankedTensorType>(op.getType())));
    return success();
  }
};

struct TransposeLowering : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    auto t = rewriter.create<linalg::TransposeOp>(
        op.getLoc(), op.getInput(), emptyTensor(rewriter, op.getLoc(), type),
        op.getPermutation());
    rewriter.replaceOp(op, t->getResult(0));
    return success();
  }
};

struct AddLowering : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getInputs().size() == 1) {
      rewriter.replaceOp(op, op.getInputs()[0]);
      return success();
    }
    rewriter.replaceOp(
        op, elementwise(rewriter, op.getLoc(), op.getType(), op.getInputs(),
                        [](OpBuilder &b, Location l,
                           ValueRange a) -> SmallVector<Value> {
                          Value s = a[0];
                          for (Value v : a.drop_front())
                            s = b.create<arith::AddFOp>(l, s, v);
                          return {s};
                        }));
    return success();
  }
};

struct ConcatenateLowering : OpRewritePattern<ConcatenateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatenateOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    int64_t axis = int64_t(op.getAxis()) < 0 ? int64_t(op.getAxis()) + rank : int64_t(op.getAxis());
    Value acc = emptyTensor(rewriter, loc, type);
    int64_t offset = 0;
    for (Value in : op.getInputs()) {
      auto inType = cast<RankedTensorType>(in.getType());
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)),
          sizes, strides(rank, rewriter.getIndexAttr(1));
      offsets[axis] = rewriter.getIndexAttr(offset);
      for (int64_t d : inType.getShape())
        sizes.push_back(rewriter.getIndexAttr(d));
      acc = rewriter.create<tensor::InsertSliceOp>(loc, in, acc, offsets, sizes,
                                                   strides);
      offset += inType.getDimSize(axis);
    }
    rewriter.replaceOp(op, acc);
    return success();
  }
};

struct RepeatVectorLowering : OpRewritePattern<RepeatVectorOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RepeatVectorOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, broadcastAlong(rewriter, op.getLoc(), op.getInput(),
                                          cast<RankedTensorType>(op.getType()),
                                          {1}));
    return success();
  }
};

struct EmbeddingLowering : OpRewritePattern<EmbeddingOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EmbeddingOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    MLIRContext *ctx = rewriter.getContext();
    AffineMap idsMap = AffineMap::getMultiDimIdentityMap(rank, ctx)
                           .getMajorSubMap(rank - 1);
    Value table = op.getTable();
    int64_t vocabulary = cast<RankedTensorType>(table.getType()).getDimSize(0);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{op.getIds()},
        ValueRange{emptyTensor(rewriter, loc, type)},
        SmallVector<AffineMap>{idsMap, rewriter.getMultiDimIdentityMap(rank)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value row = checkedRow(b, l, b.create<arith::IndexCastOp>(l, b.getIndexType(), a[0]),
                                 vocabulary, "dlc.embedding");
          Value col = b.create<linalg::IndexOp>(l, rank - 1);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<tensor::ExtractOp>(l, table,
                                                        ValueRange{row, col})});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct ReduceSumLowering : OpRewritePattern<ReduceSumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceSumOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    if (op.getAxes().empty()) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    SmallVector<int64_t> axes;
    for (int64_t a : op.getAxes())
      axes.push_back(a < 0 ? a + inType.getRank() : a);
    Value init = filledTensor(rewriter, loc, type,
                              constFloat(rewriter, loc, type.getElementType(), 0));
    rewriter.replaceOp(op, blockedSum(rewriter, loc, op.getInput(), axes, init));
    return success();
  }
};

struct SliceLowering : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = inType.getRank();
    int64_t axis = int64_t(op.getAxis()) < 0 ? int64_t(op.getAxis()) + rank : int64_t(op.getAxis());
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)), sizes,
        strides(rank, rewriter.getIndexAttr(1));
    offsets[axis] = rewriter.getIndexAttr(op.getStart());
    for (int64_t d : cast<RankedTensorType>(op.getType()).getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, cast<RankedTensorType>(op.getType()), op.getInput(), offsets, sizes,
        strides);
    return success();
  }
};

} // namespace

void populateShapeLoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<FlattenLowering, ReshapeLowering, TransposeLowering, AddLowering,
               ConcatenateLowering, RepeatVectorLowering, EmbeddingLowering,
               ReduceSumLowering, SliceLowering>(patterns.getContext());
}

} // namespace dlc::linalg_lowering
