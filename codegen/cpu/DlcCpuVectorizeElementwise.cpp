// dlc-cpu-vectorize-elementwise: element-wise linalg ops and 2-D transposes on buffers as vector code over thread chunks.
#include "codegen/cpu/Passes.h"
#include "codegen/cpu/StaticSplit.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/MemRef/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPUVECTORIZEELEMENTWISE
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;
using dlc::cpu::splitAtTileMultiple;

namespace {

/// An all-parallel op of static shape whose innermost loop runs along the
/// last (contiguous) dimension of every operand that depends on it, and
/// along no other dimension: its tile of [1, ..., 1, w] reads and writes
/// whole vectors. Bodies that read memory themselves (a gather) are left
/// to the loop lowering.
bool isContiguousElementwise(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.hasDynamicShape() ||
      op.getNumLoops() == 0 || op.getNumParallelLoops() != op.getNumLoops() ||
      isa<linalg::TransposeOp>(op.getOperation()))
    return false;
  for (Type t : op->getOperandTypes()) {
    auto memref = dyn_cast<MemRefType>(t);
    if (memref ? !memref.getElementType().isIntOrFloat() : !t.isIntOrFloat())
      return false;
  }
  unsigned inner = op.getNumLoops() - 1;
  for (AffineMap map : op.getIndexingMapsArray()) {
    if (map.getNumResults() == 0)
      continue;
    for (auto [i, expr] : llvm::enumerate(map.getResults())) {
      bool last = i + 1 == map.getNumResults();
      if (last && !expr.isFunctionOfDim(inner))
        continue;
      if (last ? expr != getAffineDimExpr(inner, op.getContext())
               : expr.isFunctionOfDim(inner))
        return false;
    }
    // Other results may be any affine function of the outer loops (a
    // window's tap, a broadcast): each tile reads one contiguous row.
  }
  bool readsMemory = false;
  op->walk([&](Operation *nested) {
    if (nested != op.getOperation() && !isPure(nested) &&
        !isa<linalg::YieldOp, linalg::IndexOp>(nested))
      readsMemory = true;
  });
  return !readsMemory;
}

/// A 2-D linalg.transpose of f32 of static shape.
bool isTranspose2D(linalg::LinalgOp op) {
  auto transpose = dyn_cast<linalg::TransposeOp>(op.getOperation());
  if (!transpose || !op.hasPureBufferSemantics() || op.hasDynamicShape() ||
      op.getNumLoops() != 2)
    return false;
  return cast<MemRefType>(transpose.getInit().getType()).getElementType().isF32();
}

struct VectorizeElementwise
    : dlc::cpu::impl::DlcCpuVectorizeElementwiseBase<VectorizeElementwise> {
  using Base::Base;


  /// Tiles `op` by `sizes`: the first loop over threads when `threads`
  /// (an scf.parallel marked dlc.cpu.threads), the rest as scf.for, and
  /// vectorises the tile.
  LogicalResult tileAndVectorize(IRRewriter &rewriter, linalg::LinalgOp op,
                                 ArrayRef<int64_t> sizes, bool threads) {
    linalg::LinalgOp current = op;
    SmallVector<int64_t> rest(sizes);
    if (threads) {
      SmallVector<OpFoldResult> tileSizes(sizes.size(), rewriter.getIndexAttr(0));
      tileSizes[0] = rewriter.getIndexAttr(sizes[0]);
      rewriter.setInsertionPoint(current);
      FailureOr<linalg::ForallTilingResult> tiled = linalg::tileToForallOpUsingTileSizes(
          rewriter, cast<TilingInterface>(current.getOperation()), tileSizes, std::nullopt);
      if (failed(tiled))
        return failure();
      rewriter.eraseOp(current);
      scf::ParallelOp parallel;
      rewriter.setInsertionPoint(tiled->tileOp);
      if (failed(scf::forallToParallelLoop(rewriter, cast<scf::ForallOp>(tiled->tileOp),
                                           &parallel)))
        return failure();
      parallel->setAttr(dlc::cpu::kThreadsAttrName, rewriter.getUnitAttr());
      current = cast<linalg::LinalgOp>(tiled->tiledOp);
      rest[0] = 0;
    }
    if (llvm::any_of(rest, [](int64_t s) { return s != 0; })) {
      scf::SCFTilingOptions options;
      SmallVector<OpFoldResult> tileSizes;
      for (int64_t s : rest)
        tileSizes.push_back(rewriter.getIndexAttr(s));
      options.setTileSizes(tileSizes);
      rewriter.setInsertionPoint(current);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(current.getOperation()), options);
      if (failed(tiled) || tiled->tiledOps.size() != 1)
        return failure();
      rewriter.eraseOp(current);
      current = cast<linalg::LinalgOp>(tiled->tiledOps.front());
    }
    rewriter.setInsertionPoint(current);
    // On buffers, vectorize erases the op it replaces.
    return linalg::vectorize(rewriter, current);
  }

  static bool insideParallelLoop(Operation *op) {
    return op->getParentOfType<scf::ForallOp>() || op->getParentOfType<scf::ParallelOp>();
  }

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> elementwise, transposes;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (isContiguousElementwise(op))
        elementwise.push_back(op);
      else if (isTranspose2D(op))
        transposes.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : elementwise) {
      unsigned inner = op.getNumLoops() - 1;
      int64_t width = op.getStaticLoopRanges()[inner];
      // A row narrower than half a vector is left to LLVM's vectoriser
      // (across rows); a remainder of a wider one is a piece of its own.
      if (width < vectorLanes / 2)
        continue;
      for (linalg::LinalgOp piece : splitAtTileMultiple(rewriter, op, inner, vectorLanes)) {
        SmallVector<int64_t> ranges = piece.getStaticLoopRanges();
        int64_t elements = 1;
        for (int64_t r : ranges)
          elements *= r;
        SmallVector<int64_t> sizes(ranges.size(), 1);
        sizes[inner] = std::min<int64_t>(ranges[inner], vectorLanes);
        bool threads = !insideParallelLoop(piece) && elements >= minThreadElements &&
                       ranges.size() > 1 && ranges[0] > 1;
        if (failed(tileAndVectorize(rewriter, piece, sizes, threads))) {
          piece->emitError("dlc-cpu-vectorize-elementwise: could not vectorise this op");
          return signalPassFailure();
        }
      }
    }
    // Transposes as 16 x 16 tiles: read 16 rows, shuffle in registers
    // (dlc-cpu-lower-vectors), write 16 rows.
    for (linalg::LinalgOp op : transposes) {
      SmallVector<linalg::LinalgOp> pieces;
      for (linalg::LinalgOp rows : splitAtTileMultiple(rewriter, op, 0, 16))
        for (linalg::LinalgOp piece : splitAtTileMultiple(rewriter, rows, 1, 16))
          pieces.push_back(piece);
      for (linalg::LinalgOp piece : pieces) {
        SmallVector<int64_t> ranges = piece.getStaticLoopRanges();
        SmallVector<int64_t> sizes = {std::min<int64_t>(ranges[0], 16),
                                      std::min<int64_t>(ranges[1], 16)};
        bool threads = !insideParallelLoop(piece) &&
                       ranges[0] * ranges[1] >= minThreadElements && ranges[0] > sizes[0];
        if (failed(tileAndVectorize(rewriter, piece, sizes, threads))) {
          piece->emitError("dlc-cpu-vectorize-elementwise: could not vectorise this transpose");
          return signalPassFailure();
        }
      }
    }
    // The tiles' transfers read through subviews of static extents: folded
    // into their buffers, they are known to be in bounds (an unproven one
    // lowers to a guarded load per element).
    RewritePatternSet patterns(&getContext());
    memref::populateFoldMemRefAliasOpPatterns(patterns);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns, &getContext());
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
