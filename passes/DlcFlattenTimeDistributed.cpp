// dlc-flatten-time-distributed: a time_distributed body applied once to the [N*T, ...] reshape.
#include "passes/Passes.h"
#include "passes/TrainingFunctions.h"

#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"

namespace dlc {
#define GEN_PASS_DEF_DLCFLATTENTIMEDISTRIBUTED
#include "passes/Passes.h.inc"
} // namespace dlc

using namespace mlir;

namespace {
/// True when `op` treats axis 0 as a batch of independent samples.
bool keepsBatchIndependent(Operation *op) {
  auto axisIsBatch = [&](int64_t axis, int64_t rank) {
    return axis == 0 || axis == -rank;
  };
  if (auto s = dyn_cast<dlc::SoftmaxOp>(op))
    return !axisIsBatch(static_cast<int64_t>(s.getAxis()),
                        cast<RankedTensorType>(s.getType()).getRank());
  if (auto c = dyn_cast<dlc::ConcatenateOp>(op))
    return !axisIsBatch(static_cast<int64_t>(c.getAxis()),
                        cast<RankedTensorType>(c.getType()).getRank());
  if (auto r = dyn_cast<dlc::ReduceSumOp>(op))
    return !llvm::is_contained(r.getAxes(), 0);
  return true;
}

/// Re-infers the result types of `op` after its operands changed shape.
LogicalResult retype(Operation *op) {
  auto infer = dyn_cast<InferTypeOpInterface>(op);
  if (!infer)
    return op->emitOpError("cannot be re-typed for a flattened batch");
  SmallVector<Type> types;
  if (failed(infer.inferReturnTypes(
          op->getContext(), op->getLoc(), op->getOperands(),
          op->getAttrDictionary(), op->getPropertiesStorage(),
          op->getRegions(), types)))
    return failure();
  for (auto [result, type] : llvm::zip(op->getResults(), types))
    result.setType(type);
  return success();
}
} // namespace

LogicalResult dlc::flattenTimeDistributed(Operation *root) {
  SmallVector<TimeDistributedOp> ops;
  root->walk([&](TimeDistributedOp op) { ops.push_back(op); });
  // Innermost first: walk() is post-order.
  for (TimeDistributedOp td : ops) {
    auto input = cast<RankedTensorType>(td.getInput().getType());
    auto result = cast<RankedTensorType>(td.getType());
    int64_t n = input.getDimSize(0), t = input.getDimSize(1);
    if (ShapedType::isDynamic(n) || ShapedType::isDynamic(t))
      return td.emitOpError("needs static batch and time sizes to flatten");
    OpBuilder b(td);
    Location loc = td.getLoc();
    SmallVector<int64_t> flatShape{n * t};
    llvm::append_range(flatShape, input.getShape().drop_front(2));
    auto flatType = RankedTensorType::get(flatShape, input.getElementType());
    Value flat = b.create<ReshapeOp>(loc, flatType, td.getInput(),
                                     b.getDenseI64ArrayAttr(flatShape));
    IRMapping map;
    Block &body = td.getBody().front();
    map.map(body.getArgument(0), flat);
    for (Operation &op : body.without_terminator()) {
      if (!keepsBatchIndependent(&op))
        return op.emitOpError("mixes the batch axis, so the enclosing "
                              "time_distributed cannot be flattened");
      Operation *clone = b.clone(op, map);
      if (auto reshape = dyn_cast<ReshapeOp>(clone)) {
        SmallVector<int64_t> shape(reshape.getShape());
        shape[0] = n * t;
        reshape.setShape(shape);
      }
      if (failed(retype(clone)))
        return failure();
    }
    Value step = map.lookup(cast<YieldOp>(body.getTerminator()).getValues()[0]);
    Value out = b.create<ReshapeOp>(loc, result, step,
                                    b.getDenseI64ArrayAttr(result.getShape()));
    td.getResult().replaceAllUsesWith(out);
    td.erase();
  }
  return success();
}

namespace {
struct FlattenTimeDistributed
    : dlc::impl::DlcFlattenTimeDistributedBase<FlattenTimeDistributed> {
  void runOnOperation() override {
    if (failed(dlc::flattenTimeDistributed(getOperation())))
      signalPassFailure();
  }
};
} // namespace
