// dlc-linalg-loop-order: contractions get their contiguous output dimension as the innermost loop.
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCLINALGLOOPORDER
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

/// C = A·Bᵀ as C = A·(transposed copy of B): the copy costs K·N moves, the
/// product M·N·K multiply-adds, and the product's inner loop then runs
/// along rows of both B and C.
LogicalResult rewriteTransposeB(RewriterBase &rewriter,
                                linalg::MatmulTransposeBOp op) {
  if (!op.hasPureTensorSemantics())
    return failure();
  Value a = op.getInputs()[0], b = op.getInputs()[1];
  auto bType = cast<RankedTensorType>(b.getType());
  if (!bType.hasStaticShape())
    return failure();
  // The transpose goes before the outermost enclosing loop that B does not
  // depend on: BPTT's reverse loop multiplies by the transposed recurrent
  // kernel at every step, which is then transposed once.
  Operation *at = op;
  while (Operation *parent = at->getParentOp()) {
    if (!isa<scf::ForOp, scf::ForallOp>(parent) || parent->isAncestor(b.getParentBlock()->getParentOp()))
      break;
    at = parent;
  }
  rewriter.setInsertionPoint(at);
  Location loc = op.getLoc();
  auto tType = RankedTensorType::get({bType.getDimSize(1), bType.getDimSize(0)},
                                     bType.getElementType());
  Value empty = rewriter.create<tensor::EmptyOp>(loc, tType.getShape(),
                                                 tType.getElementType());
  Value bt = rewriter.create<linalg::TransposeOp>(loc, b, empty,
                                                  ArrayRef<int64_t>{1, 0})
                 ->getResult(0);
  rewriter.setInsertionPoint(op);
  rewriter.replaceOpWithNewOp<linalg::MatmulOp>(op, op.getResultTypes(),
                                                ValueRange{a, bt},
                                                op.getOutputs());
  return success();
}

/// The loop order that puts the loop of the output's last dimension
/// innermost, or an empty vector when the op is better left alone: no
/// reduction loop, that loop already innermost, or no input contiguous
/// along it (a row reduction like softmax's sum would become strided).
SmallVector<unsigned> innerContiguousOrder(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0 || op.getNumDpsInits() != 1)
    return {};
  AffineMap outMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  if (outMap.getNumResults() == 0)
    return {};
  auto innerExpr = dyn_cast<AffineDimExpr>(outMap.getResults().back());
  if (!innerExpr)
    return {};
  unsigned inner = innerExpr.getPosition();
  unsigned loops = op.getNumLoops();
  if (inner == loops - 1 ||
      op.getIteratorTypesArray()[inner] != utils::IteratorType::parallel)
    return {};
  bool contiguousInput = llvm::any_of(op.getDpsInputOperands(), [&](OpOperand *in) {
    AffineMap map = op.getMatchingIndexingMap(in);
    if (map.getNumResults() == 0)
      return false;
    auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
    return last && last.getPosition() == inner;
  });
  if (!contiguousInput)
    return {};
  SmallVector<unsigned> order;
  for (unsigned l = 0; l < loops; ++l)
    if (l != inner)
      order.push_back(l);
  order.push_back(inner);
  return order;
}

struct LinalgLoopOrder : dlc::cpu::impl::DlcLinalgLoopOrderBase<LinalgLoopOrder> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<linalg::MatmulTransposeBOp> transposed;
    getOperation().walk(
        [&](linalg::MatmulTransposeBOp op) { transposed.push_back(op); });
    for (auto op : transposed)
      (void)rewriteTransposeB(rewriter, op);

    // Matmuls and convolutions dlc-cpu-tile-contractions register-tiles
    // keep their named form; only the other reductions (pooling, a strided
    // convolution) get the loop order LLVM's vectoriser wants.
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !dlc::cpu::isRegisterTiledContraction(op) &&
          !innerContiguousOrder(op).empty())
        candidates.push_back(op);
    });
    for (linalg::LinalgOp op : candidates) {
      SmallVector<unsigned> order = innerContiguousOrder(op);
      rewriter.setInsertionPoint(op);
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (!generic) {
        FailureOr<linalg::GenericOp> g = linalg::generalizeNamedOp(rewriter, op);
        if (failed(g))
          continue;
        generic = *g;
      }
      (void)linalg::interchangeGenericOp(rewriter, generic, order);
    }
  }
};

} // namespace
