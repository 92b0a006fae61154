// dlc-linalg-tile-rows: row blocks of matmul-like contractions, each run as (k, m, n).
#include "passes/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc {
#define GEN_PASS_DEF_DLCLINALGTILEROWS
#include "passes/Passes.h.inc"
} // namespace dlc

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

struct LinalgTileRows : dlc::impl::DlcLinalgTileRowsBase<LinalgTileRows> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isRowTileable(op, rows))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      rewriter.setInsertionPoint(op);
      scf::SCFTilingOptions options;
      options.setTileSizes({rewriter.getIndexAttr(rows), rewriter.getIndexAttr(0),
                            rewriter.getIndexAttr(0)});
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      auto tileable = dyn_cast<TilingInterface>(op.getOperation());
      if (!tileable) {
        op.emitError("dlc-linalg-tile-rows: linalg's TilingInterface models are not "
                     "registered in this context");
        return signalPassFailure();
      }
      FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(rewriter, tileable, options);
      if (failed(tiled))
        continue;
      rewriter.replaceOp(op, tiled->replacements);
      for (Operation *inner : tiled->tiledOps)
        if (auto generic = dyn_cast<linalg::GenericOp>(inner)) {
          rewriter.setInsertionPoint(generic);
          (void)linalg::interchangeGenericOp(rewriter, generic, {1, 0, 2});
        }
    }
  }
};

} // namespace
