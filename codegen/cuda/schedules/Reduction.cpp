// The reduction schedules: one thread per output, and one block per output with
// a fixed-order tree in workgroup memory (see Schedules.h).
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/Schedules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

#include <cmath>
#include <limits>

using namespace mlir;

namespace dlc::cuda {

namespace {

/// All loop indices from the parallel ones and the reduction ones.
SmallVector<Value> mergeIvs(const LoopShape &shape, ValueRange parallel, ValueRange reduction) {
  SmallVector<Value> ivs(shape.sizes.size());
  for (auto [d, v] : llvm::zip(shape.parallel, parallel))
    ivs[d] = v;
  for (auto [d, v] : llvm::zip(shape.reduction, reduction))
    ivs[d] = v;
  return ivs;
}

SmallVector<int64_t> sizesOf(const LoopShape &shape, ArrayRef<unsigned> dims) {
  SmallVector<int64_t> sizes;
  for (unsigned d : dims)
    sizes.push_back(shape.sizes[d]);
  return sizes;
}

/// Zero indices for the reduction loops (output maps do not use them).
SmallVector<Value> zeros(OpBuilder &b, Location loc, size_t n) {
  return SmallVector<Value>(n, b.create<arith::ConstantIndexOp>(loc, 0));
}

/// Loads the inputs at `ivs` and runs the payload with `accumulators` as the
/// outputs' values; the new accumulators.
FailureOr<SmallVector<Value>> step(OpBuilder &b, Location loc, linalg::GenericOp op,
                                   ValueRange ivs, ValueRange accumulators) {
  SmallVector<Value> args;
  for (OpOperand *in : op.getDpsInputOperands())
    args.push_back(loadOperand(b, loc, op, *in, ivs));
  llvm::append_range(args, accumulators);
  return clonePayload(b, op, args, ivs);
}

/// An scf.for over reduction iterations [from, count) by `stride` that folds
/// the payload from `inits` at the output `pIvs`; null (after a diagnostic)
/// when the payload cannot be cloned.
scf::ForOp foldLoop(OpBuilder &b, Location loc, linalg::GenericOp op, const LoopShape &shape,
                    ArrayRef<int64_t> rSizes, ValueRange pIvs, Value from, int64_t count,
                    int64_t stride, ValueRange inits) {
  auto loop = b.create<scf::ForOp>(loc, from, b.create<arith::ConstantIndexOp>(loc, count),
                                   b.create<arith::ConstantIndexOp>(loc, stride), inits);
  OpBuilder lb = OpBuilder::atBlockBegin(loop.getBody());
  SmallVector<Value> rIvs = delinearize(lb, loc, loop.getInductionVar(), rSizes);
  FailureOr<SmallVector<Value>> next =
      step(lb, loc, op, mergeIvs(shape, pIvs, rIvs), loop.getRegionIterArgs());
  if (failed(next))
    return nullptr;
  lb.create<scf::YieldOp>(loc, *next);
  return loop;
}

/// The combining op of a payload `yield combine(out, x)` where x does not
/// depend on out, or null.
Operation *combiner(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1)
    return nullptr;
  BlockArgument out = op.getMatchingBlockArgument(&op.getDpsInitsMutable()[0]);
  Operation *yield = op.getRegion().front().getTerminator();
  Operation *combine = yield->getOperand(0).getDefiningOp();
  if (!combine || !isa<arith::AddFOp, arith::MaximumFOp, arith::MinimumFOp, arith::MaxNumFOp,
                       arith::MinNumFOp, arith::AddIOp>(combine))
    return nullptr;
  if (!out.hasOneUse() || out.getUses().begin()->getOwner() != combine)
    return nullptr;
  return combine;
}

/// The identity of `combine` for `type`.
Value identityOf(OpBuilder &b, Location loc, Operation *combine, Type type) {
  if (isa<arith::AddFOp>(combine))
    return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, 0.0));
  if (isa<arith::AddIOp>(combine))
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(type, 0));
  const double inf = std::numeric_limits<double>::infinity();
  bool max = isa<arith::MaximumFOp, arith::MaxNumFOp>(combine);
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, max ? -inf : inf));
}

Value combineValues(OpBuilder &b, Location loc, Operation *combine, Value x, Value y) {
  OperationState state(loc, combine->getName(), ValueRange{x, y}, TypeRange{x.getType()},
                       combine->getAttrs());
  return b.create(state)->getResult(0);
}

} // namespace

LogicalResult emitThreadPerOutput(OpBuilder &b, linalg::GenericOp op, KernelMode mode,
                                  linalg::GenericOp producer) {
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape))
    return failure();
  Location loc = op.getLoc();
  const int64_t outputs = shape->parallelCount(), count = shape->reductionCount();
  if (outputs == 0)
    return success();
  const int64_t threads = std::min(kThreadsPerBlock, ceilDiv(outputs, 32) * 32);
  const SmallVector<int64_t> pSizes = sizesOf(*shape, shape->parallel),
                             rSizes = sizesOf(*shape, shape->reduction);
  KernelBuilder k(b, loc, "thread-per-output", mode, {ceilDiv(outputs, threads), 1, 1}, threads);
  LogicalResult result = success();
  k.phase([&](OpBuilder &pb, Value tid) {
    Value id = k.linearId(pb, tid);
    Value inRange = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, id,
                                             pb.create<arith::ConstantIndexOp>(loc, outputs));
    auto guard = pb.create<scf::IfOp>(loc, inRange, /*withElseRegion=*/false);
    OpBuilder ib = guard.getThenBodyBuilder();
    SmallVector<Value> pIvs = delinearize(ib, loc, id, pSizes);
    SmallVector<Value> outIvs = mergeIvs(*shape, pIvs, zeros(ib, loc, rSizes.size()));
    SmallVector<Value> inits;
    for (unsigned j = 0; j < op.getNumDpsInits(); ++j) {
      FailureOr<Value> start = loadInit(ib, loc, op, j, outIvs, producer);
      if (failed(start)) {
        result = failure();
        return;
      }
      inits.push_back(*start);
    }
    scf::ForOp loop = foldLoop(ib, loc, op, *shape, rSizes, pIvs,
                               ib.create<arith::ConstantIndexOp>(loc, 0), count, 1, inits);
    if (!loop) {
      result = failure();
      return;
    }
    for (auto [j, v] : llvm::enumerate(loop.getResults()))
      storeResult(ib, loc, op, j, v, outIvs);
  });
  k.finish();
  return result;
}

bool takesBlockReduction(linalg::GenericOp op) {
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape) || !combiner(op))
    return false;
  // Long reductions into few outputs; a thread per output does the rest.
  return shape->reductionCount() >= 1024 && shape->parallelCount() <= 8192;
}

LogicalResult emitBlockReduction(OpBuilder &b, linalg::GenericOp op, KernelMode mode,
                                 linalg::GenericOp producer) {
  LogicalResult status = success();
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape))
    return failure();
  Location loc = op.getLoc();
  Operation *combine = combiner(op);
  Type elt = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  const int64_t outputs = shape->parallelCount(), count = shape->reductionCount();
  const int64_t threads = kThreadsPerBlock;
  const SmallVector<int64_t> pSizes = sizesOf(*shape, shape->parallel),
                             rSizes = sizesOf(*shape, shape->reduction);
  KernelBuilder k(b, loc, "block-reduction", mode, {outputs, 1, 1}, threads,
                  {MemRefType::get({threads}, elt)});
  Value partial = k.shared(0);
  LogicalResult result = success();
  // Each thread folds r = tid, tid + threads, ... in order.
  k.phase([&](OpBuilder &pb, Value tid) {
    SmallVector<Value> pIvs = delinearize(pb, loc, k.blockId(0), pSizes);
    scf::ForOp loop = foldLoop(pb, loc, op, *shape, rSizes, pIvs, tid, count, threads,
                               ValueRange{identityOf(pb, loc, combine, elt)});
    if (!loop) {
      result = failure();
      return;
    }
    pb.create<memref::StoreOp>(loc, loop.getResult(0), partial, ValueRange{tid});
  });
  if (failed(result))
    return failure();
  // A fixed tree: partial[t] ⊕= partial[t + s] for s = threads/2 .. 1.
  for (int64_t s = threads / 2; s >= 1; s /= 2) {
    k.phase([&](OpBuilder &pb, Value tid) {
      Value active = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, tid,
                                              pb.create<arith::ConstantIndexOp>(loc, s));
      auto guard = pb.create<scf::IfOp>(loc, active, /*withElseRegion=*/false);
      OpBuilder ib = guard.getThenBodyBuilder();
      Value other = ib.create<arith::AddIOp>(loc, tid, ib.create<arith::ConstantIndexOp>(loc, s));
      Value x = ib.create<memref::LoadOp>(loc, partial, ValueRange{tid});
      Value y = ib.create<memref::LoadOp>(loc, partial, ValueRange{other});
      ib.create<memref::StoreOp>(loc, combineValues(ib, loc, combine, x, y), partial,
                                 ValueRange{tid});
    });
  }
  // Thread 0 adds the output's initial value.
  k.phase([&](OpBuilder &pb, Value tid) {
    Value first = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, tid,
                                           pb.create<arith::ConstantIndexOp>(loc, 0));
    auto guard = pb.create<scf::IfOp>(loc, first, /*withElseRegion=*/false);
    OpBuilder ib = guard.getThenBodyBuilder();
    SmallVector<Value> pIvs = delinearize(ib, loc, k.blockId(0), pSizes);
    SmallVector<Value> ivs = mergeIvs(*shape, pIvs, zeros(ib, loc, rSizes.size()));
    FailureOr<Value> init = loadInit(ib, loc, op, 0, ivs, producer);
    if (failed(init)) {
      status = failure();
      return;
    }
    Value total = ib.create<memref::LoadOp>(
        loc, partial, ValueRange{ib.create<arith::ConstantIndexOp>(loc, 0)});
    storeResult(ib, loc, op, 0, combineValues(ib, loc, combine, *init, total), ivs);
  });
  k.finish();
  return failed(result) ? result : status;
}

} // namespace dlc::cuda
