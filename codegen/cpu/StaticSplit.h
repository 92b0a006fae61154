// Splitting a static linalg op into full tiles and a remainder, shared by
// the cpu target's passes that need every tile static and full
// (dlc-cpu-tile-contractions, dlc-cpu-vectorize-elementwise).
#ifndef DLC_CODEGEN_CPU_STATICSPLIT_H
#define DLC_CODEGEN_CPU_STATICSPLIT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cpu {

/// `op` split along loop `dim` at the largest multiple of `tile` below its
/// extent, into two ops over static pieces (the first a whole number of
/// tiles, the second the remainder); `op` itself when the extent is at most
/// `tile` or a multiple of it; empty when the op cannot be tiled that way
/// (the op is then left as it is).
llvm::SmallVector<mlir::linalg::LinalgOp> splitAtTileMultiple(mlir::IRRewriter &rewriter,
                                                              mlir::linalg::LinalgOp op,
                                                              unsigned dim, int64_t tile);

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_STATICSPLIT_H
