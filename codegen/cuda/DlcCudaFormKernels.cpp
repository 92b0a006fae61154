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
      if (failed(dlc::cuda::emitKernels(rewriter, cast<linalg::LinalgOp>(op), mode)))
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
