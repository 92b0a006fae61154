// dlc.prelu and dlc.prelu_grad to linalg: alpha without its shared (size-1)
// axes is broadcast over the input for the element-wise parts, and alpha's
// gradient is summed over the batch and the shared axes.
#include "passes/linalg/Lowering.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

/// alpha's layout against the input: the input axes alpha is broadcast along
/// (the batch, and each axis where alpha has size 1 and the input more), and
/// alpha with those size-1 axes dropped.
struct AlphaLayout {
  SmallVector<int64_t> broadcastAxes;
  RankedTensorType compact;
  SmallVector<ReassociationIndices> reassociation; ///< alpha <-> compact
};

AlphaLayout layoutOf(RankedTensorType input, RankedTensorType alpha) {
  AlphaLayout l;
  l.broadcastAxes.push_back(0);
  SmallVector<int64_t> kept;
  for (int64_t i = 0; i < alpha.getRank(); ++i) {
    if (alpha.getDimSize(i) == 1 && input.getDimSize(i + 1) != 1)
      l.broadcastAxes.push_back(i + 1);
    else
      kept.push_back(alpha.getDimSize(i));
  }
  l.compact = RankedTensorType::get(kept, alpha.getElementType());
  if (auto r = getReassociationIndicesForCollapse(alpha.getShape(), kept))
    l.reassociation = *r;
  return l;
}

/// alpha as a tensor of the input's shape.
Value broadcastAlpha(OpBuilder &b, Location loc, Value alpha, RankedTensorType input,
                     const AlphaLayout &l) {
  auto type = cast<RankedTensorType>(alpha.getType());
  Value compact = alpha;
  if (l.compact != type)
    compact = b.create<tensor::CollapseShapeOp>(loc, l.compact, alpha, l.reassociation);
  return broadcastAlong(b, loc, compact, input, l.broadcastAxes);
}

/// alpha's layout against `op`'s input and alpha broadcast to the input's
/// shape; a match failure when alpha's shared axes do not collapse.
struct BroadcastAlpha {
  AlphaLayout layout;
  Value alpha;
};
FailureOr<BroadcastAlpha> broadcastAlphaOf(PatternRewriter &rewriter, Operation *op, Value input,
                                           Value alpha) {
  auto inputType = cast<RankedTensorType>(input.getType());
  auto alphaType = cast<RankedTensorType>(alpha.getType());
  AlphaLayout l = layoutOf(inputType, alphaType);
  if (l.compact != alphaType && l.reassociation.empty() && l.compact.getRank() != 0)
    return rewriter.notifyMatchFailure(op, "alpha's shared axes do not collapse");
  Value broadcast = broadcastAlpha(rewriter, op->getLoc(), alpha, inputType, l);
  return BroadcastAlpha{std::move(l), broadcast};
}

struct PReLULowering : OpRewritePattern<PReLUOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PReLUOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto input = cast<RankedTensorType>(op.getInput().getType());
    FailureOr<BroadcastAlpha> broadcast = broadcastAlphaOf(rewriter, op, op.getInput(), op.getAlpha());
    if (failed(broadcast))
      return failure();
    Value alpha = broadcast->alpha;
    rewriter.replaceOp(
        op, elementwise(rewriter, loc, input, ValueRange{op.getInput(), alpha},
                        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
                          Value zero = constFloat(b, l, a[0].getType(), 0.0);
                          Value pos = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT,
                                                              a[0], zero);
                          Value neg = b.create<arith::MulFOp>(l, a[1], a[0]);
                          return {b.create<arith::SelectOp>(l, pos, a[0], neg)};
                        }));
    return success();
  }
};

struct PReLUGradLowering : OpRewritePattern<PReLUGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PReLUGradOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto input = cast<RankedTensorType>(op.getInput().getType());
    auto alphaType = cast<RankedTensorType>(op.getAlpha().getType());
    FailureOr<BroadcastAlpha> broadcast = broadcastAlphaOf(rewriter, op, op.getInput(), op.getAlpha());
    if (failed(broadcast))
      return failure();
    const AlphaLayout &l = broadcast->layout;
    Value alpha = broadcast->alpha;
    // d_input = dy * (x > 0 ? 1 : x < 0 ? alpha : 0); per element
    // d_alpha = dy * min(x, 0), summed below.
    SmallVector<Value> parts = elementwise(
        rewriter, loc, TypeRange{input, input},
        ValueRange{op.getInput(), alpha, op.getResultGrad()},
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Type t = a[0].getType();
          Value zero = constFloat(b, l, t, 0.0);
          Value pos = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[0], zero);
          Value neg = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OLT, a[0], zero);
          Value slope = b.create<arith::SelectOp>(
              l, pos, constFloat(b, l, t, 1.0), b.create<arith::SelectOp>(l, neg, a[1], zero));
          Value dx = b.create<arith::MulFOp>(l, a[2], slope);
          Value da = b.create<arith::MulFOp>(l, a[2],
                                             b.create<arith::MinimumFOp>(l, a[0], zero));
          return {dx, da};
        });
    Value init = filledTensor(rewriter, loc, l.compact,
                              constFloat(rewriter, loc, l.compact.getElementType(), 0.0));
    Value dAlpha = reduceAxes(rewriter, loc, parts[1], l.broadcastAxes, init,
                              [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
                                return {b.create<arith::AddFOp>(l, a[0], a[1])};
                              });
    if (l.compact != alphaType)
      dAlpha = rewriter.create<tensor::ExpandShapeOp>(loc, alphaType, dAlpha, l.reassociation);
    rewriter.replaceOp(op, {parts[0], dAlpha});
    return success();
  }
};

} // namespace

void populatePReLULoweringPatterns(RewritePatternSet &patterns) {
  patterns.add<PReLULowering, PReLUGradLowering>(patterns.getContext());
}

} // namespace dlc::linalg_lowering
