// dlc-cuda-library-fallbacks: each fused library call a device may be unable
// to run is followed by a dlc_cuda.fallback with the same computation unfused
// (see Passes.td).
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDALIBRARYFALLBACKS
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace dlc::cuda {
namespace {

/// An empty fallback right after `call`, the builder inside it.
void startFallback(OpBuilder &b, Operation *call) {
  b.setInsertionPointAfter(call);
  auto fallback = b.create<FallbackOp>(call->getLoc());
  b.setInsertionPointToStart(&fallback.getBody().emplaceBlock());
}

/// The bgrad GEMM unfused: the plain product, then
/// bias_grad[n] = Σ_k b[k, n] as a zero fill and a column sum.
void fallBackFrom(OpBuilder &b, GemmOp gemm) {
  startFallback(b, gemm);
  Location loc = gemm.getLoc();
  b.create<GemmOp>(loc, TypeRange{}, gemm.getA(), gemm.getB(), Value(), gemm.getC(), Value(),
                   gemm.getTransposeAAttr(), gemm.getTransposeBAttr(), b.getBoolAttr(false),
                   b.getStringAttr("none"));
  Value db = gemm.getBiasGrad();
  MLIRContext *ctx = b.getContext();
  const auto parallel = utils::IteratorType::parallel;
  b.create<linalg::GenericOp>(
      loc, TypeRange{}, ValueRange{}, ValueRange{db},
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(1, ctx)},
      ArrayRef<utils::IteratorType>{parallel}, [&](OpBuilder &nb, Location l, ValueRange) {
        Value zero = nb.create<arith::ConstantOp>(l, nb.getF32FloatAttr(0.0f));
        nb.create<linalg::YieldOp>(l, zero);
      });
  AffineExpr d0, d1;
  bindDims(ctx, d0, d1);
  b.create<linalg::GenericOp>(
      loc, TypeRange{}, ValueRange{gemm.getB()}, ValueRange{db},
      ArrayRef<AffineMap>{AffineMap::get(2, 0, {d0, d1}, ctx), AffineMap::get(2, 0, {d1}, ctx)},
      ArrayRef<utils::IteratorType>{utils::IteratorType::reduction, parallel},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value sum = nb.create<arith::AddFOp>(l, args[0], args[1]);
        nb.create<linalg::YieldOp>(l, sum);
      });
}

/// The fused convolution unfused: the plain convolution into y, then
/// y = activation(y + bias[k]) in place, one element-wise kernel.
void fallBackFrom(OpBuilder &b, Conv2DBiasActivationOp conv) {
  startFallback(b, conv);
  Location loc = conv.getLoc();
  b.create<Conv2DForwardOp>(loc, TypeRange{}, conv.getX(), conv.getW(), conv.getY(),
                            conv.getPrePaddingAttr(), conv.getPostPaddingAttr(),
                            conv.getStridesAttr(), conv.getDilationsAttr(), b.getBoolAttr(false));
  MLIRContext *ctx = b.getContext();
  AffineExpr n, h, w, k;
  bindDims(ctx, n, h, w, k);
  const bool relu = conv.getActivation() == "relu";
  const auto parallel = utils::IteratorType::parallel;
  b.create<linalg::GenericOp>(
      loc, TypeRange{}, ValueRange{conv.getBias()}, ValueRange{conv.getY()},
      ArrayRef<AffineMap>{AffineMap::get(4, 0, {k}, ctx), AffineMap::getMultiDimIdentityMap(4, ctx)},
      ArrayRef<utils::IteratorType>{parallel, parallel, parallel, parallel},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value v = nb.create<arith::AddFOp>(l, args[1], args[0]);
        if (relu) {
          Value zero = nb.create<arith::ConstantOp>(l, nb.getF32FloatAttr(0.0f));
          v = nb.create<arith::MaximumFOp>(l, v, zero);
        }
        nb.create<linalg::YieldOp>(l, v);
      });
}

struct LibraryFallbacks : impl::DlcCudaLibraryFallbacksBase<LibraryFallbacks> {
  void runOnOperation() override {
    SmallVector<Operation *> fused;
    getOperation().walk([&](Operation *op) {
      if (auto gemm = dyn_cast<GemmOp>(op); gemm && gemm.hasBiasGradEpilogue())
        fused.push_back(op);
      else if (isa<Conv2DBiasActivationOp>(op))
        fused.push_back(op);
    });
    OpBuilder b(&getContext());
    for (Operation *op : fused) {
      if (op->getNumResults() != 0) {
        op->emitOpError("is still on tensors; dlc-cuda-library-fallbacks runs after "
                        "bufferization");
        return signalPassFailure();
      }
      if (isa_and_nonnull<FallbackOp>(op->getNextNode()))
        continue; // already has one
      if (auto gemm = dyn_cast<GemmOp>(op))
        fallBackFrom(b, gemm);
      else
        fallBackFrom(b, cast<Conv2DBiasActivationOp>(op));
    }
  }
};

} // namespace
} // namespace dlc::cuda
