// dlc-cuda-form-kernels: every linalg op and buffer copy on the host becomes GPU
// kernels by the schedule its shape asks for.
#include "codegen/cuda/Passes.h"
#include "codegen/cuda/Schedules.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDAFORMKERNELS
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace {
/// The most element-wise ops one kernel runs.
constexpr size_t kMaxGroup = 64;
/// The most parameter bytes a kernel of a group takes (PTX's limit, with
/// room for the scalars a payload passes).
constexpr int64_t kMaxParameterBytes = 3584;

struct FormKernels : dlc::cuda::impl::DlcCudaFormKernelsBase<FormKernels> {
  using DlcCudaFormKernelsBase::DlcCudaFormKernelsBase;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    const dlc::cuda::KernelMode mode =
        emulate ? dlc::cuda::KernelMode::Emulate : dlc::cuda::KernelMode::Gpu;
    // The host ops that become kernels, in program order (never those
    // already inside a kernel).
    SmallVector<Operation *> work;
    func.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<gpu::LaunchOp>(op))
        return WalkResult::skip();
      if (isa<linalg::LinalgOp, memref::CopyOp>(op)) {
        work.push_back(op);
        return WalkResult::skip();
      }
      return WalkResult::advance();
    });
    IRRewriter rewriter(&getContext());
    // Every op as a linalg.generic first (a copy too), so that an op can be
    // paired with the element-wise op that fills its output just before.
    SmallVector<linalg::GenericOp> ops;
    for (Operation *op : work) {
      if (auto copy = dyn_cast<memref::CopyOp>(op)) {
        rewriter.setInsertionPoint(copy);
        if (copy.getSource() == copy.getTarget()) {
          rewriter.eraseOp(copy);
          continue;
        }
        op = rewriter.create<linalg::CopyOp>(copy.getLoc(), copy.getSource(), copy.getTarget());
        rewriter.eraseOp(copy);
      }
      FailureOr<linalg::GenericOp> generic =
          dlc::cuda::toGeneric(rewriter, cast<linalg::LinalgOp>(op));
      if (failed(generic))
        return signalPassFailure();
      ops.push_back(*generic);
    }
    // A reduction (or accumulation) whose output an element-wise op filled
    // right before it (the zeros of a sum, a dense layer's bias) starts from
    // those values in its own kernel: one launch and one pass over the
    // output fewer. Only allocations and side-effect-free ops may lie between.
    auto adjacent = [](Operation *first, Operation *second) {
      if (first->getBlock() != second->getBlock())
        return false;
      for (Operation *op = first->getNextNode(); op && op != second; op = op->getNextNode())
        if (!isa<memref::AllocOp>(op) && !isMemoryEffectFree(op))
          return false;
      return true;
    };
    // Consecutive element-wise ops that touch no buffer another of them
    // writes (the optimizer's per-parameter updates, the copies into a
    // function's outputs) run as one kernel: one launch for the group.
    auto elementwise = [](linalg::GenericOp op) {
      return op.getNumLoops() == op.getNumParallelLoops();
    };
    // A kernel's parameters: every memref it uses is a descriptor of 3 + 2 *
    // rank 64-bit words. PTX before ISA 8.1 allows 4096 bytes of them.
    auto parameterBytes = [](ArrayRef<linalg::GenericOp> group) {
      llvm::SmallPtrSet<void *, 16> seen;
      int64_t bytes = 0;
      for (linalg::GenericOp g : group)
        for (Value v : g->getOperands())
          if (auto t = dyn_cast<MemRefType>(v.getType()); t && seen.insert(v.getAsOpaquePointer()).second)
            bytes += 8 * (3 + 2 * t.getRank());
      return bytes;
    };
    for (size_t i = 0; i < ops.size(); ++i) {
      linalg::GenericOp producer;
      if (i + 1 < ops.size() && adjacent(ops[i], ops[i + 1]) &&
          dlc::cuda::initInto(ops[i], ops[i + 1])) {
        producer = ops[i++];
      }
      if (!producer && elementwise(ops[i])) {
        size_t end = i + 1;
        while (end < ops.size() && end - i < kMaxGroup && adjacent(ops[end - 1], ops[end]) &&
               elementwise(ops[end]) &&
               !(end + 1 < ops.size() && adjacent(ops[end], ops[end + 1]) &&
                 dlc::cuda::initInto(ops[end], ops[end + 1])) &&
               llvm::all_of(llvm::ArrayRef(ops).slice(i, end - i), [&](linalg::GenericOp g) {
                 return dlc::cuda::independent(g, ops[end]);
               }) &&
               parameterBytes(llvm::ArrayRef(ops).slice(i, end - i + 1)) <= kMaxParameterBytes)
          ++end;
        if (end - i > 1) {
          ArrayRef<linalg::GenericOp> group = llvm::ArrayRef(ops).slice(i, end - i);
          // At the last op: every buffer of the group is defined there.
          rewriter.setInsertionPoint(group.back());
          if (failed(dlc::cuda::emitElementwiseGroup(rewriter, group, mode)))
            return signalPassFailure();
          for (linalg::GenericOp g : group)
            rewriter.eraseOp(g);
          i = end - 1;
          continue;
        }
      }
      if (failed(dlc::cuda::emitKernels(rewriter, ops[i], mode, producer)))
        return signalPassFailure();
    }
    // Host scalars the kernels now recompute themselves are dead.
    SmallVector<Operation *> dead;
    func.walk([&](Operation *op) {
      if (op->getNumRegions() == 0 && op->getNumResults() > 0 &&
          (isa<memref::LoadOp, memref::GetGlobalOp>(op) || isMemoryEffectFree(op)))
        dead.push_back(op);
    });
    for (Operation *op : llvm::reverse(dead))
      if (op->use_empty())
        op->erase();
  }
};
} // namespace
