// dlc-linalg-tile-rows: row blocks of matmul-like contractions, each run as (k, m, n).
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCLINALGTILEROWS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {

/// (parallel m, reduction k, parallel n) with static sizes and more than
/// `rows` rows.
bool isRowTileable(linalg::GenericOp op, int64_t rows) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() != 3 || op.getNumDpsInits() != 1)
    return false;
  auto it = op.getIteratorTypesArray();
  if (it[0] != utils::IteratorType::parallel || it[1] != utils::IteratorType::reduction ||
      it[2] != utils::IteratorType::parallel)
    return false;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  return llvm::none_of(ranges, ShapedType::isDynamic) && ranges[0] > rows;
}

/// The all-parallel generic that updates `producer`'s only result in place
/// and is its only use (no inputs, identity map): the activation of a fused
/// dense or convolution as convert-dlc-to-linalg lowers it; else null.
linalg::GenericOp inPlaceEpilogue(linalg::LinalgOp producer) {
  Value result = producer->getResult(0);
  if (producer->getNumResults() != 1 || !result.hasOneUse())
    return {};
  auto epilogue = dyn_cast<linalg::GenericOp>(*result.getUsers().begin());
  if (!epilogue || epilogue.getNumDpsInputs() != 0 || epilogue.getNumDpsInits() != 1 ||
      epilogue.getDpsInitOperand(0)->get() != result ||
      epilogue.getNumParallelLoops() != epilogue.getNumLoops() ||
      !epilogue.getIndexingMapsArray()[0].isIdentity())
    return {};
  return epilogue;
}

/// A convolution as dlc-linalg-loop-order leaves it (named when
/// dlc-cpu-tile-contractions will tile it, else a generic): 7 loops, the
/// batch loop outermost and parallel, more than one image.
bool isBatchedConvolution(linalg::LinalgOp op) {
  if (!isa<linalg::GenericOp, linalg::Conv2DNhwcHwcfOp>(op.getOperation()) ||
      !op.hasPureTensorSemantics() || op.getNumLoops() != 7 || op.getNumDpsInits() != 1 ||
      op.getIteratorTypesArray()[0] != utils::IteratorType::parallel)
    return false;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  return llvm::none_of(ranges, ShapedType::isDynamic) && ranges[0] > 1;
}

/// (parallel, reduction, parallel) contractions inside a tile are run as
/// (k, m, n).
void reduceOutermost(RewriterBase &rewriter, ArrayRef<Operation *> ops) {
  for (Operation *inner : ops) {
    auto generic = dyn_cast<linalg::GenericOp>(inner);
    if (!generic || generic.getNumLoops() != 3)
      continue;
    auto it = generic.getIteratorTypesArray();
    if (it[0] != utils::IteratorType::parallel || it[1] != utils::IteratorType::reduction)
      continue;
    rewriter.setInsertionPoint(generic);
    (void)linalg::interchangeGenericOp(rewriter, generic, {1, 0, 2});
  }
}

struct LinalgTileRows : dlc::cpu::impl::DlcLinalgTileRowsBase<LinalgTileRows> {
  using Base::Base;

  /// Tiles `epilogue` by `sizes` (0: untiled) as an scf.forall and fuses
  /// its linalg producers (the contraction, the bias broadcast or fill) into
  /// each tile, so a tile's activation runs while its output is in cache.
  LogicalResult tileWithProducers(IRRewriter &rewriter, linalg::GenericOp epilogue,
                                  ArrayRef<int64_t> sizes) {
    rewriter.setInsertionPoint(epilogue);
    scf::SCFTilingOptions tiling;
    SmallVector<OpFoldResult> tileSizes;
    for (int64_t size : sizes)
      tileSizes.push_back(rewriter.getIndexAttr(size));
    tiling.setTileSizes(tileSizes);
    tiling.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tiling);
    options.setFusionControlFn([](tensor::ExtractSliceOp, OpResult producer, bool) {
      return std::make_tuple(isa<linalg::LinalgOp>(producer.getOwner()), false);
    });
    auto fused = scf::tileConsumerAndFuseProducersUsingSCF(
        rewriter, cast<TilingInterface>(epilogue.getOperation()), options);
    if (failed(fused))
      return failure();
    for (OpResult result : epilogue->getResults())
      if (Value replacement = fused->replacements.lookup(result))
        rewriter.replaceAllUsesWith(result, replacement);
    // The untiled ops are dead now: the epilogue, then its producers.
    rewriter.eraseOp(epilogue);
    for (Operation *producer : fused->fusedProducers)
      if (producer->use_empty())
        rewriter.eraseOp(producer);
    reduceOutermost(rewriter, fused->tiledAndFusedOps.getArrayRef());
    return success();
  }

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> contractions;
    SmallVector<linalg::LinalgOp> convolutions;
    getOperation().walk([&](linalg::LinalgOp op) {
      auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      if (generic && isRowTileable(generic, rows))
        contractions.push_back(generic);
      else if (isBatchedConvolution(op) && inPlaceEpilogue(op))
        convolutions.push_back(op);
    });
    if (!contractions.empty() &&
        !isa<TilingInterface>(contractions.front().getOperation())) {
      contractions.front().emitError(
          "dlc-linalg-tile-rows: linalg's TilingInterface models are not "
          "registered in this context");
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : convolutions) {
      // One image per tile: the convolution, then its activation.
      SmallVector<int64_t> sizes(cast<RankedTensorType>(op->getResult(0).getType()).getRank(), 0);
      sizes[0] = 1;
      (void)tileWithProducers(rewriter, inPlaceEpilogue(op), sizes);
    }
    for (linalg::GenericOp op : contractions) {
      // A matmul's in-place epilogue stays after the tiled loop: fused into
      // the row blocks it made mnist_mlp's step 5 % slower (single thread,
      // 200-step runs), where the convolutions' per-image epilogue pays.
      rewriter.setInsertionPoint(op);
      scf::SCFTilingOptions options;
      options.setTileSizes({rewriter.getIndexAttr(rows), rewriter.getIndexAttr(0),
                            rewriter.getIndexAttr(0)});
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled))
        continue;
      rewriter.replaceOp(op, tiled->replacements);
      reduceOutermost(rewriter, tiled->tiledOps);
    }
  }
};

} // namespace
