// Gradient (VJP) rules of flatten, reshape, transpose, add, concatenate, repeat_vector and embedding.
#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace dlc;

/// Reshapes `dy` back to `like`'s shape.
static Value reshapeLike(OpBuilder &b, Location loc, Value dy, Value like) {
  auto type = cast<RankedTensorType>(like.getType());
  return b.create<ReshapeOp>(loc, type, dy,
                             b.getDenseI64ArrayAttr(type.getShape()));
}

LogicalResult FlattenOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                        SmallVectorImpl<Value> &grads) {
  grads.push_back(reshapeLike(b, getLoc(), dys[0], getInput()));
  return success();
}

LogicalResult ReshapeOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                        SmallVectorImpl<Value> &grads) {
  grads.push_back(reshapeLike(b, getLoc(), dys[0], getInput()));
  return success();
}

LogicalResult TransposeOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                          SmallVectorImpl<Value> &grads) {
  ArrayRef<int64_t> perm = getPermutation();
  SmallVector<int64_t> inverse(perm.size());
  for (auto [i, p] : llvm::enumerate(perm))
    inverse[p] = i;
  grads.push_back(b.create<TransposeOp>(getLoc(), getInput().getType(), dys[0],
                                        b.getDenseI64ArrayAttr(inverse)));
  return success();
}

LogicalResult AddOp::buildGradients(OpBuilder &, ArrayRef<Value> dys,
                                    SmallVectorImpl<Value> &grads) {
  grads.append(getInputs().size(), dys[0]);
  return success();
}

LogicalResult ConcatenateOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                            SmallVectorImpl<Value> &grads) {
  auto resultType = cast<RankedTensorType>(getResult().getType());
  int64_t axis = static_cast<int64_t>(getAxis());
  if (axis < 0)
    axis += resultType.getRank();
  int64_t start = 0;
  for (Value input : getInputs()) {
    auto type = cast<RankedTensorType>(input.getType());
    int64_t size = type.getDimSize(axis);
    if (ShapedType::isDynamic(size))
      return emitOpError("gradient needs static sizes along the axis");
    grads.push_back(b.create<SliceOp>(getLoc(), type, dys[0],
                                      b.getI64IntegerAttr(axis),
                                      b.getI64IntegerAttr(start),
                                      b.getI64IntegerAttr(size)));
    start += size;
  }
  return success();
}

LogicalResult RepeatVectorOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                             SmallVectorImpl<Value> &grads) {
  grads.push_back(b.create<ReduceSumOp>(getLoc(), getInput().getType(), dys[0],
                                        b.getDenseI64ArrayAttr({1})));
  return success();
}

LogicalResult EmbeddingOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                          SmallVectorImpl<Value> &grads) {
  grads.push_back(Value()); // integer ids have no gradient
  grads.push_back(b.create<EmbeddingGradOp>(getLoc(), getTable().getType(),
                                            getIds(), getTable(), dys[0]));
  return success();
}
