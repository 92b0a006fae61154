// How the CUDA targets turn one linalg op (on memrefs, after bufferization)
// into kernels: the schedule is chosen from the op's shape, then written with
// KernelBuilder, so the same code runs on the GPU and in the host emulation.
//
//   element-wise    (no reduction loop): one thread per iteration of the
//                   flattened loop nest, the last loop fastest, so consecutive
//                   threads touch consecutive addresses of row-major operands
//   contraction     (out += a * b with reduction loops, large enough): block
//                   tiles of 64 x 64 outputs over K tiles of 16 staged in
//                   workgroup memory, a 4 x 4 register tile per thread, FMAs;
//                   with few output tiles and a long K, the K range is split
//                   over blocks into partial sums that a second kernel adds in
//                   a fixed order (deterministic split-K)
//   block reduction (out = out ⊕ f(ins), ⊕ associative, long reduction): one
//                   block per output, each thread folds a strided share, then a
//                   tree in workgroup memory in a fixed order
//   thread per output (every other reduction): one thread per output element
//                   folds the reduction loops in order
// No schedule uses atomics whose order could vary: results do not depend on
// timing.
#ifndef DLC_CODEGEN_CUDA_SCHEDULES_H
#define DLC_CODEGEN_CUDA_SCHEDULES_H

#include "codegen/cuda/KernelBuilder.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cuda {

/// Threads per block of the element-wise and reduction schedules.
inline constexpr int64_t kThreadsPerBlock = 256;

/// `op` as a linalg.generic (named ops generalised, linalg.map rewritten),
/// in its place; fails with a diagnostic when it cannot be.
mlir::FailureOr<mlir::linalg::GenericOp> toGeneric(mlir::RewriterBase &rewriter,
                                                   mlir::linalg::LinalgOp op);

/// Emits `op` as kernels in its place and erases it. With `producer`, an
/// element-wise op writing `op`'s output just before (initInto says when one
/// may be folded), the output's initial values are computed in `op`'s kernel
/// instead, and the producer is erased too. Fails with a diagnostic on the op
/// when no schedule takes it.
mlir::LogicalResult emitKernels(mlir::RewriterBase &rewriter, mlir::linalg::GenericOp op,
                                KernelMode mode, mlir::linalg::GenericOp producer = {});

/// Whether `producer` may be folded into `consumer` as its output's initial
/// values: `producer` is element-wise with one output written whole (identity
/// map) and not read, `consumer` has that same buffer as its only output and
/// reads it (a reduction's start, an accumulation), and neither reads another
/// view of that buffer. The caller checks that nothing between them touches
/// the buffer.
bool initInto(mlir::linalg::GenericOp producer, mlir::linalg::GenericOp consumer);

/// Whether `a` and `b` may run as one kernel in either order: neither writes
/// a buffer the other reads or writes. Views of one buffer count as the
/// same buffer; fresh allocations differ from everything else; two function
/// arguments differ when their `dlc.place` attributes (region, offset,
/// bytes: dlc-cuda-annotate-places) do not overlap.
bool independent(mlir::linalg::GenericOp a, mlir::linalg::GenericOp b);

/// Element-wise ops, pairwise independent, as one kernel (schedule
/// `elementwise-group`): the ops' points laid end to end over the threads,
/// each thread running the one point it lands on. Emitted at the insertion
/// point; the caller erases the ops.
mlir::LogicalResult emitElementwiseGroup(mlir::OpBuilder &b,
                                         llvm::ArrayRef<mlir::linalg::GenericOp> ops,
                                         KernelMode mode);

/// The schedules (each emits at `rewriter`'s insertion point; the caller
/// erases the op). `producer` as for emitKernels.
mlir::LogicalResult emitElementwise(mlir::OpBuilder &b, mlir::linalg::GenericOp op,
                                    KernelMode mode, mlir::linalg::GenericOp producer = {});
mlir::LogicalResult emitThreadPerOutput(mlir::OpBuilder &b, mlir::linalg::GenericOp op,
                                        KernelMode mode, mlir::linalg::GenericOp producer = {});
/// Whether the block reduction takes `op`: one output, a payload
/// out ⊕ f(ins) with an associative ⊕ of a known identity, and a reduction
/// long enough to share out among a block.
bool takesBlockReduction(mlir::linalg::GenericOp op);
mlir::LogicalResult emitBlockReduction(mlir::OpBuilder &b, mlir::linalg::GenericOp op,
                                       KernelMode mode, mlir::linalg::GenericOp producer = {});
/// Whether the tiled contraction takes `op`: out += a * b over two memref
/// inputs, large enough for block tiles.
bool takesContraction(mlir::linalg::GenericOp op);
mlir::LogicalResult emitContraction(mlir::OpBuilder &b, mlir::linalg::GenericOp op,
                                    KernelMode mode, mlir::linalg::GenericOp producer = {});

/// The static loop ranges of `op`, split by iterator kind.
struct LoopShape {
  llvm::SmallVector<int64_t> sizes;
  llvm::SmallVector<unsigned> parallel, reduction; ///< loop positions
  int64_t parallelCount() const;
  int64_t reductionCount() const;
};
mlir::FailureOr<LoopShape> loopShape(mlir::linalg::GenericOp op);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_SCHEDULES_H
