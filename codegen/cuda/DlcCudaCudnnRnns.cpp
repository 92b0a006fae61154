// dlc-cuda-cudnn-rnns: the recurrent layers whose math is cuDNN's become
// cuDNN RNN calls on a packed weight space; every other one keeps the
// generated path, with the reason recorded (see Passes.td).
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Passes.h"
#include "codegen/cuda/Payload.h"

#include "ir/DlcOps.h"

#include "abi/CudnnRnnLayout.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/TypeSwitch.h"

#include <type_traits>

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDACUDNNRNNS
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace dlc::cuda {
namespace {

/// A recurrent op's operands and attributes, whichever op it is.
struct Layer {
  Operation *op = nullptr;
  Value x, kernel, recurrent, bias;
  Activation activation = Activation::tanh;
  std::optional<Activation> gates; ///< none for SimpleRNN
  bool returnSequences = false, goBackwards = false, resetAfter = false;
  enum class Kind { Lstm, Gru, SimpleRnn } kind = Kind::Lstm;
  abi::RnnCell cell = abi::RnnCell::Lstm;
  int64_t n = 0, t = 0, f = 0, u = 0;

  int gateCount() const { return abi::rnnGates(cell); }
  abi::RnnWeightSpace space() const { return {cell, f, u}; }
  const char *name() const {
    return kind == Kind::Lstm ? "LSTM" : kind == Kind::Gru ? "GRU" : "SimpleRNN";
  }
};

template <typename Op>
Layer layerFrom(Op op, Layer::Kind kind) {
  Layer l;
  l.op = op;
  l.kind = kind;
  l.x = op.getInput();
  l.kernel = op.getKernel();
  l.recurrent = op.getRecurrentKernel();
  l.bias = op.getBias();
  l.activation = op.getActivation();
  l.returnSequences = op.getReturnSequences();
  l.goBackwards = op.getGoBackwards();
  if constexpr (!std::is_same_v<Op, SimpleRNNOp> && !std::is_same_v<Op, SimpleRNNGradOp>)
    l.gates = op.getRecurrentActivation();
  if constexpr (std::is_same_v<Op, GRUOp> || std::is_same_v<Op, GRUGradOp>)
    l.resetAfter = op.getResetAfter();
  if (kind == Layer::Kind::Lstm)
    l.cell = abi::RnnCell::Lstm;
  else if (kind == Layer::Kind::Gru)
    l.cell = abi::RnnCell::Gru;
  else
    l.cell = l.activation == Activation::relu ? abi::RnnCell::RnnRelu : abi::RnnCell::RnnTanh;
  auto x = cast<ShapedType>(l.x.getType());
  auto rk = cast<ShapedType>(l.recurrent.getType());
  if (x.hasStaticShape() && rk.hasStaticShape()) {
    l.n = x.getDimSize(0);
    l.t = x.getDimSize(1);
    l.f = x.getDimSize(2);
    l.u = rk.getDimSize(0);
  }
  return l;
}

/// The layer of a recurrent op (forward, recorded forward or gradient).
Layer layerOf(Operation *op) {
  return llvm::TypeSwitch<Operation *, Layer>(op)
      .Case<LSTMOp, LSTMRecordOp, LSTMGradOp, LSTMGradRecordedOp>(
          [](auto o) { return layerFrom(o, Layer::Kind::Lstm); })
      .Case<GRUOp, GRUGradOp>([](auto o) { return layerFrom(o, Layer::Kind::Gru); })
      .Case<SimpleRNNOp, SimpleRNNGradOp>(
          [](auto o) { return layerFrom(o, Layer::Kind::SimpleRnn); });
}

/// Why cuDNN's RNN would not compute exactly this layer's math; "" when it does.
std::string whyNotCudnn(const Layer &l) {
  if (!hasStaticF32Operands(l.op))
    return "cuDNN calls are made for static float32 shapes only";
  if (l.gates && *l.gates != Activation::sigmoid)
    return "its gates are " + stringifyActivation(*l.gates).str() +
           "; cuDNN's RNN has only logistic-sigmoid gates, which would change the model's math";
  if (l.kind == Layer::Kind::SimpleRnn) {
    if (l.activation != Activation::tanh && l.activation != Activation::relu)
      return "its activation is " + stringifyActivation(l.activation).str() +
             "; cuDNN's plain RNN has tanh and relu cells only";
  } else if (l.activation != Activation::tanh) {
    return "its activation is " + stringifyActivation(l.activation).str() + "; cuDNN's " +
           l.name() + " computes tanh";
  }
  if (l.kind == Layer::Kind::Gru && !l.resetAfter)
    return "reset_after = false (the reset gate before the recurrent product, Keras 2's GRU); "
           "cuDNN's GRU applies it after the product, which would change the model's math";
  if (l.t < 1 || l.n < 1)
    return "an empty sequence or batch";
  return "";
}

Value empty(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Type element) {
  return b.create<tensor::EmptyOp>(loc, shape, element);
}

Value zeros(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  Value zero = b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(0));
  return b.create<linalg::FillOp>(loc, zero, empty(b, loc, shape, b.getF32Type()))->getResult(0);
}

Value transpose2d(OpBuilder &b, Location loc, Value m) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(m.getType()).getShape();
  return b.create<linalg::TransposeOp>(loc, m, empty(b, loc, {s[1], s[0]}, b.getF32Type()),
                                       ArrayRef<int64_t>{1, 0})
      ->getResult(0);
}

SmallVector<OpFoldResult> indices(OpBuilder &b, ArrayRef<int64_t> v) {
  SmallVector<OpFoldResult> r;
  for (int64_t x : v)
    r.push_back(b.getIndexAttr(x));
  return r;
}

/// `source` (any shape, n elements) as the floats [offset, offset + n) of `space`.
Value insertFlat(OpBuilder &b, Location loc, Value source, Value space, int64_t offset) {
  auto type = cast<RankedTensorType>(source.getType());
  Value flat = source;
  if (type.getRank() != 1) {
    ReassociationIndices all;
    for (int64_t d = 0; d < type.getRank(); ++d)
      all.push_back(d);
    flat = b.create<tensor::CollapseShapeOp>(loc, source, ArrayRef<ReassociationIndices>{all});
  }
  return b.create<tensor::InsertSliceOp>(loc, flat, space, indices(b, {offset}),
                                         indices(b, {type.getNumElements()}), indices(b, {1}));
}

/// Floats [offset, offset + rows·cols) of `space` as a [rows, cols] matrix.
Value extractMatrix(OpBuilder &b, Location loc, Value space, int64_t offset, int64_t rows,
                    int64_t cols) {
  Value flat = b.create<tensor::ExtractSliceOp>(loc, space, indices(b, {offset}),
                                                indices(b, {rows * cols}), indices(b, {1}));
  return b.create<tensor::ExpandShapeOp>(loc, RankedTensorType::get({rows, cols}, b.getF32Type()),
                                         flat, ArrayRef<ReassociationIndices>{{0, 1}});
}

/// Columns [col, col + width) of a 2-D tensor.
Value columns(OpBuilder &b, Location loc, Value m, int64_t col, int64_t width) {
  int64_t rows = cast<RankedTensorType>(m.getType()).getDimSize(0);
  return b.create<tensor::ExtractSliceOp>(loc, m, indices(b, {0, col}), indices(b, {rows, width}),
                                          indices(b, {1, 1}));
}

/// Row `row` (of a [2, n] bias) or the whole vector, elements [at, at + width).
Value biasPart(OpBuilder &b, Location loc, Value bias, int row, int64_t at, int64_t width) {
  auto type = cast<RankedTensorType>(bias.getType());
  if (type.getRank() == 1)
    return b.create<tensor::ExtractSliceOp>(loc, bias, indices(b, {at}), indices(b, {width}),
                                            indices(b, {1}));
  return b.create<tensor::ExtractSliceOp>(
      loc, RankedTensorType::get({width}, b.getF32Type()), bias, indices(b, {row, at}),
      indices(b, {1, width}), indices(b, {1, 1}));
}

/// The Keras weights of `l` packed into cuDNN's weight space (generated
/// transposes and copies; abi::RnnWeightSpace says where each goes).
Value packWeights(OpBuilder &b, Location loc, const Layer &l) {
  const abi::RnnWeightSpace s = l.space();
  const int g = l.gateCount();
  Value space = empty(b, loc, {s.size()}, b.getF32Type());
  for (int gate = 0; gate < g; ++gate) {
    // kernel[f][gate·U + u] → W_j[u][f]: the gate's columns transposed.
    space = insertFlat(b, loc, transpose2d(b, loc, columns(b, loc, l.kernel, gate * l.u, l.u)),
                       space, s.kernelIndex(0, gate, 0));
    space = insertFlat(b, loc,
                       transpose2d(b, loc, columns(b, loc, l.recurrent, gate * l.u, l.u)), space,
                       s.recurrentIndex(0, gate, 0));
  }
  const bool twoBiases = l.bias && cast<RankedTensorType>(l.bias.getType()).getRank() == 2;
  for (int row = 0; row < 2; ++row) {
    if (!l.bias || (row == 1 && !twoBiases)) {
      // No such Keras bias: cuDNN's is zero (its G·U floats are contiguous).
      space = insertFlat(b, loc, zeros(b, loc, {g * l.u}), space, s.biasIndex(row, 0, 0));
      continue;
    }
    for (int gate = 0; gate < g; ++gate)
      space = insertFlat(b, loc, biasPart(b, loc, l.bias, row, gate * l.u, l.u), space,
                         s.biasIndex(row, gate, 0));
  }
  return space;
}

/// The weight-space gradient `dw` as the Keras-layout gradients of kernel,
/// recurrent kernel and (when the layer has one) bias.
SmallVector<Value> unpackGradients(OpBuilder &b, Location loc, const Layer &l, Value dw) {
  const abi::RnnWeightSpace s = l.space();
  const int g = l.gateCount();
  Value dk = empty(b, loc, {l.f, g * l.u}, b.getF32Type());
  Value drk = empty(b, loc, {l.u, g * l.u}, b.getF32Type());
  for (int gate = 0; gate < g; ++gate) {
    // W_j's gradient [U, cols] transposed into the gate's U columns of a
    // [cols, G·U] Keras gradient.
    auto place = [&](Value into, int64_t offset, int64_t cols) -> Value {
      Value m = transpose2d(b, loc, extractMatrix(b, loc, dw, offset, l.u, cols));
      return b.create<tensor::InsertSliceOp>(loc, m, into, indices(b, {0, gate * l.u}),
                                             indices(b, {cols, l.u}), indices(b, {1, 1}));
    };
    dk = place(dk, s.kernelIndex(0, gate, 0), l.f);
    drk = place(drk, s.recurrentIndex(0, gate, 0), l.u);
  }
  SmallVector<Value> grads = {dk, drk};
  if (!l.bias)
    return grads;
  auto type = cast<RankedTensorType>(l.bias.getType());
  Value db = empty(b, loc, type.getShape(), b.getF32Type());
  // One Keras bias is cuDNN's input bias (the recurrent one is zero and has
  // the same gradient); a [2, G·U] bias is both.
  const int rows = type.getRank() == 2 ? 2 : 1;
  for (int row = 0; row < rows; ++row)
    for (int gate = 0; gate < g; ++gate) {
      Value part = b.create<tensor::ExtractSliceOp>(loc, dw, indices(b, {s.biasIndex(row, gate, 0)}),
                                                    indices(b, {l.u}), indices(b, {1}));
      if (rows == 1)
        db = b.create<tensor::InsertSliceOp>(loc, part, db, indices(b, {gate * l.u}),
                                             indices(b, {l.u}), indices(b, {1}));
      else
        db = b.create<tensor::InsertSliceOp>(loc, part, db, indices(b, {row, gate * l.u}),
                                             indices(b, {1, l.u}), indices(b, {1, 1}));
    }
  grads.push_back(db);
  return grads;
}

/// `v` ([N, T, D]) with its time steps in reverse order (go_backwards).
Value reverseTime(OpBuilder &b, Location loc, Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  MLIRContext *ctx = b.getContext();
  const int64_t t = type.getDimSize(1);
  AffineMap identity = b.getMultiDimIdentityMap(3);
  AffineMap reversed =
      AffineMap::get(3, 0,
                     {getAffineDimExpr(0, ctx), getAffineConstantExpr(t - 1, ctx) - getAffineDimExpr(1, ctx),
                      getAffineDimExpr(2, ctx)},
                     ctx);
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{type}, ValueRange{v},
          ValueRange{empty(b, loc, type.getShape(), b.getF32Type())},
          ArrayRef<AffineMap>{reversed, identity},
          SmallVector<utils::IteratorType>(3, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, ValueRange{args[0]});
          })
      ->getResult(0);
}

/// What the calls of one layer share: the packed weights, the sequence
/// lengths and the input in the order cuDNN reads it.
struct Prepared {
  Value w, seq, x;
};

Prepared prepare(OpBuilder &b, Location loc, const Layer &l) {
  Prepared p;
  p.w = packWeights(b, loc, l);
  Value t = b.create<arith::ConstantOp>(loc, b.getI32IntegerAttr(int32_t(l.t)));
  p.seq = b.create<linalg::FillOp>(loc, t, empty(b, loc, {l.n}, b.getI32Type()))->getResult(0);
  p.x = l.goBackwards ? reverseTime(b, loc, l.x) : l.x;
  return p;
}

int64_t workspaceBytes(const Layer &l) {
  return int64_t(abi::rnnWorkspaceBound(l.cell, l.n, l.t, l.u));
}

StringAttr cellAttr(OpBuilder &b, const Layer &l) {
  return b.getStringAttr(std::string(abi::rnnCellName(l.cell)));
}

/// The forward call: y [N, T, U] and, in training mode, the reserve.
std::pair<Value, Value> forward(OpBuilder &b, Location loc, const Layer &l, const Prepared &p,
                                bool training) {
  Value y = empty(b, loc, {l.n, l.t, l.u}, b.getF32Type());
  Value reserve;
  SmallVector<Type> types = {y.getType()};
  if (training) {
    const int64_t floats = int64_t((abi::rnnReserveBound(l.cell, l.n, l.t, l.u) + 3) / 4);
    reserve = empty(b, loc, {floats}, b.getF32Type());
    types.push_back(reserve.getType());
  }
  auto call = b.create<RnnForwardOp>(loc, types, p.x, p.w, p.seq, y, reserve, cellAttr(b, l),
                                     b.getI64IntegerAttr(workspaceBytes(l)));
  return {call->getResult(0), training ? call->getResult(1) : Value()};
}

/// The layer's result from cuDNN's y: every step, or the last.
Value resultOf(OpBuilder &b, Location loc, const Layer &l, Value y) {
  if (l.returnSequences)
    return y;
  return b.create<tensor::ExtractSliceOp>(loc, RankedTensorType::get({l.n, l.u}, b.getF32Type()),
                                          y, indices(b, {0, l.t - 1, 0}),
                                          indices(b, {l.n, 1, l.u}), indices(b, {1, 1, 1}));
}

/// The gradients of input, kernel, recurrent kernel (and bias) from the
/// result's gradient, after a training forward.
SmallVector<Value> backward(OpBuilder &b, Location loc, const Layer &l, const Prepared &p,
                            Value y, Value reserve, Value resultGrad) {
  Value dy = resultGrad;
  if (!l.returnSequences)
    dy = b.create<tensor::InsertSliceOp>(loc, resultGrad, zeros(b, loc, {l.n, l.t, l.u}),
                                         indices(b, {0, l.t - 1, 0}), indices(b, {l.n, 1, l.u}),
                                         indices(b, {1, 1, 1}));
  Value dx = empty(b, loc, {l.n, l.t, l.f}, b.getF32Type());
  auto data = b.create<RnnBackwardDataOp>(loc, TypeRange{dx.getType(), reserve.getType()}, y, dy,
                                          p.w, p.seq, dx, reserve, cellAttr(b, l),
                                          b.getI64IntegerAttr(workspaceBytes(l)));
  Value dwZero = zeros(b, loc, {l.space().size()});
  auto weights = b.create<RnnBackwardWeightsOp>(loc, TypeRange{dwZero.getType()}, p.x, y, p.seq,
                                                data->getResult(1), dwZero, cellAttr(b, l),
                                                b.getI64IntegerAttr(workspaceBytes(l)));
  SmallVector<Value> grads = {l.goBackwards ? reverseTime(b, loc, data->getResult(0))
                                            : data->getResult(0)};
  grads.append(unpackGradients(b, loc, l, weights->getResult(0)));
  return grads;
}

std::string shapes(const Layer &l) {
  return std::to_string(l.n) + "x" + std::to_string(l.t) + "x" + std::to_string(l.f) + " -> " +
         std::to_string(l.n) + "x" + std::to_string(l.t) + "x" + std::to_string(l.u);
}

struct CudnnRnns : impl::DlcCudaCudnnRnnsBase<CudnnRnns> {
  using DlcCudaCudnnRnnsBase::DlcCudaCudnnRnnsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<LibraryPassOptions> options =
        readLibraryPassOptions(module, "dlc-cuda-cudnn-rnns", policy, tuneCache);
    if (failed(options))
      return signalPassFailure();
    options_ = std::move(*options);

    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<LSTMOp, LSTMRecordOp, GRUOp, SimpleRNNOp, LSTMGradOp, GRUGradOp, SimpleRNNGradOp>(op))
        ops.push_back(op);
    });
    IRRewriter b(&getContext());
    for (Operation *op : ops) {
      const Layer l = layerOf(op);
      std::string why = whyNotCudnn(l);
      Operation *grad = nullptr;
      if (why.empty() && isa<LSTMRecordOp>(op))
        why = tapeReader(op, grad);
      if (!why.empty()) {
        // The generated path; gradients follow their forward op's record.
        if (!isa<LSTMGradOp, GRUGradOp, SimpleRNNGradOp>(op))
          recordPath(module, op->getLoc(),
                     op->getName().getStringRef().str() + " gates and state updates",
                     kPathGenerated, why + "; its GEMMs are listed separately");
        continue;
      }
      if (isa<LSTMGradOp, GRUGradOp, SimpleRNNGradOp>(op))
        rewriteGradient(b, module, l);
      else if (isa<LSTMRecordOp>(op) && grad)
        rewriteRecorded(b, module, l, grad);
      else
        rewriteInference(b, module, l);
    }
  }

  /// The one dlc.lstm_grad_recorded reading the tape of `record` (in `grad`);
  /// "" or why there is none to pair it with.
  static std::string tapeReader(Operation *record, Operation *&grad) {
    auto r = cast<LSTMRecordOp>(record);
    for (Value tape : {r.getGates(), r.getHPrev(), r.getCPrev()})
      for (Operation *user : tape.getUsers()) {
        auto g = dyn_cast<LSTMGradRecordedOp>(user);
        if (!g || g.getGates() != r.getGates() || g.getHPrev() != r.getHPrev() ||
            g.getCPrev() != r.getCPrev() || g.getInput() != r.getInput() ||
            g.getKernel() != r.getKernel() || g.getRecurrentKernel() != r.getRecurrentKernel() ||
            g.getBias() != r.getBias() || g.getGoBackwards() != r.getGoBackwards() ||
            g.getReturnSequences() != r.getReturnSequences())
          return "its tape is read by an op other than its own dlc.lstm_grad_recorded";
        if (grad && grad != user)
          return "its tape is read by two gradients; cuDNN's backward calls update the reserve "
                 "they share";
        grad = user;
      }
    return "";
  }

  /// The policy's choice for one op of `l` (`what` is the tune cache's key).
  PathChoice choose(const Layer &l, const std::string &what) const {
    PathChoice choice = chooseRnn(options_.policy);
    if (options_.policy == LibraryPolicy::Default)
      choice = applyTuneCache(options_.tuneCache(), locationName(l.op->getLoc()), what, choice);
    return choice;
  }

  bool decide(ModuleOp module, const Layer &l, const std::string &what) {
    PathChoice choice = choose(l, what);
    recordPath(module, l.op->getLoc(), what, choice.library ? kPathCudnn : kPathGenerated,
               choice.why);
    return choice.library;
  }

  void rewriteInference(IRRewriter &b, ModuleOp module, const Layer &l) {
    if (!decide(module, l, std::string(l.name()) + " forward (inference) " + shapes(l)))
      return;
    Location loc = l.op->getLoc();
    b.setInsertionPoint(l.op);
    Prepared p = prepare(b, loc, l);
    Value y = forward(b, loc, l, p, /*training=*/false).first;
    // A dlc.lstm_record whose tape nothing reads is a plain forward.
    l.op->getResult(0).replaceAllUsesWith(resultOf(b, loc, l, y));
    b.eraseOp(l.op);
  }

  void rewriteRecorded(IRRewriter &b, ModuleOp module, const Layer &l, Operation *grad) {
    const std::string what =
        std::string(l.name()) + " forward (training) " + shapes(l) + ", backward data and weights";
    if (!decide(module, l, what))
      return;
    Location loc = l.op->getLoc();
    b.setInsertionPoint(l.op);
    Prepared p = prepare(b, loc, l);
    auto [y, reserve] = forward(b, loc, l, p, /*training=*/true);
    Value result = resultOf(b, loc, l, y);
    b.setInsertionPoint(grad);
    auto g = cast<LSTMGradRecordedOp>(grad);
    b.replaceOp(grad, backward(b, grad->getLoc(), l, p, y, reserve, g.getResultGrad()));
    cast<LSTMRecordOp>(l.op).getResult().replaceAllUsesWith(result);
    b.eraseOp(l.op);
  }

  void rewriteGradient(IRRewriter &b, ModuleOp module, const Layer &l) {
    if (!decide(module, l,
                std::string(l.name()) + " backward " + shapes(l) +
                    " (the forward recomputed in training mode, backward data and weights)"))
      return;
    Location loc = l.op->getLoc();
    b.setInsertionPoint(l.op);
    Prepared p = prepare(b, loc, l);
    auto [y, reserve] = forward(b, loc, l, p, /*training=*/true);
    Value resultGrad;
    if (auto g = dyn_cast<LSTMGradOp>(l.op)) resultGrad = g.getResultGrad();
    else if (auto g = dyn_cast<GRUGradOp>(l.op)) resultGrad = g.getResultGrad();
    else resultGrad = cast<SimpleRNNGradOp>(l.op).getResultGrad();
    b.replaceOp(l.op, backward(b, loc, l, p, y, reserve, resultGrad));
  }

  LibraryPassOptions options_;
};

} // namespace
} // namespace dlc::cuda
