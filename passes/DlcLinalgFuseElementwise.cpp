// dlc-linalg-fuse-elementwise: linalg's element-wise producer/consumer
// fusion, except for producers that update their init in place.
#include "passes/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dlc {
#define GEN_PASS_DEF_DLCLINALGFUSEELEMENTWISE
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {

/// Whether `op`'s payload reads one of its inits (`outs` block arguments).
bool readsInit(linalg::LinalgOp op) {
  return llvm::any_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
    return op.payloadUsesValueFromOperand(&init);
  });
}

/// Whether `op`'s payload reads a tensor by index (a gather).
bool gathers(linalg::LinalgOp op) {
  bool found = false;
  op->walk([&](tensor::ExtractOp) { found = true; });
  return found;
}

/// Whether the consumer would evaluate the fused producer more than once
/// per element: its map of the operand leaves out some of its loops (a
/// broadcast, or a contraction's operand).
bool reevaluated(OpOperand *fused) {
  auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
  return consumer && !consumer.getMatchingIndexingMap(fused).isPermutation();
}

/// A producer cheaper to evaluate again than to store and load: a few
/// arithmetic operations (a bias and an activation, an activation's
/// derivative), not a random-number generator or a transcendental chain.
bool cheapToRecompute(linalg::LinalgOp producer) {
  constexpr size_t kCheapOps = 4;
  Block &body = producer->getRegion(0).front();
  return body.getOperations().size() <= kCheapOps + 1; // and its yield
}

/// Where a fused producer would run more than once per element, fusion
/// must be worth it: never into a reduction (a contraction's operand: an
/// element-wise op fused into a filter or weight gradient ran once per
/// output column, and the target no longer saw a contraction to tile), and
/// into an element-wise consumer only when the producer is cheap (the
/// dropout gradient's Philox rounds ran four times per element inside a
/// 2x2 max-pooling gradient).
bool worthReevaluating(OpOperand *fused, linalg::LinalgOp producer) {
  if (!reevaluated(fused))
    return true;
  auto consumer = cast<linalg::LinalgOp>(fused->getOwner());
  return consumer.getNumReductionLoops() == 0 && cheapToRecompute(producer);
}

/// A producer with one use that computes each element from its inputs only
/// (and, without `fuseGathers`, reads no tensor by index), fused where it
/// is worth evaluating again.
bool fusable(OpOperand *fused, bool fuseGathers) {
  Operation *producer = fused->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(producer);
  return !linalgOp || (!readsInit(linalgOp) && (fuseGathers || !gathers(linalgOp)) &&
                       worthReevaluating(fused, linalgOp));
}

struct LinalgFuseElementwise
    : dlc::impl::DlcLinalgFuseElementwiseBase<LinalgFuseElementwise> {
  using Base::Base;
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    bool fuseGathers = this->gathers;
    linalg::ControlFusionFn fusable = [fuseGathers](OpOperand *operand) {
      return ::fusable(operand, fuseGathers);
    };
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, fusable);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, fusable);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, fusable);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns), config)))
      signalPassFailure();
  }
};

} // namespace
