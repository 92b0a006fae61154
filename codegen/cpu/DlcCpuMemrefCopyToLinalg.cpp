// dlc-cpu-memref-copy-to-linalg: memref.copy becomes linalg.copy (loops, not a
// call of MLIR's runner library).
#include "codegen/cpu/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPUMEMREFCOPYTOLINALG
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;

namespace {
struct MemrefCopyToLinalg
    : dlc::cpu::impl::DlcCpuMemrefCopyToLinalgBase<MemrefCopyToLinalg> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation().walk([&](memref::CopyOp op) { copies.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp op : copies) {
      rewriter.setInsertionPoint(op);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, op.getSource(), op.getTarget());
    }
  }
};
} // namespace
