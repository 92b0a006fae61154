// The compiler's FLOP count of dlc functions (see FlopCount.h for the table).
#include "passes/FlopCount.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>

using namespace mlir;

namespace dlc {
namespace {
int64_t elements(Value v) {
  auto t = dyn_cast<ShapedType>(v.getType());
  return t && t.hasStaticShape() ? t.getNumElements() : 0;
}

ArrayRef<int64_t> shape(Value v) {
  auto t = dyn_cast<ShapedType>(v.getType());
  return t && t.hasRank() ? t.getShape() : ArrayRef<int64_t>();
}

int64_t resultElements(Operation *op) {
  int64_t n = 0;
  for (Value r : op->getResults())
    n += elements(r);
  return n;
}

/// dense and its gradients: 2*M*K*N from input [..., K] and kernel [K, N].
int64_t denseProduct(Operation *op) {
  ArrayRef<int64_t> kernel = shape(op->getOperand(1));
  if (kernel.size() != 2)
    return 0;
  int64_t k = kernel[0], n = kernel[1];
  int64_t m = k ? elements(op->getOperand(0)) / k : 0;
  return 2 * m * k * n;
}

/// conv2d and its gradients: 2 * E(conv result) * KH*KW*C, filter [KH,KW,C,F].
int64_t convProduct(Value filter, Value convResult) {
  ArrayRef<int64_t> f = shape(filter);
  if (f.size() != 4)
    return 0;
  return 2 * elements(convResult) * f[0] * f[1] * f[2];
}

int64_t poolWindow(Operation *op) {
  auto size = op->getAttrOfType<DenseI64ArrayAttr>("pool_size");
  int64_t w = 1;
  if (size)
    for (int64_t s : size.asArrayRef())
      w *= s;
  return w;
}

/// One recurrent layer's forward count: input [N, T, F], recurrent kernel
/// [U, G*U] (G gates).
int64_t recurrentForward(Value input, Value recurrentKernel, int64_t gates,
                         int64_t elementwisePerUnit) {
  ArrayRef<int64_t> in = shape(input), rk = shape(recurrentKernel);
  if (in.size() != 3 || rk.size() != 2)
    return 0;
  int64_t n = in[0], t = in[1], f = in[2], u = rk[0];
  return t * (2 * gates * n * u * (f + u) + elementwisePerUnit * n * u);
}

int64_t optimizerPerElement(Operation *op, StringRef name) {
  if (name == "sgd_update") {
    auto momentum = op->getAttrOfType<FloatAttr>("momentum");
    if (!momentum || momentum.getValueAsDouble() == 0.0)
      return 2;
    auto nesterov = op->getAttrOfType<BoolAttr>("nesterov");
    return nesterov && nesterov.getValue() ? 7 : 4;
  }
  if (name == "rmsprop_update")
    return 9;
  if (name == "adam_update")
    return 12;
  if (name == "adadelta_update")
    return 16;
  return 0;
}
} // namespace

int64_t countOpFlops(Operation *op) {
  StringRef full = op->getName().getStringRef();
  if (!full.consume_front("dlc."))
    return 0; // func.return and other dialects' glue
  StringRef name = full;
  if (name == "dense")
    return denseProduct(op) +
           (op->getNumOperands() > 2 ? resultElements(op) : 0);
  // A fused op counts as the ops it replaces: the activation one per element.
  if (name == "fused_dense")
    return denseProduct(op) +
           (op->getNumOperands() > 2 ? resultElements(op) : 0) + resultElements(op);
  if (name == "fused_conv2d")
    return convProduct(op->getOperand(1), op->getResult(0)) +
           (op->getNumOperands() > 2 ? resultElements(op) : 0) + resultElements(op);
  if (name == "dense_grad_input" || name == "dense_grad_kernel")
    return denseProduct(op);
  if (name == "conv2d")
    return convProduct(op->getOperand(1), op->getResult(0)) +
           (op->getNumOperands() > 2 ? resultElements(op) : 0);
  if (name == "conv2d_grad_input" || name == "conv2d_grad_filter")
    return convProduct(op->getOperand(1), op->getOperand(2));
  if (name == "max_pool2d" || name == "avg_pool2d")
    return resultElements(op) * poolWindow(op);
  if (name == "max_pool2d_grad" || name == "avg_pool2d_grad")
    return elements(op->getOperand(1)) * poolWindow(op);
  if (name == "lstm")
    return recurrentForward(op->getOperand(0), op->getOperand(2), 4, 13);
  if (name == "gru")
    return recurrentForward(op->getOperand(0), op->getOperand(2), 3, 10);
  if (name == "simple_rnn")
    return recurrentForward(op->getOperand(0), op->getOperand(2), 1, 2);
  // The recurrent gradients list result_grad last among the operands (the
  // assembly prints it first): input, kernel, recurrent_kernel, [bias,] dh.
  // The recording pair of dlc-fuse-lstm-step counts as lstm and lstm_grad
  // (whose count excludes the recompute the recorded gradient drops).
  if (name == "lstm_record")
    return recurrentForward(op->getOperand(0), op->getOperand(2), 4, 13);
  if (name == "lstm_grad" || name == "lstm_grad_recorded")
    return 2 * recurrentForward(op->getOperand(0), op->getOperand(2), 4, 13);
  if (name == "gru_grad")
    return 2 * recurrentForward(op->getOperand(0), op->getOperand(2), 3, 10);
  if (name == "simple_rnn_grad")
    return 2 * recurrentForward(op->getOperand(0), op->getOperand(2), 1, 2);
  if (name == "activation" || name == "activation_grad" || name == "dropout" ||
      name == "categorical_crossentropy_grad")
    return resultElements(op);
  if (name == "add")
    return resultElements(op) * std::max<int64_t>(op->getNumOperands() - 1, 0);
  if (name == "softmax" || name == "softmax_grad")
    return 3 * resultElements(op);
  if (name == "categorical_crossentropy")
    return 2 * elements(op->getOperand(0));
  if (name == "accuracy")
    return elements(op->getOperand(0));
  if (name == "reduce_sum")
    return elements(op->getOperand(0));
  if (name == "embedding_grad")
    return elements(op->getOperand(2));
  if (int64_t per = optimizerPerElement(op, name))
    return per * elements(op->getOperand(0));
  if (name == "embedding" || name == "flatten" || name == "reshape" ||
      name == "transpose" || name == "concatenate" || name == "repeat_vector" ||
      name == "slice" || name == "yield" || name == "increment")
    return 0;
  if (name == "fused_optimizer_update") {
    int64_t body = 0;
    for (Operation &inner : op->getRegion(0).getOps())
      body += countOpFlops(&inner);
    return body;
  }
  if (name == "time_distributed") {
    ArrayRef<int64_t> in = shape(op->getOperand(0));
    int64_t steps = in.size() >= 2 ? in[1] : 1;
    int64_t body = 0;
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (Operation &inner : block)
          body += countOpFlops(&inner);
    return steps * body;
  }
  return resultElements(op);
}

FlopCount countFlops(func::FuncOp func) {
  FlopCount count;
  for (Block &block : func.getBody())
    for (Operation &op : block) {
      int64_t flops = countOpFlops(&op);
      StringRef name = op.getName().getStringRef();
      if (!name.consume_front("dlc."))
        continue;
      count.total += flops;
      count.byOp[name.str()] += flops;
    }
  return count;
}

} // namespace dlc
