// The choice of a schedule for a linalg op, and the element-wise schedule (see
// Schedules.h).
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/Schedules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace dlc::cuda {

int64_t LoopShape::parallelCount() const {
  int64_t n = 1;
  for (unsigned d : parallel)
    n *= sizes[d];
  return n;
}

int64_t LoopShape::reductionCount() const {
  int64_t n = 1;
  for (unsigned d : reduction)
    n *= sizes[d];
  return n;
}

FailureOr<LoopShape> loopShape(linalg::GenericOp op) {
  LoopShape shape;
  shape.sizes = op.getStaticLoopRanges();
  for (auto [d, size] : llvm::enumerate(shape.sizes)) {
    if (ShapedType::isDynamic(size))
      return op.emitOpError("has a dynamic loop range; the CUDA targets need static shapes");
    if (linalg::isReductionIterator(op.getIteratorTypesArray()[d]))
      shape.reduction.push_back(d);
    else
      shape.parallel.push_back(d);
  }
  return shape;
}

/// A zero of `type` for an output whose previous value the payload never reads.
static Value placeholder(OpBuilder &b, Location loc, Type type) {
  return b.create<arith::ConstantOp>(loc, b.getZeroAttr(type));
}

LogicalResult emitElementwise(OpBuilder &b, linalg::GenericOp op, KernelMode mode,
                              linalg::GenericOp producer) {
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape))
    return failure();
  Location loc = op.getLoc();
  const int64_t total = shape->parallelCount();
  if (total == 0)
    return success();
  const int64_t threads = std::min(kThreadsPerBlock, ceilDiv(total, 32) * 32);
  KernelBuilder k(b, loc, "elementwise", mode, {ceilDiv(total, threads), 1, 1}, threads);
  LogicalResult result = success();
  k.phase([&](OpBuilder &pb, Value tid) {
    Value id = pb.create<arith::AddIOp>(
        loc, pb.create<arith::MulIOp>(loc, k.blockId(0), pb.create<arith::ConstantIndexOp>(loc, threads)),
        tid);
    Value inRange = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, id,
                                             pb.create<arith::ConstantIndexOp>(loc, total));
    auto guard = pb.create<scf::IfOp>(loc, inRange, /*withElseRegion=*/false);
    OpBuilder ib = guard.getThenBodyBuilder();
    SmallVector<Value> ivs = delinearize(ib, loc, id, shape->sizes);
    SmallVector<Value> args;
    for (OpOperand *in : op.getDpsInputOperands())
      args.push_back(loadOperand(ib, loc, op, *in, ivs));
    for (auto [j, init] : llvm::enumerate(op.getDpsInitsMutable())) {
      Type elt = getElementTypeOrSelf(init.get().getType());
      if (!readsOutput(op, j)) {
        args.push_back(placeholder(ib, loc, elt));
        continue;
      }
      FailureOr<Value> start = loadInit(ib, loc, op, j, ivs, producer);
      if (failed(start)) {
        result = failure();
        return;
      }
      args.push_back(*start);
    }
    FailureOr<SmallVector<Value>> yielded = clonePayload(ib, op, args, ivs);
    if (failed(yielded)) {
      result = failure();
      return;
    }
    for (auto [j, v] : llvm::enumerate(*yielded))
      storeResult(ib, loc, op, j, v, ivs);
  });
  k.finish();
  return result;
}

/// linalg.map as the generic it is (upstream's generalisation does not take
/// it): identity maps, parallel loops, the mapper's body with an unused
/// output argument.
static linalg::GenericOp mapToGeneric(RewriterBase &rewriter, linalg::MapOp map) {
  int64_t rank = map.getInit().getType().getRank();
  SmallVector<AffineMap> maps(map.getInputs().size() + 1,
                              rewriter.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  auto generic = rewriter.create<linalg::GenericOp>(
      map.getLoc(), TypeRange{}, map.getInputs(), ValueRange{map.getInit()}, maps, iterators,
      [&](OpBuilder &b, Location loc, ValueRange args) {
        IRMapping mapping;
        Block &mapper = map.getMapper().front();
        for (auto [arg, value] : llvm::zip(mapper.getArguments(), args.drop_back()))
          mapping.map(arg, value);
        for (Operation &op : mapper.without_terminator())
          b.clone(op, mapping);
        SmallVector<Value> yielded;
        for (Value v : mapper.getTerminator()->getOperands())
          yielded.push_back(mapping.lookupOrDefault(v));
        b.create<linalg::YieldOp>(loc, yielded);
      });
  rewriter.eraseOp(map);
  return generic;
}

FailureOr<linalg::GenericOp> toGeneric(RewriterBase &rewriter, linalg::LinalgOp linalgOp) {
  if (auto generic = dyn_cast<linalg::GenericOp>(linalgOp.getOperation()))
    return generic;
  rewriter.setInsertionPoint(linalgOp);
  if (auto map = dyn_cast<linalg::MapOp>(linalgOp.getOperation()))
    return mapToGeneric(rewriter, map);
  FailureOr<linalg::GenericOp> generic = linalg::generalizeNamedOp(rewriter, linalgOp);
  if (failed(generic))
    return linalgOp->emitOpError("cannot be generalised for the CUDA kernels");
  return generic;
}

/// The buffer a view is of (through subviews, reshapes and casts).
static Value baseBuffer(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto view = dyn_cast<ViewLikeOpInterface>(def))
      v = view.getViewSource();
    else
      break;
  }
  return v;
}

bool initInto(linalg::GenericOp producer, linalg::GenericOp consumer) {
  if (producer.getNumDpsInits() != 1 || consumer.getNumDpsInits() != 1 ||
      !producer.hasPureBufferSemantics() || !consumer.hasPureBufferSemantics())
    return false;
  Value out = producer.getDpsInits()[0];
  if (consumer.getDpsInits()[0] != out || readsOutput(producer, 0) || !readsOutput(consumer, 0))
    return false;
  if (producer.getNumParallelLoops() != producer.getNumLoops() ||
      !producer.getMatchingIndexingMap(&producer.getDpsInitsMutable()[0]).isIdentity() ||
      !consumer.getMatchingIndexingMap(&consumer.getDpsInitsMutable()[0]).isProjectedPermutation())
    return false;
  // The producer's inputs are read while the consumer writes the output, and
  // the consumer's inputs must not be the output either.
  Value base = baseBuffer(out);
  for (Value in : producer.getDpsInputs())
    if (isa<MemRefType>(in.getType()) && baseBuffer(in) == base)
      return false;
  for (Value in : consumer.getDpsInputs())
    if (isa<MemRefType>(in.getType()) && baseBuffer(in) == base)
      return false;
  return true;
}

LogicalResult emitKernels(RewriterBase &rewriter, linalg::GenericOp op, KernelMode mode,
                          linalg::GenericOp producer) {
  rewriter.setInsertionPoint(op);
  if (!op.hasPureBufferSemantics())
    return op.emitOpError("must work on buffers when the CUDA kernels are formed");
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape))
    return failure();
  LogicalResult emitted = shape->reduction.empty() ? emitElementwise(rewriter, op, mode, producer)
                          : takesContraction(op) ? emitContraction(rewriter, op, mode, producer)
                          : takesBlockReduction(op)
                              ? emitBlockReduction(rewriter, op, mode, producer)
                              : emitThreadPerOutput(rewriter, op, mode, producer);
  if (failed(emitted))
    return failure();
  rewriter.eraseOp(op);
  if (producer)
    rewriter.eraseOp(producer);
  return success();
}

} // namespace dlc::cuda
