// dlc-cuda-cudnn-calls: the dlc convolutions cuDNN computes become dlc_cuda
// calls (forward, backward data, backward filter), the rest of a fused
// convolution (bias, activation) element-wise ops; pooling's path is
// recorded (see Passes.td).
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Passes.h"

#include "ir/DlcOps.h"

#include "abi/WindowRules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace dlc::cuda {
#define GEN_PASS_DEF_DLCCUDACUDNNCALLS
#include "codegen/cuda/Passes.h.inc"
} // namespace dlc::cuda

using namespace mlir;

namespace dlc::cuda {
namespace {

/// TensorFlow's paddings of one convolution, height then width.
struct Paddings {
  SmallVector<int64_t, 2> before, after;
};

Paddings paddingsOf(RankedTensorType input, RankedTensorType filter, ArrayRef<int64_t> strides,
                    ArrayRef<int64_t> dilations, Padding padding) {
  Paddings p;
  for (int d = 0; d < 2; ++d) {
    abi::WindowPadding w;
    if (padding == Padding::same)
      w = abi::samePadding(input.getDimSize(1 + d), filter.getDimSize(d), strides[d],
                           dilations[d]);
    p.before.push_back(w.before);
    p.after.push_back(w.after);
  }
  return p;
}

Value empty(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  return b.create<tensor::EmptyOp>(loc, shape, b.getF32Type());
}

/// A Keras [R, S, C, K] filter as cuDNN's channels-last [K, R, S, C].
Value toKrsc(OpBuilder &b, Location loc, Value filter) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(filter.getType()).getShape();
  return b.create<linalg::TransposeOp>(loc, filter, empty(b, loc, {s[3], s[0], s[1], s[2]}),
                                       ArrayRef<int64_t>{3, 0, 1, 2})
      ->getResult(0);
}

/// A [K, R, S, C] filter gradient back in Keras' [R, S, C, K].
Value fromKrsc(OpBuilder &b, Location loc, Value filter) {
  ArrayRef<int64_t> s = cast<RankedTensorType>(filter.getType()).getShape();
  return b.create<linalg::TransposeOp>(loc, filter, empty(b, loc, {s[1], s[2], s[3], s[0]}),
                                       ArrayRef<int64_t>{1, 2, 3, 0})
      ->getResult(0);
}

/// `y + bias[k]` over an NHWC tensor (an element-wise generic).
Value addChannelBias(OpBuilder &b, Location loc, Value y, Value bias) {
  auto type = cast<RankedTensorType>(y.getType());
  MLIRContext *ctx = b.getContext();
  AffineMap identity = b.getMultiDimIdentityMap(4);
  AffineMap channel = AffineMap::get(4, 0, {getAffineDimExpr(3, ctx)}, ctx);
  return b
      .create<linalg::GenericOp>(
          loc, TypeRange{type}, ValueRange{y, bias}, ValueRange{empty(b, loc, type.getShape())},
          ArrayRef<AffineMap>{identity, channel, identity},
          SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
          [](OpBuilder &nb, Location l, ValueRange args) {
            nb.create<linalg::YieldOp>(l, ValueRange{nb.create<arith::AddFOp>(l, args[0], args[1])});
          })
      ->getResult(0);
}

template <typename LibraryOp>
Value convCall(OpBuilder &b, Location loc, Value in0, Value in1, ArrayRef<int64_t> outShape,
               const Paddings &p, ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  Value out = empty(b, loc, outShape);
  return b
      .create<LibraryOp>(loc, TypeRange{out.getType()}, in0, in1, out,
                         b.getDenseI64ArrayAttr(p.before), b.getDenseI64ArrayAttr(p.after),
                         b.getDenseI64ArrayAttr(strides), b.getDenseI64ArrayAttr(dilations),
                         b.getBoolAttr(false))
      ->getResult(0);
}

struct CudnnCalls : impl::DlcCudaCudnnCallsBase<CudnnCalls> {
  using DlcCudaCudnnCallsBase::DlcCudaCudnnCallsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<LibraryPassOptions> options =
        readLibraryPassOptions(module, "dlc-cuda-cudnn-calls", policy, tuneCache);
    if (failed(options))
      return signalPassFailure();
    IRRewriter b(&getContext());
    SmallVector<Operation *> ops;
    module.walk([&](Operation *op) {
      if (isa<Conv2DOp, FusedConv2DOp, Conv2DGradInputOp, Conv2DGradFilterOp, MaxPool2DOp,
              AvgPool2DOp, MaxPool2DGradOp, AvgPool2DGradOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (isa<MaxPool2DOp, AvgPool2DOp, MaxPool2DGradOp, AvgPool2DGradOp>(op)) {
        recordPooling(module, op);
        continue;
      }
      if (!hasStaticF32Operands(op)) {
        recordPath(module, op->getLoc(), op->getName().getStringRef().str() + " (not static f32)",
                   kPathGenerated, "cuDNN calls are made for static float32 shapes only");
        continue;
      }
      const std::string key = keyOf(op);
      // What it becomes (library call, transposes, generated linalg) says
      // which op it computes, for dlc tune.
      op->setLoc(withOpKey(op->getLoc(), key));
      PathChoice choice = chooseConvolution(options->policy);
      if (options->policy == LibraryPolicy::Default)
        choice = applyTuneCache(options->tuneCache(), locationName(op->getLoc()), key, choice);
      recordPath(module, op->getLoc(), describe(op, key, choice.library),
                 choice.library ? kPathCudnn : kPathGenerated, choice.why, key);
      if (!choice.library)
        continue;
      b.setInsertionPoint(op);
      b.replaceOp(op, rewrite(b, op));
    }
  }

  /// The convolution and its shapes (a tune cache's key).
  static std::string keyOf(Operation *op) {
    Value y = op->getResult(0);
    if (auto g = dyn_cast<Conv2DGradInputOp>(op))
      return "convolution backward data " + shapeText(g.getResultGrad().getType()) + " -> " +
             shapeText(y.getType());
    if (auto g = dyn_cast<Conv2DGradFilterOp>(op))
      return "convolution backward filter " + shapeText(g.getInput().getType()) + " -> " +
             shapeText(y.getType());
    return "convolution forward " + shapeText(op->getOperand(0).getType()) + " -> " +
           shapeText(y.getType());
  }

  /// The activation cuDNN's fused graph applies after a forward
  /// convolution's bias: "relu" or "none" (linear); nullopt when the
  /// convolution has no bias or another activation (then bias and
  /// activation are a generated kernel after the plain call).
  static std::optional<llvm::StringRef> fusedActivation(Operation *op) {
    if (auto c = dyn_cast<Conv2DOp>(op))
      return c.getBias() ? std::optional<llvm::StringRef>("none") : std::nullopt;
    auto f = dyn_cast<FusedConv2DOp>(op);
    if (!f || !f.getBias())
      return std::nullopt;
    if (f.getActivation() == Activation::linear)
      return "none";
    // A leaky relu's slope is not cuDNN's RELU_FWD.
    if (f.getActivation() == Activation::relu && (!f.getAlpha() || f.getAlpha()->isZero()))
      return "relu";
    return std::nullopt;
  }

  /// The key and, for a forward convolution cuDNN computes, what follows it.
  static std::string describe(Operation *op, const std::string &key, bool library) {
    std::string what = key;
    if (!library || !isa<Conv2DOp, FusedConv2DOp>(op))
      return what;
    if (std::optional<llvm::StringRef> act = fusedActivation(op))
      return what + (*act == "relu" ? " with bias and relu" : " with bias") +
             " in cuDNN's graph (fused when the device has an engine for the graph, else the "
             "plain cuDNN convolution, then " +
             (*act == "relu" ? "bias and relu as one generated kernel)" : "the bias as a generated kernel)");
    if (auto f = dyn_cast<FusedConv2DOp>(op))
      what += std::string(" (then bias and ") + stringifyActivation(f.getActivation()).str() +
              " as one generated kernel: cuDNN's graph here fuses relu or no activation)";
    return what;
  }

  Value rewrite(OpBuilder &b, Operation *op) {
    Location loc = op->getLoc();
    auto forward = [&](auto conv, Activation kind, std::optional<llvm::APFloat> alpha) -> Value {
      auto x = cast<RankedTensorType>(conv.getInput().getType());
      auto f = cast<RankedTensorType>(conv.getFilter().getType());
      Paddings p = paddingsOf(x, f, conv.getStrides(), conv.getDilations(), conv.getPadding());
      ArrayRef<int64_t> shape = cast<RankedTensorType>(conv.getType()).getShape();
      if (std::optional<llvm::StringRef> act = fusedActivation(conv)) {
        // One cuDNN graph: convolution, bias, activation (with a fallback
        // added after bufferization, dlc-cuda-library-fallbacks).
        Value out = empty(b, loc, shape);
        return b
            .create<Conv2DBiasActivationOp>(
                loc, TypeRange{out.getType()}, conv.getInput(), toKrsc(b, loc, conv.getFilter()),
                conv.getBias(), out, b.getDenseI64ArrayAttr(p.before),
                b.getDenseI64ArrayAttr(p.after), b.getDenseI64ArrayAttr(conv.getStrides()),
                b.getDenseI64ArrayAttr(conv.getDilations()), b.getStringAttr(*act),
                b.getBoolAttr(false))
            ->getResult(0);
      }
      Value y = convCall<Conv2DForwardOp>(b, loc, conv.getInput(), toKrsc(b, loc, conv.getFilter()),
                                          shape, p, conv.getStrides(), conv.getDilations());
      if (conv.getBias())
        y = addChannelBias(b, loc, y, conv.getBias());
      if (kind != Activation::linear) {
        FloatAttr a = alpha ? b.getF64FloatAttr(alpha->convertToDouble()) : FloatAttr();
        y = b.create<ActivationOp>(loc, y.getType(), kind, y, a, FloatAttr(), FloatAttr())
                .getResult();
      }
      return y;
    };
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return forward(conv, Activation::linear, std::nullopt);
    if (auto conv = dyn_cast<FusedConv2DOp>(op))
      return forward(conv, conv.getActivation(), conv.getAlpha());
    if (auto g = dyn_cast<Conv2DGradInputOp>(op)) {
      auto x = cast<RankedTensorType>(g.getInput().getType());
      auto f = cast<RankedTensorType>(g.getFilter().getType());
      Paddings p = paddingsOf(x, f, g.getStrides(), g.getDilations(), g.getPadding());
      return convCall<Conv2DBackwardDataOp>(b, loc, g.getResultGrad(),
                                            toKrsc(b, loc, g.getFilter()), x.getShape(), p,
                                            g.getStrides(), g.getDilations());
    }
    auto g = cast<Conv2DGradFilterOp>(op);
    auto x = cast<RankedTensorType>(g.getInput().getType());
    auto f = cast<RankedTensorType>(g.getFilter().getType());
    Paddings p = paddingsOf(x, f, g.getStrides(), g.getDilations(), g.getPadding());
    ArrayRef<int64_t> s = f.getShape();
    Value dw = convCall<Conv2DBackwardFilterOp>(b, loc, g.getInput(), g.getResultGrad(),
                                                {s[3], s[0], s[1], s[2]}, p, g.getStrides(),
                                                g.getDilations());
    return fromKrsc(b, loc, dw);
  }

  /// Pooling stays generated: max pooling's gradient goes to the window's
  /// first maximum in row-major order (TensorFlow's rule, dlc's semantics);
  /// neither cuDNN's graph API (resample backward, from the forward's index
  /// tensor) nor its legacy pooling backward documents which element of a
  /// tied window receives it, and no GPU has checked it against cpu-ref.
  static void recordPooling(ModuleOp module, Operation *op) {
    const bool grad = isa<MaxPool2DGradOp, AvgPool2DGradOp>(op);
    const bool max = isa<MaxPool2DOp, MaxPool2DGradOp>(op);
    std::string what = std::string(max ? "max" : "average") + " pooling " +
                       (grad ? "backward " : "forward ") +
                       shapeText(op->getOperand(0).getType()) + " -> " +
                       shapeText(op->getResult(0).getType());
    std::string why =
        max ? "dlc's max-pooling gradient goes to the window's first maximum (TensorFlow's "
              "rule); cuDNN does not document which element of a tied window its pooling "
              "backward picks, so both directions stay generated (docs/cuda-cudnn.md)"
            : "cuDNN's average pooling is not called by this build: the generated kernel "
              "excludes 'same' padding from the mean as TensorFlow does (docs/cuda-cudnn.md)";
    recordPath(module, op->getLoc(), what, kPathGenerated, why);
  }
};

} // namespace
} // namespace dlc::cuda
