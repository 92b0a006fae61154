// Building one GPU kernel with a static grid and block, in either of two forms
// from the same code: a gpu.launch (what runs on the GPU) or host loops over
// blocks and threads (the emulation that lets tests run a kernel's exact index
// arithmetic on the CPU against cpu-ref, where no GPU exists).
//
// A kernel is written as phases: every thread of a block runs a phase, and
// consecutive phases are separated by a barrier (gpu.barrier; in the
// emulation, a phase is a loop over the block's threads, which orders them
// the same way). Values that outlive a phase live in per-thread arrays
// (private memory on the GPU, an array per thread in the emulation);
// workgroup memory is shared by the threads of a block.
#ifndef DLC_CODEGEN_CUDA_KERNELBUILDER_H
#define DLC_CODEGEN_CUDA_KERNELBUILDER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <array>
#include <functional>

namespace dlc::cuda {

enum class KernelMode {
  Gpu,     ///< a gpu.launch
  Emulate, ///< scf.for loops over blocks and threads on the host
};

using PhaseFn = llvm::function_ref<void(mlir::OpBuilder &, mlir::Value tid)>;

class KernelBuilder {
public:
  /// Starts a kernel at `b`'s insertion point: `grid` blocks of `threads`
  /// threads (x only), with workgroup buffers of `shared` types (element
  /// type and static shape; the memory space is set here). The kernel (the
  /// gpu.launch, or the emulation's outermost loop) is marked
  /// `dlc.schedule = schedule`, for tests and reports.
  KernelBuilder(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef schedule, KernelMode mode,
                std::array<int64_t, 3> grid, int64_t threads,
                llvm::ArrayRef<mlir::MemRefType> shared = {});
  /// Ends the kernel; `b` continues after it.
  void finish();

  mlir::OpBuilder &builder() { return body_; }
  mlir::Location loc() const { return loc_; }
  KernelMode mode() const { return mode_; }
  int64_t threads() const { return threads_; }
  /// The block's index along `dim` (0 = x).
  mlir::Value blockId(int dim) const { return blockIds_[dim]; }
  /// Thread `tid`'s index over the whole grid along x: blockId(0) * threads + tid.
  mlir::Value linearId(mlir::OpBuilder &b, mlir::Value tid) const;
  /// Workgroup buffer `i`.
  mlir::Value shared(int i) const { return shared_[i]; }

  /// Runs `fn` for every thread of the block, after a barrier (but for the
  /// kernel's first phase).
  void phase(PhaseFn fn);

  /// Per-thread storage of `n` elements of `elt` that outlives a phase.
  struct Private {
    mlir::Value memory;
  };
  Private privateArray(mlir::Type elt, int64_t n);
  mlir::Value load(mlir::OpBuilder &b, Private p, mlir::Value tid, int64_t i);
  void store(mlir::OpBuilder &b, Private p, mlir::Value tid, int64_t i, mlir::Value v);

  /// A sequential loop in the kernel body (around phases): for iv in
  /// [0, count).
  void loop(int64_t count, llvm::function_ref<void(mlir::Value iv)> body);

  mlir::Value index(int64_t v);

private:
  mlir::OpBuilder &outer_;
  mlir::OpBuilder body_;
  mlir::Location loc_;
  KernelMode mode_;
  int64_t threads_;
  mlir::Operation *root_ = nullptr;           ///< the gpu.launch or outermost loop
  mlir::Block *entry_ = nullptr;              ///< where privates and shared go (emulation: before the loops)
  std::array<mlir::Value, 3> blockIds_;
  llvm::SmallVector<mlir::Value> shared_;
  mlir::Value threadId_;                      ///< GPU: gpu.thread_id x
  bool firstPhase_ = true;
  int loopDepth_ = 0;
};

/// The row-major multi-index of `linear` in a domain of `sizes` (static).
llvm::SmallVector<mlir::Value> delinearize(mlir::OpBuilder &b, mlir::Location loc,
                                           mlir::Value linear, llvm::ArrayRef<int64_t> sizes);

/// The values of `map`'s results for loop indices `dims`.
llvm::SmallVector<mlir::Value> applyMap(mlir::OpBuilder &b, mlir::Location loc,
                                        mlir::AffineMap map, mlir::ValueRange dims);

/// ceil(a / b) for positive static values.
inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_KERNELBUILDER_H
