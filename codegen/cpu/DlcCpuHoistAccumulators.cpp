// dlc-cpu-hoist-accumulators: register tiles' accumulators live in registers across their reduction loops, summed in blocks.
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPUHOISTACCUMULATORS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

/// Whether `v` is the result of a loop whose iteration argument for it starts
/// from zeros (a loop blockAccumulations has rewritten).
bool isZeroStartedLoopResult(Value v) {
  auto loop = v.getDefiningOp<scf::ForOp>();
  if (!loop)
    return false;
  Value init = loop.getInitArgs()[cast<OpResult>(v).getResultNumber()];
  auto constant = init.getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue()) : nullptr;
  return dense && dense.isSplat() && dense.getSplatValue<APFloat>().isZero();
}

/// Whether `yielded`, the value a loop yields for the iteration argument
/// `acc`, is `acc` plus terms that do not depend on it: a chain of
/// vector.contract / vector.fma accumulators, inner loops of the same kind,
/// and additions of a zero-started inner loop's sum, from `acc`, with no
/// other use of any value on the chain.
bool isAdditive(Value acc, Value yielded) {
  if (!acc.hasOneUse())
    return false;
  Value v = yielded;
  while (v != acc) {
    if (!v.hasOneUse())
      return false;
    if (auto contract = v.getDefiningOp<vector::ContractionOp>()) {
      if (contract.getKind() != vector::CombiningKind::ADD)
        return false;
      v = contract.getAcc();
    } else if (auto fma = v.getDefiningOp<vector::FMAOp>()) {
      v = fma.getAcc();
    } else if (auto add = v.getDefiningOp<arith::AddFOp>()) {
      if (!isZeroStartedLoopResult(add.getRhs()))
        return false;
      v = add.getLhs();
    } else if (auto loop = v.getDefiningOp<scf::ForOp>()) {
      unsigned i = cast<OpResult>(v).getResultNumber();
      if (!isAdditive(loop.getRegionIterArgs()[i], loop.getYieldedValues()[i]))
        return false;
      v = loop.getInitArgs()[i];
    } else {
      return false;
    }
  }
  return true;
}

/// Whether nothing in `loop` writes memory.
bool writesNothing(scf::ForOp loop) {
  WalkResult walk = loop.getBody()->walk([](Operation *op) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (!effects)
      return op->hasTrait<OpTrait::HasRecursiveMemoryEffects>() || isPure(op)
                 ? WalkResult::advance()
                 : WalkResult::interrupt();
    return effects.hasEffect<MemoryEffects::Write>() ? WalkResult::interrupt()
                                                     : WalkResult::advance();
  });
  return !walk.wasInterrupted();
}

/// Reduction loops of at least this many iterations are summed as a block.
constexpr int64_t kMinBlock = 16;

/// A loop that accumulates a register tile (its iteration argument only
/// ever gains vector.contract / vector.fma terms) is rewritten to start from
/// zero, and what it started from is added after it:
///   %r = scf.for … iter_args(%a = %c) { … %a … }
/// becomes
///   %s = scf.for … iter_args(%a = 0) { … }; %r = %c + %s
/// Applied at every level of a tile's reduction loop nest (innermost first)
/// of at least kMinBlock iterations, this sums each loop's terms among
/// themselves before they meet the (often much larger) running sum around
/// them: a blocked summation, whose rounding error grows with the blocks'
/// sizes rather than the whole reduction's length (a filter gradient of
/// mnist_cnn sums 73,728 terms per element: as 26 output pixels of a row,
/// 24 rows of an image, 128 images). Where C itself is read just before the
/// outermost loop and the loop writes no memory, the read moves after it,
/// so C's tile does not occupy registers during the reduction.
void blockAccumulations(scf::ForOp loop, IRRewriter &rewriter) {
  std::optional<int64_t> trips = constantTripCount(loop.getLowerBound(), loop.getUpperBound(),
                                                   loop.getStep());
  if (!trips || *trips < kMinBlock)
    return;
  for (auto [i, init] : llvm::enumerate(loop.getInitArgs())) {
    Value result = loop.getResult(i);
    auto type = dyn_cast<VectorType>(init.getType());
    if (!type || !result.hasOneUse() ||
        !isAdditive(loop.getRegionIterArgs()[i], loop.getYieldedValues()[i]))
      continue;
    rewriter.setInsertionPoint(loop);
    Value zero = rewriter.create<arith::ConstantOp>(loop.getLoc(), type,
                                                    rewriter.getZeroAttr(type));
    rewriter.modifyOpInPlace(loop, [&] { loop.getInitArgsMutable()[i].set(zero); });
    Operation *user = *result.getUsers().begin();
    rewriter.setInsertionPoint(user);
    auto sum = rewriter.create<arith::AddFOp>(loop.getLoc(), init, result);
    rewriter.modifyOpInPlace(user, [&] {
      for (OpOperand &use : user->getOpOperands())
        if (use.get() == result)
          use.set(sum);
    });
    auto read = init.getDefiningOp<vector::TransferReadOp>();
    if (read && init.hasOneUse() && read->getBlock() == loop->getBlock() && writesNothing(loop))
      rewriter.moveOpBefore(read, sum);
  }
}

struct HoistAccumulators
    : dlc::cpu::impl::DlcCpuHoistAccumulatorsBase<HoistAccumulators> {
  void runOnOperation() override {
    linalg::hoistRedundantVectorTransfers(getOperation());
    IRRewriter rewriter(&getContext());
    // Innermost loops first (post-order), so each level sees its inner
    // loops already blocked.
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      blockAccumulations(loop, rewriter);
  }
};

} // namespace
