// Gradient (VJP) rules of lstm, gru and simple_rnn: one backpropagation-through-time op each.
#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace dlc;

/// The types of the operands a recurrent layer's gradient op returns.
template <typename OpTy>
static SmallVector<Type> gradTypes(OpTy op) {
  SmallVector<Type> types{op.getInput().getType(), op.getKernel().getType(),
                          op.getRecurrentKernel().getType()};
  if (op.getBias())
    types.push_back(op.getBias().getType());
  return types;
}

LogicalResult LSTMOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                     SmallVectorImpl<Value> &grads) {
  auto grad = b.create<LSTMGradOp>(
      getLoc(), gradTypes(*this), getInput(), getKernel(), getRecurrentKernel(),
      getBias(), dys[0], getActivationAttr(), getRecurrentActivationAttr(),
      getReturnSequencesAttr(), getGoBackwardsAttr());
  llvm::append_range(grads, grad.getResults());
  return success();
}

LogicalResult GRUOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                    SmallVectorImpl<Value> &grads) {
  auto grad = b.create<GRUGradOp>(
      getLoc(), gradTypes(*this), getInput(), getKernel(), getRecurrentKernel(),
      getBias(), dys[0], getActivationAttr(), getRecurrentActivationAttr(),
      getReturnSequencesAttr(), getGoBackwardsAttr(), getResetAfterAttr());
  llvm::append_range(grads, grad.getResults());
  return success();
}

LogicalResult SimpleRNNOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                          SmallVectorImpl<Value> &grads) {
  auto grad = b.create<SimpleRNNGradOp>(
      getLoc(), gradTypes(*this), getInput(), getKernel(), getRecurrentKernel(),
      getBias(), dys[0], getActivationAttr(), getReturnSequencesAttr(),
      getGoBackwardsAttr());
  llvm::append_range(grads, grad.getResults());
  return success();
}
