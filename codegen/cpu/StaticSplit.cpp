#include "codegen/cpu/StaticSplit.h"

#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

namespace dlc::cpu {

SmallVector<linalg::LinalgOp> splitAtTileMultiple(IRRewriter &rewriter, linalg::LinalgOp op,
                                                  unsigned dim, int64_t tile) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ranges[dim] <= tile || ranges[dim] % tile == 0)
    return {op};
  int64_t at = ranges[dim] / tile * tile;
  SmallVector<linalg::LinalgOp> pieces;
  rewriter.setInsertionPoint(op);
  for (auto [from, size] : {std::pair<int64_t, int64_t>{0, at}, {at, ranges[dim] - at}}) {
    SmallVector<OpFoldResult> offsets, sizes;
    for (auto [i, r] : llvm::enumerate(ranges)) {
      offsets.push_back(rewriter.getIndexAttr(i == dim ? from : 0));
      sizes.push_back(rewriter.getIndexAttr(i == dim ? size : r));
    }
    FailureOr<TilingResult> piece =
        cast<TilingInterface>(op.getOperation()).getTiledImplementation(rewriter, offsets, sizes);
    if (failed(piece) || piece->tiledOps.size() != 1)
      return {};
    pieces.push_back(cast<linalg::LinalgOp>(piece->tiledOps.front()));
  }
  rewriter.eraseOp(op);
  return pieces;
}

} // namespace dlc::cpu
