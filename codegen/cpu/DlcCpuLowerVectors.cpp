// dlc-cpu-lower-vectors: vector.contract as outer products (FMAs on whole vector registers), transfers as loads and stores.
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPULOWERVECTORS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

/// An element-wise op on n-D vectors whose leading dimensions are all 1 as
/// the same op on the last dimension, between shape casts. Upstream's
/// leading-unit-dimension patterns take single-result ops only; this covers
/// the rest (arith.mului_extended of the dropout masks' Philox rounds).
struct FlattenElementwise : RewritePattern {
  FlattenElementwise(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}
  LogicalResult matchAndRewrite(Operation *op, PatternRewriter &rewriter) const override {
    if (!OpTrait::hasElementwiseMappableTraits(op) || op->getNumResults() == 0 ||
        op->getNumRegions() != 0)
      return failure();
    auto type = dyn_cast<VectorType>(op->getResult(0).getType());
    if (!type || type.getRank() < 2 || type.isScalable() ||
        llvm::any_of(type.getShape().drop_back(), [](int64_t d) { return d != 1; }))
      return failure();
    auto shapeOf = [](Type t) {
      auto v = dyn_cast<VectorType>(t);
      return v ? SmallVector<int64_t>(v.getShape()) : SmallVector<int64_t>{};
    };
    SmallVector<Type> types(op->getOperandTypes());
    llvm::append_range(types, op->getResultTypes());
    for (Type t : types)
      if (shapeOf(t) != shapeOf(type))
        return failure();
    Location loc = op->getLoc();
    SmallVector<Value> operands;
    for (Value v : op->getOperands()) {
      auto vt = cast<VectorType>(v.getType());
      operands.push_back(rewriter.create<vector::ShapeCastOp>(
          loc, VectorType::get({vt.getShape().back()}, vt.getElementType()), v));
    }
    SmallVector<Type> resultTypes;
    for (Type t : op->getResultTypes()) {
      auto vt = cast<VectorType>(t);
      resultTypes.push_back(VectorType::get({vt.getShape().back()}, vt.getElementType()));
    }
    Operation *flat = rewriter.create(loc, op->getName().getIdentifier(), operands, resultTypes,
                                      op->getAttrs());
    SmallVector<Value> results;
    for (auto [r, t] : llvm::zip(flat->getResults(), op->getResultTypes()))
      results.push_back(rewriter.create<vector::ShapeCastOp>(loc, t, r));
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct LowerVectors : dlc::cpu::impl::DlcCpuLowerVectorsBase<LowerVectors> {
  void runOnOperation() override {
    // Element-wise tiles are vector<1x...x1xN>: their leading unit
    // dimensions go first, so every element-wise op (mului_extended too,
    // which the LLVM conversion takes on 1-D vectors only) is on 1-D
    // vectors.
    {
      RewritePatternSet patterns(&getContext());
      vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
      patterns.add<FlattenElementwise>(&getContext());
      vector::ShapeCastOp::getCanonicalizationPatterns(patterns, &getContext());
      if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    vector::VectorTransformsOptions options;
    options.setVectorTransformsOptions(vector::VectorContractLowering::OuterProduct);
    // A 16x16 tile of a transpose as shuffles of whole registers.
    options.setVectorTransposeLowering(vector::VectorTransposeLowering::Shuffle16x16);
    RewritePatternSet patterns(&getContext());
    vector::populateVectorContractLoweringPatterns(patterns, options);
    vector::populateVectorOuterProductLoweringPatterns(patterns);
    vector::populateVectorBroadcastLoweringPatterns(patterns);
    vector::populateVectorTransferLoweringPatterns(patterns, /*maxTransferRank=*/1);
    vector::populateVectorShapeCastLoweringPatterns(patterns);
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorTransposeLoweringPatterns(patterns, options);
    vector::populateVectorMultiReductionLoweringPatterns(
        patterns, vector::VectorMultiReductionLowering::InnerParallel);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
