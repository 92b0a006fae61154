// dlc-outer-parallel-loops: one parallel loop per nest, and only where the nest has enough work.
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCOUTERPARALLELLOOPS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

/// Static trip count of one dimension, or a large guess when unknown.
int64_t tripCount(Value lower, Value upper, Value step) {
  auto lb = getConstantIntValue(lower), ub = getConstantIntValue(upper),
       st = getConstantIntValue(step);
  if (!lb || !ub || !st || *st <= 0)
    return 1 << 20;
  return std::max<int64_t>(0, (*ub - *lb + *st - 1) / *st);
}

/// Iterations of the deepest path through `op`'s loop nest (saturating); an
/// op on vectors (a register tile's contraction) counts its elements.
int64_t nestIterations(Operation *op) {
  int64_t own = 1;
  if (auto par = dyn_cast<scf::ParallelOp>(op)) {
    for (auto [lb, ub, st] : llvm::zip(par.getLowerBound(), par.getUpperBound(), par.getStep()))
      own = std::min<int64_t>(own * tripCount(lb, ub, st), int64_t(1) << 40);
  } else if (auto loop = dyn_cast<scf::ForOp>(op)) {
    own = tripCount(loop.getLowerBound(), loop.getUpperBound(), loop.getStep());
  }
  int64_t inner = 1;
  for (Region &region : op->getRegions())
    for (Operation &nested : region.getOps()) {
      if (isa<scf::ParallelOp, scf::ForOp>(nested))
        inner = std::max(inner, nestIterations(&nested));
      for (Type type : nested.getResultTypes())
        if (auto vector = dyn_cast<VectorType>(type))
          inner = std::max(inner, vector.getNumElements());
    }
  return std::min<int64_t>(own * inner, int64_t(1) << 40);
}

/// scf.parallel → nested scf.for over the same bounds (no reductions: the
/// linalg lowering gives none).
LogicalResult serialize(RewriterBase &rewriter, scf::ParallelOp op) {
  if (!op.getInitVals().empty())
    return failure();
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  SmallVector<Value> ivs;
  for (auto [lb, ub, st] : llvm::zip(op.getLowerBound(), op.getUpperBound(), op.getStep())) {
    auto loop = rewriter.create<scf::ForOp>(loc, lb, ub, st);
    ivs.push_back(loop.getInductionVar());
    rewriter.setInsertionPointToStart(loop.getBody());
  }
  Block *body = op.getBody();
  rewriter.eraseOp(body->getTerminator());
  Block *inner = rewriter.getInsertionBlock();
  rewriter.inlineBlockBefore(body, inner, rewriter.getInsertionPoint(), ivs);
  rewriter.eraseOp(op);
  return success();
}

struct OuterParallelLoops : dlc::cpu::impl::DlcOuterParallelLoopsBase<OuterParallelLoops> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<scf::ParallelOp> serial;
    getOperation().walk([&](scf::ParallelOp op) {
      bool nested = op->getParentOfType<scf::ParallelOp>() || op->getParentOfType<scf::ForOp>();
      // dlc-cpu-tile-contractions' thread tiles are parallel by design.
      bool threads = op->hasAttr(dlc::cpu::kThreadsAttrName);
      if (nested || (!threads && nestIterations(op) < minIterations))
        serial.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    // Innermost first (walk is post-order), so outer bodies stay valid.
    for (scf::ParallelOp op : serial)
      (void)serialize(rewriter, op);
  }
};

} // namespace
