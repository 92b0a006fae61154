// The dlc_cuda dialect: verifiers, memory effects and bufferization of the
// library calls (see LibraryOps.td).
#include "codegen/cuda/LibraryOps.h"

#include "abi/WindowRules.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::bufferization;

#include "codegen/cuda/LibraryOpsDialect.cpp.inc"

namespace dlc::cuda {

void DlcCudaDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "codegen/cuda/LibraryOps.cpp.inc"
      >();
}

namespace {

ArrayRef<int64_t> shapeOf(Value v) { return cast<ShapedType>(v.getType()).getShape(); }

/// What every library op shares: its `outs` are its last operands.
template <typename Op>
unsigned firstInit(Op op) {
  return op->getNumOperands() - op.getDpsInitsMutable().size();
}

template <typename Op>
bool isInit(Op op, OpOperand &operand) {
  return operand.getOperandNumber() >= firstInit(op);
}

template <typename Op>
void effectsOf(Op op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  for (OpOperand &operand : op->getOpOperands()) {
    if (!isa<MemRefType>(operand.get().getType()))
      continue;
    if (!isInit(op, operand) || op.getAccumulate())
      effects.emplace_back(MemoryEffects::Read::get(), &operand,
                           SideEffects::DefaultResource::get());
    if (isInit(op, operand))
      effects.emplace_back(MemoryEffects::Write::get(), &operand,
                           SideEffects::DefaultResource::get());
  }
}

template <typename Op>
AliasingValueList aliasesOf(Op op, OpOperand &operand) {
  if (!isInit(op, operand) || op->getNumResults() == 0)
    return {};
  const unsigned result = operand.getOperandNumber() - firstInit(op);
  return {{op->getResult(result), BufferRelation::Equivalent}};
}

/// The op on the operands' buffers, without results; the buffers of `outs`
/// become the results (as linalg's destination-style ops bufferize).
LogicalResult bufferizeLibraryOp(Operation *op, RewriterBase &rewriter,
                                 const BufferizationOptions &options) {
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(op);
  SmallVector<Value> operands;
  for (Value v : op->getOperands()) {
    if (!isa<TensorType>(v.getType())) {
      operands.push_back(v);
      continue;
    }
    FailureOr<Value> buffer = getBuffer(rewriter, v, options);
    if (failed(buffer))
      return failure();
    operands.push_back(*buffer);
  }
  OperationState state(op->getLoc(), op->getName(), operands, TypeRange{}, op->getAttrs());
  rewriter.create(state);
  SmallVector<Value> results(operands.end() - op->getNumResults(), operands.end());
  replaceOpWithBufferizedValues(rewriter, op, results);
  return success();
}

/// The shared checks: f32, ranks, one result iff `outs` is a tensor.
LogicalResult verifyCommon(Operation *op, ArrayRef<int64_t> ranks) {
  for (auto [v, rank] : llvm::zip(op->getOperands(), ranks))
    if (cast<ShapedType>(v.getType()).getRank() != rank)
      return op->emitOpError("expects operand of rank ") << rank << ", got " << v.getType();
  for (Value v : op->getOperands())
    if (!cast<ShapedType>(v.getType()).hasStaticShape())
      return op->emitOpError("needs static shapes (the launch list is static)");
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// gemm
//===----------------------------------------------------------------------===//

int64_t GemmOp::getM() { return shapeOf(getC())[0]; }
int64_t GemmOp::getN() { return shapeOf(getC())[1]; }
int64_t GemmOp::getK() { return shapeOf(getA())[getTransposeA() ? 0 : 1]; }

LogicalResult GemmOp::verify() {
  SmallVector<int64_t> ranks = {2, 2};
  if (getBias())
    ranks.push_back(1);
  ranks.push_back(2);
  if (getBiasGrad())
    ranks.push_back(1);
  if (failed(verifyCommon(*this, ranks)))
    return failure();
  ArrayRef<int64_t> a = shapeOf(getA()), b = shapeOf(getB()), c = shapeOf(getC());
  const int64_t m = getTransposeA() ? a[1] : a[0], ka = getTransposeA() ? a[0] : a[1];
  const int64_t kb = getTransposeB() ? b[1] : b[0], n = getTransposeB() ? b[0] : b[1];
  if (ka != kb)
    return emitOpError("op(a) is ") << m << "x" << ka << " but op(b) is " << kb << "x" << n;
  if (c[0] != m || c[1] != n)
    return emitOpError("c is ") << c[0] << "x" << c[1] << ", the product " << m << "x" << n;
  if (!llvm::is_contained(kGemmEpilogues, getEpilogue()))
    return emitOpError("unknown epilogue '") << getEpilogue()
           << "' (none, bias, relu, relu_bias, bgrad)";
  if (hasBiasGradEpilogue() != bool(getBiasGrad()))
    return emitOpError(hasBiasGradEpilogue() ? "epilogue 'bgrad' needs a bias_grad output"
                                             : "has a bias_grad output but epilogue '")
           << (hasBiasGradEpilogue() ? "" : getEpilogue()) << (hasBiasGradEpilogue() ? "" : "'");
  if (getBiasGrad() && getTransposeB())
    return emitOpError("bgrad sums b over its rows (cuBLASLt's BGRADA, which takes a "
                       "non-transposed A: the row-major b); b cannot be transposed");
  if (getBiasGrad() && shapeOf(getBiasGrad())[0] != n)
    return emitOpError("bias_grad has ") << shapeOf(getBiasGrad())[0] << " elements, c " << n
                                         << " columns";
  if (getBiasGrad() && getNumResults() != 0 && getNumResults() != 2)
    return emitOpError("with bias_grad on tensors returns c and bias_grad");
  if (hasBiasEpilogue() != bool(getBias()))
    return emitOpError(hasBiasEpilogue() ? "epilogue '" : "has a bias but epilogue '")
           << getEpilogue() << (hasBiasEpilogue() ? "' needs a bias" : "'");
  if (getBias() && shapeOf(getBias())[0] != n)
    return emitOpError("bias has ") << shapeOf(getBias())[0] << " elements, c " << n << " columns";
  if (getAccumulate() && getEpilogue() != "none")
    return emitOpError("accumulates into c and has an epilogue; cuBLASLt applies it after the sum, "
                       "which is not what a bias-initialised accumulator means");
  return success();
}

MutableOperandRange GemmOp::getDpsInitsMutable() {
  const unsigned c = getBias() ? 3 : 2;
  return MutableOperandRange(getOperation(), c, getBiasGrad() ? 2 : 1);
}
void GemmOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  effectsOf(*this, effects);
}
bool GemmOp::bufferizesToMemoryRead(OpOperand &operand, const AnalysisState &) {
  return !isInit(*this, operand) || getAccumulate();
}
bool GemmOp::bufferizesToMemoryWrite(OpOperand &operand, const AnalysisState &) {
  return isInit(*this, operand);
}
AliasingValueList GemmOp::getAliasingValues(OpOperand &operand, const AnalysisState &) {
  return aliasesOf(*this, operand);
}
LogicalResult GemmOp::bufferize(RewriterBase &rewriter, const BufferizationOptions &options) {
  return bufferizeLibraryOp(*this, rewriter, options);
}

//===----------------------------------------------------------------------===//
// convolutions
//===----------------------------------------------------------------------===//

namespace {

/// The convolution's geometry: x [N,H,W,C], w [K,R,S,C], y [N,P,Q,K].
template <typename Op>
LogicalResult verifyConv(Op op) {
  SmallVector<int64_t> ranks(op->getNumOperands(), 4);
  if constexpr (std::is_same_v<Op, Conv2DBiasActivationOp>)
    ranks[2] = 1; // x, w, bias, y
  if (failed(verifyCommon(op, ranks)))
    return failure();
  for (auto [name, v] : {std::pair<const char *, ArrayRef<int64_t>>{"pre_padding", op.getPrePadding()},
                         {"post_padding", op.getPostPadding()},
                         {"strides", op.getStrides()},
                         {"dilations", op.getDilations()}}) {
    if (v.size() != 2)
      return op.emitOpError(name) << " needs 2 values (height, width)";
    for (int64_t x : v)
      if (x < 0 || (x == 0 && name[0] != 'p'))
        return op.emitOpError(name) << " must be " << (name[0] == 'p' ? "non-negative" : "positive");
  }
  ArrayRef<int64_t> x = shapeOf(op.getX()), w = shapeOf(op.getW()), y = shapeOf(op.getY());
  if (x[0] != y[0])
    return op.emitOpError("images: x has ") << x[0] << ", y " << y[0];
  if (x[3] != w[3])
    return op.emitOpError("input channels: x has ") << x[3] << ", the KRSC filter " << w[3];
  if (y[3] != w[0])
    return op.emitOpError("output channels: y has ") << y[3] << ", the KRSC filter " << w[0];
  for (int d = 0; d < 2; ++d) {
    const int64_t padded = x[1 + d] + op.getPrePadding()[d] + op.getPostPadding()[d];
    const int64_t out = abi::windowOutputSize(padded, w[1 + d], op.getStrides()[d],
                                              op.getDilations()[d], /*same=*/false);
    if (out != y[1 + d])
      return op.emitOpError(d == 0 ? "height" : "width")
             << ": x " << x[1 + d] << " padded by " << op.getPrePadding()[d] << "+"
             << op.getPostPadding()[d] << " with a window of " << w[1 + d] << " gives " << out
             << ", y has " << y[1 + d];
  }
  return success();
}

} // namespace

#define DLC_CUDA_CONV_OP(Op, X, W, Y)                                                          \
  Value Op::getX() { return X; }                                                                \
  Value Op::getW() { return W; }                                                                \
  Value Op::getY() { return Y; }                                                                \
  LogicalResult Op::verify() { return verifyOp(*this); }                                       \
  MutableOperandRange Op::getDpsInitsMutable() { return getOutputMutable(); }                   \
  void Op::getEffects(                                                                          \
      SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {          \
    effectsOf(*this, effects);                                                                  \
  }                                                                                             \
  bool Op::bufferizesToMemoryRead(OpOperand &operand, const AnalysisState &) {                 \
    return !isInit(*this, operand) || getAccumulate();                                          \
  }                                                                                             \
  bool Op::bufferizesToMemoryWrite(OpOperand &operand, const AnalysisState &) {                \
    return isInit(*this, operand);                                                              \
  }                                                                                             \
  AliasingValueList Op::getAliasingValues(OpOperand &operand, const AnalysisState &) {         \
    return aliasesOf(*this, operand);                                                           \
  }                                                                                             \
  LogicalResult Op::bufferize(RewriterBase &rewriter, const BufferizationOptions &options) {   \
    return bufferizeLibraryOp(*this, rewriter, options);                                        \
  }

namespace {

/// The convolution's checks, then the bias (one value per output channel)
/// and the activation.
LogicalResult verifyFused(Conv2DBiasActivationOp op) {
  if (failed(verifyConv(op)))
    return failure();
  const int64_t channels = shapeOf(op.getY())[3];
  if (shapeOf(op.getBias())[0] != channels)
    return op.emitOpError("bias has ") << shapeOf(op.getBias())[0] << " elements, y "
                                       << channels << " channels";
  if (op.getActivation() != "relu" && op.getActivation() != "none")
    return op.emitOpError("activation '") << op.getActivation() << "' (relu or none)";
  if (op.getAccumulate())
    return op.emitOpError("cannot accumulate: the bias and activation apply to the sum");
  return success();
}

template <typename Op>
LogicalResult verifyOp(Op op) {
  return verifyConv(op);
}
LogicalResult verifyOp(Conv2DBiasActivationOp op) { return verifyFused(op); }

} // namespace

DLC_CUDA_CONV_OP(Conv2DForwardOp, getInput0(), getInput1(), getOutput())
DLC_CUDA_CONV_OP(Conv2DBiasActivationOp, getInput0(), getInput1(), getOutput())
DLC_CUDA_CONV_OP(Conv2DBackwardDataOp, getOutput(), getInput1(), getInput0())
DLC_CUDA_CONV_OP(Conv2DBackwardFilterOp, getInput0(), getOutput(), getInput1())

#undef DLC_CUDA_CONV_OP

//===----------------------------------------------------------------------===//
// fallback
//===----------------------------------------------------------------------===//

LogicalResult FallbackOp::verify() {
  Operation *call = getOperation()->getPrevNode();
  const bool fused = call && ((isa<GemmOp>(call) && cast<GemmOp>(call).hasBiasGradEpilogue()) ||
                              isa<Conv2DBiasActivationOp>(call));
  if (!fused)
    return emitOpError("must follow the fused library call it replaces (a 'bgrad' "
                       "dlc_cuda.gemm or a dlc_cuda.conv2d_bias_activation)");
  if (call->getNumResults() != 0)
    return emitOpError("follows a call on tensors; fallbacks are made on buffers");
  return success();
}

} // namespace dlc::cuda

#define GET_OP_CLASSES
#include "codegen/cuda/LibraryOps.cpp.inc"
