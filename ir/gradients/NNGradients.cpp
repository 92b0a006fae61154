// Gradient (VJP) rules of dense, conv2d, pooling, activation, softmax and dropout.
#include "ir/DlcOps.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace dlc;

/// The bias gradient: `dy` summed over every axis but the last.
static Value biasGrad(OpBuilder &b, Location loc, Value dy) {
  auto type = cast<RankedTensorType>(dy.getType());
  SmallVector<int64_t> axes;
  for (int64_t d = 0; d + 1 < type.getRank(); ++d)
    axes.push_back(d);
  return b.create<ReduceSumOp>(
      loc, RankedTensorType::get({type.getShape().back()}, type.getElementType()),
      dy, b.getDenseI64ArrayAttr(axes));
}

LogicalResult DenseOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                      SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value dy = dys[0];
  grads.push_back(b.create<DenseGradInputOp>(loc, getInput().getType(),
                                             getInput(), getKernel(), dy));
  grads.push_back(b.create<DenseGradKernelOp>(loc, getKernel().getType(),
                                              getInput(), getKernel(), dy));
  if (getBias())
    grads.push_back(biasGrad(b, loc, dy));
  return success();
}

LogicalResult Conv2DOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                       SmallVectorImpl<Value> &grads) {
  Location loc = getLoc();
  Value dy = dys[0];
  grads.push_back(b.create<Conv2DGradInputOp>(
      loc, getInput().getType(), getInput(), getFilter(), dy, getPaddingAttr(),
      getStridesAttr(), getDilationsAttr()));
  grads.push_back(b.create<Conv2DGradFilterOp>(
      loc, getFilter().getType(), getInput(), getFilter(), dy,
      getPaddingAttr(), getStridesAttr(), getDilationsAttr()));
  if (getBias())
    grads.push_back(biasGrad(b, loc, dy));
  return success();
}

LogicalResult MaxPool2DOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                          SmallVectorImpl<Value> &grads) {
  grads.push_back(b.create<MaxPool2DGradOp>(
      getLoc(), getInput().getType(), getInput(), dys[0], getPoolSizeAttr(),
      getStridesAttr(), getPaddingAttr()));
  return success();
}

LogicalResult AvgPool2DOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                          SmallVectorImpl<Value> &grads) {
  grads.push_back(b.create<AvgPool2DGradOp>(
      getLoc(), getInput().getType(), getInput(), dys[0], getPoolSizeAttr(),
      getStridesAttr(), getPaddingAttr()));
  return success();
}

LogicalResult ActivationOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                           SmallVectorImpl<Value> &grads) {
  if (getKind() == Activation::linear) {
    grads.push_back(dys[0]);
    return success();
  }
  grads.push_back(b.create<ActivationGradOp>(getLoc(), getInput().getType(),
                                             getKindAttr(), getInput(), dys[0],
                                             getAlphaAttr(), getMaxValueAttr(),
                                             getThresholdAttr()));
  return success();
}

LogicalResult PReLUOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                      SmallVectorImpl<Value> &grads) {
  auto grad = b.create<PReLUGradOp>(getLoc(), getInput(), getAlpha(), dys[0]);
  grads.push_back(grad.getInputGrad());
  grads.push_back(grad.getAlphaGrad());
  return success();
}

LogicalResult SoftmaxOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                        SmallVectorImpl<Value> &grads) {
  grads.push_back(b.create<SoftmaxGradOp>(getLoc(), getInput().getType(),
                                          getResult(), dys[0], getAxisAttr()));
  return success();
}

LogicalResult DropoutOp::buildGradients(OpBuilder &b, ArrayRef<Value> dys,
                                        SmallVectorImpl<Value> &grads) {
  // Dropout multiplies by a fixed mask (a function of seed and step), so its
  // gradient is the same op on the output gradient; without a step it is
  // the identity.
  if (!getStep()) {
    grads.push_back(dys[0]);
    return success();
  }
  grads.push_back(b.create<DropoutOp>(getLoc(), dys[0].getType(), dys[0],
                                      getStep(), getRateAttr(), getSeedAttr()));
  grads.push_back(Value()); // the step counter
  return success();
}
