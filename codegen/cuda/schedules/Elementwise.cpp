// The choice of a schedule for a linalg op, and the element-wise schedule (see
// Schedules.h).
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/Schedules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
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

/// One point of an element-wise op: iteration `id` of its flattened loop
/// nest (the last loop fastest), inputs loaded, payload, outputs stored.
static LogicalResult elementwisePoint(OpBuilder &ib, Location loc, linalg::GenericOp op,
                                      const LoopShape &shape, Value id,
                                      linalg::GenericOp producer) {
  SmallVector<Value> ivs = delinearize(ib, loc, id, shape.sizes);
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
    if (failed(start))
      return failure();
    args.push_back(*start);
  }
  FailureOr<SmallVector<Value>> yielded = clonePayload(ib, op, args, ivs);
  if (failed(yielded))
    return failure();
  for (auto [j, v] : llvm::enumerate(*yielded))
    storeResult(ib, loc, op, j, v, ivs);
  return success();
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
    Value id = k.linearId(pb, tid);
    Value inRange = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, id,
                                             pb.create<arith::ConstantIndexOp>(loc, total));
    auto guard = pb.create<scf::IfOp>(loc, inRange, /*withElseRegion=*/false);
    OpBuilder ib = guard.getThenBodyBuilder();
    if (failed(elementwisePoint(ib, loc, op, *shape, id, producer)))
      result = failure();
  });
  k.finish();
  return result;
}

LogicalResult emitElementwiseGroup(OpBuilder &b, ArrayRef<linalg::GenericOp> ops,
                                   KernelMode mode) {
  SmallVector<LoopShape> shapes;
  int64_t total = 0;
  for (linalg::GenericOp op : ops) {
    FailureOr<LoopShape> shape = loopShape(op);
    if (failed(shape))
      return failure();
    shapes.push_back(*shape);
    total += shape->parallelCount();
  }
  if (total == 0)
    return success();
  Location loc = linalg::GenericOp(ops.back()).getLoc();
  const int64_t threads = std::min(kThreadsPerBlock, ceilDiv(total, 32) * 32);
  KernelBuilder k(b, loc, "elementwise-group", mode, {ceilDiv(total, threads), 1, 1}, threads);
  LogicalResult result = success();
  k.phase([&](OpBuilder &pb, Value tid) {
    Value id = k.linearId(pb, tid);
    int64_t begin = 0;
    for (auto [constOp, shape] : llvm::zip(ops, shapes)) {
      linalg::GenericOp op = constOp;
      const int64_t end = begin + shape.parallelCount();
      Value below = pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, id,
                                             pb.create<arith::ConstantIndexOp>(loc, end));
      Value mine = below;
      if (begin > 0)
        mine = pb.create<arith::AndIOp>(
            loc, below,
            pb.create<arith::CmpIOp>(loc, arith::CmpIPredicate::uge, id,
                                     pb.create<arith::ConstantIndexOp>(loc, begin)));
      auto guard = pb.create<scf::IfOp>(loc, mine, /*withElseRegion=*/false);
      OpBuilder ib = guard.getThenBodyBuilder();
      Value local = begin == 0 ? id
                               : ib.create<arith::SubIOp>(
                                     loc, id, ib.create<arith::ConstantIndexOp>(loc, begin));
      if (failed(elementwisePoint(ib, op.getLoc(), op, shape, local, {})))
        result = failure();
      begin = end;
    }
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

/// Whether two buffers may share bytes (see independent()).
static bool mayOverlap(Value x, Value y) {
  Value bx = baseBuffer(x), by = baseBuffer(y);
  if (bx == by)
    return true;
  auto fresh = [](Value v) { return v.getDefiningOp<memref::AllocOp>() != nullptr; };
  if (fresh(bx) || fresh(by))
    return false;
  auto gx = bx.getDefiningOp<memref::GetGlobalOp>(), gy = by.getDefiningOp<memref::GetGlobalOp>();
  if (gx && gy)
    return gx.getName() == gy.getName();
  if ((gx && isa<BlockArgument>(by)) || (gy && isa<BlockArgument>(bx)))
    return false;
  auto ax = dyn_cast<BlockArgument>(bx), ay = dyn_cast<BlockArgument>(by);
  if (!ax || !ay)
    return true;
  auto fx = dyn_cast<func::FuncOp>(ax.getOwner()->getParentOp());
  auto fy = dyn_cast<func::FuncOp>(ay.getOwner()->getParentOp());
  if (!fx || fx != fy)
    return true;
  auto px = fx.getArgAttrOfType<DenseI64ArrayAttr>(ax.getArgNumber(), "dlc.place");
  auto py = fy.getArgAttrOfType<DenseI64ArrayAttr>(ay.getArgNumber(), "dlc.place");
  if (!px || !py || px.size() != 3 || py.size() != 3)
    return true;
  // [region, offset, bytes]
  return px[0] == py[0] && px[1] < py[1] + py[2] && py[1] < px[1] + px[2];
}

bool independent(linalg::GenericOp a, linalg::GenericOp b) {
  auto buffers = [](linalg::GenericOp op, bool writes) {
    SmallVector<Value> out;
    for (OpOperand &o : op->getOpOperands())
      if (isa<MemRefType>(o.get().getType()) && op.isDpsInit(&o) == writes)
        out.push_back(o.get());
    return out;
  };
  SmallVector<Value> aw = buffers(a, true), bw = buffers(b, true);
  SmallVector<Value> ar = buffers(a, false), br = buffers(b, false);
  ar.append(aw);
  br.append(bw);
  for (Value w : aw)
    for (Value v : br)
      if (mayOverlap(w, v))
        return false;
  for (Value w : bw)
    for (Value v : ar)
      if (mayOverlap(w, v))
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
