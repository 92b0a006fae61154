// A linalg.generic's payload inside a kernel (see Payload.h).
#include "codegen/cuda/Payload.h"

#include "codegen/cuda/KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace dlc::cuda {

FailureOr<Value> materializeOutside(OpBuilder &b, Value v, IRMapping &cloned) {
  if (Value done = cloned.lookupOrNull(v))
    return done;
  // A global (the run seed) is read in the kernel: its module is the
  // kernel's too once outlined.
  if (auto global = v.getDefiningOp<memref::GetGlobalOp>()) {
    Operation *copy = b.clone(*global, cloned);
    return copy->getResult(0);
  }
  if (isa<MemRefType>(v.getType()) || v.getType().isIndex())
    return v;
  Operation *def = v.getDefiningOp();
  if (!def)
    return v; // a scalar argument of the function: a kernel parameter
  bool clonable = def->getNumRegions() == 0 &&
                  (isa<arith::ConstantOp, memref::LoadOp, memref::GetGlobalOp>(def) ||
                   isMemoryEffectFree(def));
  if (!clonable)
    return def->emitOpError("computes a value a kernel reads on the host; the CUDA "
                            "targets leave no computation on the host");
  for (Value operand : def->getOperands()) {
    // A loaded memref, or a global, travels as it is or is read again here.
    if (isa<MemRefType>(operand.getType()) && !operand.getDefiningOp<memref::GetGlobalOp>())
      continue;
    if (failed(materializeOutside(b, operand, cloned)))
      return failure();
  }
  Operation *copy = b.clone(*def, cloned);
  return copy->getResult(cast<OpResult>(v).getResultNumber());
}

FailureOr<SmallVector<Value>> clonePayload(OpBuilder &b, linalg::GenericOp op,
                                           ValueRange args, ValueRange ivs) {
  Block &payload = op.getRegion().front();
  IRMapping map;
  for (auto [arg, value] : llvm::zip(payload.getArguments(), args))
    map.map(arg, value);
  // Values from outside the op, in the order the payload uses them.
  for (Operation &inner : payload.without_terminator()) {
    WalkResult walk = inner.walk([&](Operation *nested) {
      for (Value operand : nested->getOperands()) {
        if (map.contains(operand) || op->isAncestor(operand.getParentBlock()->getParentOp()))
          continue;
        if (failed(materializeOutside(b, operand, map)))
          return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return failure();
  }
  for (Operation &inner : payload.without_terminator()) {
    if (auto index = dyn_cast<linalg::IndexOp>(inner)) {
      map.map(index.getResult(), ivs[index.getDim()]);
      continue;
    }
    b.clone(inner, map);
  }
  SmallVector<Value> yielded;
  for (Value v : payload.getTerminator()->getOperands())
    yielded.push_back(map.lookupOrDefault(v));
  return yielded;
}

Value loadOperand(OpBuilder &b, Location loc, linalg::GenericOp op, OpOperand &operand,
                  ValueRange ivs) {
  Value source = operand.get();
  if (!isa<MemRefType>(source.getType()))
    return source;
  AffineMap map = op.getMatchingIndexingMap(&operand);
  return b.create<memref::LoadOp>(loc, source, applyMap(b, loc, map, ivs));
}

void storeResult(OpBuilder &b, Location loc, linalg::GenericOp op, unsigned result,
                 Value value, ValueRange ivs) {
  OpOperand &init = op.getDpsInitsMutable()[result];
  AffineMap map = op.getMatchingIndexingMap(&init);
  b.create<memref::StoreOp>(loc, value, init.get(), applyMap(b, loc, map, ivs));
}

std::string locationName(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}

bool readsOutput(linalg::GenericOp op, unsigned result) {
  return !op.getMatchingBlockArgument(&op.getDpsInitsMutable()[result]).use_empty();
}

FailureOr<Value> loadInit(OpBuilder &b, Location loc, linalg::GenericOp op, unsigned result,
                          ValueRange ivs, linalg::GenericOp producer) {
  OpOperand &init = op.getDpsInitsMutable()[result];
  if (!producer)
    return loadOperand(b, loc, op, init, ivs);
  // The producer's loops are the output's dimensions (identity output map).
  SmallVector<Value> at = applyMap(b, loc, op.getMatchingIndexingMap(&init), ivs);
  SmallVector<Value> args;
  for (OpOperand *in : producer.getDpsInputOperands())
    args.push_back(loadOperand(b, loc, producer, *in, at));
  Type elt = getElementTypeOrSelf(producer.getDpsInits()[0].getType());
  args.push_back(b.create<arith::ConstantOp>(loc, b.getZeroAttr(elt))); // never read
  FailureOr<SmallVector<Value>> yielded = clonePayload(b, producer, args, at);
  if (failed(yielded))
    return failure();
  return (*yielded)[0];
}

} // namespace dlc::cuda
