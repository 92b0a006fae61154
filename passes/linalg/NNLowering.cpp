// convert-dlc-to-linalg patterns of the NN ops: dense, conv2d, pooling,
// activation, softmax, dropout (Philox masks in arith).
#include "passes/linalg/Lowering.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include "abi/Philox.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

/// The output of a dense or conv: the bias broadcast over the leading axes,
/// or zeros, for the contraction to accumulate into.
Value biasInit(OpBuilder &b, Location loc, RankedTensorType type, Value bias) {
  if (!bias)
    return filledTensor(b, loc, type,
                        constFloat(b, loc, type.getElementType(), 0.0));
  SmallVector<int64_t> lead;
  for (int64_t d = 0; d + 1 < type.getRank(); ++d)
    lead.push_back(d);
  return broadcastAlong(b, loc, bias, type, lead);
}

/// `kind` applied to `v` in place: a generic without inputs whose init is
/// `v` (the epilogue dlc-linalg-tile-rows fuses into the producer's tiles).
Value activateInPlace(OpBuilder &b, Location loc, Value v, Activation kind,
                      std::optional<llvm::APFloat> alpha) {
  if (kind == Activation::linear)
    return v;
  double a = alpha ? alpha->convertToDouble() : 1.0;
  auto type = cast<RankedTensorType>(v.getType());
  auto generic = b.create<linalg::GenericOp>(
      loc, TypeRange{type}, ValueRange{}, ValueRange{v},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(type.getRank())},
      SmallVector<utils::IteratorType>(type.getRank(), utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location l, ValueRange args) {
        nb.create<linalg::YieldOp>(l, applyActivation(nb, l, kind, args[0], a));
      });
  return generic.getResult(0);
}

/// input · kernel + bias over the last axis, then `kind` in place.
template <typename Op>
Value lowerDense(PatternRewriter &rewriter, Op op, Activation kind,
                 std::optional<llvm::APFloat> alpha) {
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getType());
  Value x = collapseToMatrix(rewriter, loc, op.getInput());
  auto x2 = cast<RankedTensorType>(x.getType());
  auto outType = RankedTensorType::get(
      {x2.getDimSize(0), type.getShape().back()}, type.getElementType());
  Value init = biasInit(rewriter, loc, outType, op.getBias());
  Value y = matmul(rewriter, loc, x, op.getKernel(), init);
  y = activateInPlace(rewriter, loc, y, kind, alpha);
  return expandFromMatrix(rewriter, loc, y, type);
}

struct DenseLowering : OpRewritePattern<DenseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DenseOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, lowerDense(rewriter, op, Activation::linear, std::nullopt));
    return success();
  }
};

struct FusedDenseLowering : OpRewritePattern<FusedDenseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FusedDenseOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, lowerDense(rewriter, op, op.getActivation(), op.getAlpha()));
    return success();
  }
};

DenseIntElementsAttr i64Pair(OpBuilder &b, ArrayRef<int64_t> v) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({2}, b.getIntegerType(64)), v);
}

/// The convolution (bias as the accumulator's initial value), then `kind`
/// in place.
template <typename Op>
Value lowerConv2D(PatternRewriter &rewriter, Op op, Activation kind,
                std::optional<llvm::APFloat> alpha) {
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getType());
  auto inType = cast<RankedTensorType>(op.getInput().getType());
  auto fType = cast<RankedTensorType>(op.getFilter().getType());
  ArrayRef<int64_t> s = op.getStrides(), d = op.getDilations();
  bool same = op.getPadding() == Padding::same;
  Window wh = windowOf(inType.getDimSize(1), fType.getDimSize(0), s[0], d[0],
                       same);
  Window ww = windowOf(inType.getDimSize(2), fType.getDimSize(1), s[1], d[1],
                       same);
  Value zero = constFloat(rewriter, loc, type.getElementType(), 0.0);
  Value x = padHW(rewriter, loc, op.getInput(), {wh.padBefore, ww.padBefore},
                  {wh.padAfter, ww.padAfter}, zero);
  Value init = biasInit(rewriter, loc, type, op.getBias());
  auto conv = rewriter.create<linalg::Conv2DNhwcHwcfOp>(
      loc, TypeRange{type}, ValueRange{x, op.getFilter()}, ValueRange{init},
      i64Pair(rewriter, s), i64Pair(rewriter, d));
  return activateInPlace(rewriter, loc, conv.getResult(0), kind, alpha);
}

struct Conv2DLowering : OpRewritePattern<Conv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, lowerConv2D(rewriter, op, Activation::linear, std::nullopt));
    return success();
  }
};

struct FusedConv2DLowering : OpRewritePattern<FusedConv2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(FusedConv2DOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, lowerConv2D(rewriter, op, op.getActivation(), op.getAlpha()));
    return success();
  }
};

struct MaxPoolLowering : OpRewritePattern<MaxPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    ArrayRef<int64_t> k = op.getPoolSize(), s = op.getStrides();
    bool same = op.getPadding() == Padding::same;
    Window wh = windowOf(inType.getDimSize(1), k[0], s[0], 1, same);
    Window ww = windowOf(inType.getDimSize(2), k[1], s[1], 1, same);
    Type elt = type.getElementType();
    Value lowest = constFloat(rewriter, loc, elt,
                              -std::numeric_limits<double>::infinity());
    Value x = padHW(rewriter, loc, op.getInput(), {wh.padBefore, ww.padBefore},
                    {wh.padAfter, ww.padAfter}, lowest);
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get(k, elt));
    auto pool = rewriter.create<linalg::PoolingNhwcMaxOp>(
        loc, TypeRange{type}, ValueRange{x, window},
        ValueRange{filledTensor(rewriter, loc, type, lowest)},
        i64Pair(rewriter, s), i64Pair(rewriter, {1, 1}));
    rewriter.replaceOp(op, pool.getResult(0));
    return success();
  }
};

struct AvgPoolLowering : OpRewritePattern<AvgPool2DOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2DOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    ArrayRef<int64_t> k = op.getPoolSize(), s = op.getStrides();
    bool same = op.getPadding() == Padding::same;
    Window wh = windowOf(inType.getDimSize(1), k[0], s[0], 1, same);
    Window ww = windowOf(inType.getDimSize(2), k[1], s[1], 1, same);
    Type elt = type.getElementType();
    Value zero = constFloat(rewriter, loc, elt, 0.0);
    Value x = padHW(rewriter, loc, op.getInput(), {wh.padBefore, ww.padBefore},
                    {wh.padAfter, ww.padAfter}, zero);
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get(k, elt));
    Value sum = rewriter
                    .create<linalg::PoolingNhwcSumOp>(
                        loc, TypeRange{type}, ValueRange{x, window},
                        ValueRange{filledTensor(rewriter, loc, type, zero)},
                        i64Pair(rewriter, s), i64Pair(rewriter, {1, 1}))
                    .getResult(0);
    Value mean = elementwise(
        rewriter, loc, type, sum,
        [&](OpBuilder &b, Location l, ValueRange args) -> SmallVector<Value> {
          Value count;
          if (!same) {
            count = constFloat(b, l, elt, double(k[0] * k[1]));
          } else {
            Value ch = inBoundsCount(b, l, b.create<linalg::IndexOp>(l, 1), wh);
            Value cw = inBoundsCount(b, l, b.create<linalg::IndexOp>(l, 2), ww);
            Value c = b.create<arith::MulIOp>(l, ch, cw);
            c = b.create<arith::IndexCastOp>(l, b.getI64Type(), c);
            count = b.create<arith::SIToFPOp>(l, elt, c);
          }
          return {b.create<arith::DivFOp>(l, args[0], count)};
        })[0];
    rewriter.replaceOp(op, mean);
    return success();
  }
};

struct ActivationLowering : OpRewritePattern<ActivationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ActivationOp op,
                                PatternRewriter &rewriter) const override {
    double alpha = op.getAlpha() ? op.getAlpha()->convertToDouble() : 1.0;
    Activation kind = op.getKind();
    if (kind == Activation::linear) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    std::optional<ReluOptions> relu = ReluOptions::of(op);
    rewriter.replaceOp(
        op, elementwise(rewriter, op.getLoc(), op.getType(), op.getInput(),
                        [&](OpBuilder &b, Location l,
                            ValueRange args) -> SmallVector<Value> {
                          if (relu)
                            return {applyReluOptions(b, l, args[0], *relu)};
                          return {applyActivation(b, l, kind, args[0], alpha)};
                        }));
    return success();
  }
};

struct SoftmaxLowering : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = int64_t(op.getAxis()) < 0 ? int64_t(op.getAxis()) + type.getRank()
                                    : op.getAxis();
    Type elt = type.getElementType();
    SmallVector<int64_t> small;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis)
        small.push_back(type.getDimSize(d));
    auto smallType = RankedTensorType::get(small, elt);
    Value x = op.getInput();
    Value max = reduceAxes(
        rewriter, loc, x, axis,
        filledTensor(rewriter, loc, smallType,
                     constFloat(rewriter, loc, elt,
                                -std::numeric_limits<double>::infinity())),
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::MaximumFOp>(l, a[0], a[1])};
        });
    Value e = elementwise(
        rewriter, loc, type,
        ValueRange{x, broadcastAlong(rewriter, loc, max, type, axis)},
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<math::ExpOp>(l, b.create<arith::SubFOp>(l, a[0], a[1]))};
        })[0];
    Value sum = reduceAxes(
        rewriter, loc, e, axis,
        filledTensor(rewriter, loc, smallType, constFloat(rewriter, loc, elt, 0)),
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::AddFOp>(l, a[0], a[1])};
        });
    Value y = elementwise(
        rewriter, loc, type,
        ValueRange{e, broadcastAlong(rewriter, loc, sum, type, axis)},
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::DivFOp>(l, a[0], a[1])};
        })[0];
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// One Philox4x32-10 block in arith ops keyed by (key0, key1). With a
/// constant key (a compile-time run seed) the key schedule folds away.
SmallVector<Value> philox(OpBuilder &b, Location loc, SmallVector<Value> ctr,
                          Value key0, Value key1) {
  Type i32 = b.getI32Type();
  auto c32 = [&](uint32_t v) -> Value {
    return b.create<arith::ConstantOp>(loc, b.getIntegerAttr(i32, int32_t(v)));
  };
  Value mul0 = c32(0xD2511F53u), mul1 = c32(0xCD9E8D57u);
  Value bump0 = c32(0x9E3779B9u), bump1 = c32(0xBB67AE85u);
  for (int round = 0; round < 10; ++round) {
    if (round) {
      key0 = b.createOrFold<arith::AddIOp>(loc, key0, bump0);
      key1 = b.createOrFold<arith::AddIOp>(loc, key1, bump1);
    }
    auto p0 = b.create<arith::MulUIExtendedOp>(loc, mul0, ctr[0]);
    auto p1 = b.create<arith::MulUIExtendedOp>(loc, mul1, ctr[2]);
    Value n0 = b.create<arith::XOrIOp>(
        loc, b.create<arith::XOrIOp>(loc, p1.getHigh(), ctr[1]), key0);
    Value n2 = b.create<arith::XOrIOp>(
        loc, b.create<arith::XOrIOp>(loc, p0.getHigh(), ctr[3]), key1);
    ctr = {n0, p1.getLow(), n2, p0.getLow()};
  }
  return ctr;
}

struct DropoutLowering : OpRewritePattern<DropoutOp> {
  DropoutLowering(MLIRContext *ctx, LoweringOptions options)
      : OpRewritePattern(ctx), options(options) {}
  LogicalResult matchAndRewrite(DropoutOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getStep() || op.getRate().convertToDouble() == 0.0) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }
    // The pass checked that the seed fits below the stream bits.
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Type elt = type.getElementType();
    double rate = op.getRate().convertToDouble();
    uint32_t tensorId =
        uint32_t(abi::Stream::Dropout) | uint32_t(op.getSeed());
    Value step64 = rewriter.create<tensor::ExtractOp>(loc, op.getStep());
    Value step = rewriter.create<arith::TruncIOp>(loc, rewriter.getI32Type(),
                                                  step64);
    // The key: the compile-time run seed, or the run-time value of the
    // global the pass declared (seed-symbol).
    Type i32t = rewriter.getI32Type();
    Value key0, key1;
    if (options.seedSymbol.empty()) {
      key0 = rewriter.create<arith::ConstantOp>(
          loc, rewriter.getIntegerAttr(i32t, int32_t(uint32_t(options.runSeed))));
      key1 = rewriter.create<arith::ConstantOp>(
          loc, rewriter.getIntegerAttr(i32t, int32_t(uint32_t(options.runSeed >> 32))));
    } else {
      auto global = rewriter.create<memref::GetGlobalOp>(
          loc, MemRefType::get({}, rewriter.getI64Type()), options.seedSymbol);
      Value seed64 = rewriter.create<memref::LoadOp>(loc, global, ValueRange{});
      key0 = rewriter.create<arith::TruncIOp>(loc, i32t, seed64);
      key1 = rewriter.create<arith::TruncIOp>(
          loc, i32t,
          rewriter.create<arith::ShRUIOp>(
              loc, seed64,
              rewriter.create<arith::ConstantOp>(loc, rewriter.getI64IntegerAttr(32))));
    }
    Value y = elementwise(
        rewriter, loc, type, op.getInput(),
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          // Row-major index of the element.
          Type i64 = b.getI64Type(), i32 = b.getI32Type();
          Value index = b.create<arith::ConstantOp>(l, b.getI64IntegerAttr(0));
          for (int64_t d = 0; d < type.getRank(); ++d) {
            Value id = b.create<arith::IndexCastOp>(
                l, i64, b.create<linalg::IndexOp>(l, d));
            index = b.create<arith::MulIOp>(
                l, index,
                b.create<arith::ConstantOp>(
                    l, b.getI64IntegerAttr(type.getDimSize(d))));
            index = b.create<arith::AddIOp>(l, index, id);
          }
          Value lo = b.create<arith::TruncIOp>(l, i32, index);
          Value hi = b.create<arith::TruncIOp>(
              l, i32,
              b.create<arith::ShRUIOp>(
                  l, index, b.create<arith::ConstantOp>(l, b.getI64IntegerAttr(32))));
          Value id = b.create<arith::ConstantOp>(
              l, b.getIntegerAttr(i32, int32_t(tensorId)));
          Value word = philox(b, l, {lo, hi, step, id}, key0, key1)[0];
          // uniform01: float(word >> 8) / 2^24, compared with rate as a double.
          Value top = b.create<arith::ShRUIOp>(
              l, word, b.create<arith::ConstantOp>(l, b.getIntegerAttr(i32, 8)));
          Value u = b.create<arith::UIToFPOp>(l, b.getF32Type(), top);
          u = b.create<arith::MulFOp>(
              l, u, constFloat(b, l, b.getF32Type(), 1.0 / 16777216.0));
          Value ud = b.create<arith::ExtFOp>(l, b.getF64Type(), u);
          Value keep = b.create<arith::CmpFOp>(
              l, arith::CmpFPredicate::OGE, ud, constFloat(b, l, b.getF64Type(), rate));
          Value scaled = b.create<arith::DivFOp>(
              l, a[0], constFloat(b, l, elt, 1.0 - rate));
          return {b.create<arith::SelectOp>(l, keep, scaled,
                                            constFloat(b, l, elt, 0.0))};
        })[0];
    rewriter.replaceOp(op, y);
    return success();
  }
  LoweringOptions options;
};

} // namespace

void populateNNLoweringPatterns(RewritePatternSet &patterns,
                                const LoweringOptions &options) {
  patterns.add<DenseLowering, FusedDenseLowering, Conv2DLowering, FusedConv2DLowering,
               MaxPoolLowering, AvgPoolLowering,
               ActivationLowering, SoftmaxLowering>(patterns.getContext());
  patterns.add<DropoutLowering>(patterns.getContext(), options);
  populatePReLULoweringPatterns(patterns);
}

} // namespace dlc::linalg_lowering
