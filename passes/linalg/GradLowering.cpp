// convert-dlc-to-linalg patterns of the backward ops: dense, conv2d and
// pooling gradients, activation/softmax gradients, embedding scatter-add.
#include "passes/linalg/Lowering.h"

using namespace mlir;

namespace dlc::linalg_lowering {
namespace {

Value zerosOf(OpBuilder &b, Location loc, RankedTensorType type) {
  return filledTensor(b, loc, type, constFloat(b, loc, type.getElementType(), 0));
}

struct DenseGradInputLowering : OpRewritePattern<DenseGradInputOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DenseGradInputOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value dy = collapseToMatrix(rewriter, loc, op.getResultGrad());
    auto dyType = cast<RankedTensorType>(dy.getType());
    auto outType = RankedTensorType::get(
        {dyType.getDimSize(0), type.getShape().back()}, type.getElementType());
    Value dx = rewriter
                   .create<linalg::MatmulTransposeBOp>(
                       loc, TypeRange{outType}, ValueRange{dy, op.getKernel()},
                       ValueRange{zerosOf(rewriter, loc, outType)})
                   .getResult(0);
    rewriter.replaceOp(op, expandFromMatrix(rewriter, loc, dx, type));
    return success();
  }
};

struct DenseGradKernelLowering : OpRewritePattern<DenseGradKernelOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DenseGradKernelOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value x = collapseToMatrix(rewriter, loc, op.getInput());
    Value dy = collapseToMatrix(rewriter, loc, op.getResultGrad());
    rewriter.replaceOp(op, rewriter
                               .create<linalg::MatmulTransposeAOp>(
                                   loc, TypeRange{type}, ValueRange{x, dy},
                                   ValueRange{zerosOf(rewriter, loc, type)})
                               .getResult(0));
    return success();
  }
};

/// Geometry of a window op's two spatial axes.
struct Geometry {
  Window h, w;
};

Geometry geometryOf(RankedTensorType in, int64_t kh, int64_t kw,
                    ArrayRef<int64_t> s, ArrayRef<int64_t> d, Padding p) {
  bool same = p == Padding::same;
  return {windowOf(in.getDimSize(1), kh, s[0], d[0], same),
          windowOf(in.getDimSize(2), kw, s[1], d[1], same)};
}

/// The padding around the dilated output gradient that turns the backward
/// of a window op into a stride-1 window over it (the transposed window):
/// position h of the input sees, at flipped tap k', element h + k' * d.
std::pair<int64_t, int64_t> transposedPadding(const Window &w) {
  int64_t eff = (w.size - 1) * w.dilation + 1;
  int64_t before = eff - 1 - w.padBefore;
  int64_t after = w.in + w.padBefore - (w.out - 1) * w.stride - 1;
  return {before, after};
}

Value dilateForBackward(OpBuilder &b, Location loc, Value dy, const Geometry &g,
                        Value fill) {
  auto [bh, ah] = transposedPadding(g.h);
  auto [bw, aw] = transposedPadding(g.w);
  return dilateAndPad(b, loc, dy, {g.h.stride, g.w.stride}, {bh, bw}, {ah, aw},
                      fill);
}

SmallVector<utils::IteratorType> iters(int64_t parallel, int64_t reduction) {
  SmallVector<utils::IteratorType> it(parallel, utils::IteratorType::parallel);
  it.append(reduction, utils::IteratorType::reduction);
  return it;
}

DenseIntElementsAttr i64Pair(OpBuilder &b, ArrayRef<int64_t> v) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({2}, b.getIntegerType(64)), v);
}

/// dx = conv2d_grad_input(W, dY) as a convolution: position h of the input
/// receives dY at every output position whose window covers it, which is a
/// stride-1 convolution (dilation d) of dY spread on the stride's grid and
/// padded by the transposed window (dilateForBackward), with the filter
/// flipped in both spatial axes and its channel axes swapped:
///   dx[n, h, w, c] = sum over (kh, kw, f) of
///       dYp[n, h + kh d, w + kw d, f] * W[KH-1-kh, KW-1-kw, c, f].
/// The same op as the forward convolution, so every target's convolution
/// kernel (the cpu target's register tiles) serves the input gradient too.
struct Conv2DGradInputLowering : OpRewritePattern<Conv2DGradInputOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DGradInputOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto fType = cast<RankedTensorType>(op.getFilter().getType());
    Type elt = type.getElementType();
    int64_t KH = fType.getDimSize(0), KW = fType.getDimSize(1),
            C = fType.getDimSize(2), F = fType.getDimSize(3);
    ArrayRef<int64_t> d = op.getDilations();
    Geometry g = geometryOf(type, KH, KW, op.getStrides(), d, op.getPadding());
    Value dyp = dilateForBackward(rewriter, loc, op.getResultGrad(), g,
                                  constFloat(rewriter, loc, elt, 0));
    // Wf[kh, kw, f, c] = W[KH-1-kh, KW-1-kw, c, f]
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr kh, kw, f, c;
    bindDims(ctx, kh, kw, f, c);
    auto flippedType = RankedTensorType::get({KH, KW, F, C}, elt);
    Value flipped =
        rewriter
            .create<linalg::GenericOp>(
                loc, TypeRange{flippedType}, ValueRange{op.getFilter()},
                ValueRange{emptyTensor(rewriter, loc, flippedType)},
                SmallVector<AffineMap>{
                    AffineMap::get(4, 0, {(KH - 1) - kh, (KW - 1) - kw, c, f}, ctx),
                    rewriter.getMultiDimIdentityMap(4)},
                iters(4, 0),
                [](OpBuilder &b, Location l, ValueRange a) {
                  b.create<linalg::YieldOp>(l, a[0]);
                })
            .getResult(0);
    Value dx = rewriter
                   .create<linalg::Conv2DNhwcHwcfOp>(
                       loc, TypeRange{type}, ValueRange{dyp, flipped},
                       ValueRange{zerosOf(rewriter, loc, type)}, i64Pair(rewriter, {1, 1}),
                       i64Pair(rewriter, d))
                   .getResult(0);
    rewriter.replaceOp(op, dx);
    return success();
  }
};

/// dW[kh, kw, c, f] = sum over (n, oh, ow) of
///     X[n, oh s + kh d, ow s + kw d, c] * dY[n, oh, ow, f]
/// as one generic with the reduction loops outermost; how to tile and
/// parallelise it is the target's (the cpu target register-tiles it per
/// tap, dlc-cpu-tile-contractions).
struct Conv2DGradFilterLowering : OpRewritePattern<Conv2DGradFilterOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2DGradFilterOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    Geometry g = geometryOf(inType, type.getDimSize(0), type.getDimSize(1),
                            op.getStrides(), op.getDilations(), op.getPadding());
    Value zero = constFloat(rewriter, loc, type.getElementType(), 0);
    Value x = padHW(rewriter, loc, op.getInput(), {g.h.padBefore, g.w.padBefore},
                    {g.h.padAfter, g.w.padAfter}, zero);
    // (n, oh, ow, kh, kw, c, f)
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr n, oh, ow, kh, kw, c, f;
    bindDims(ctx, n, oh, ow, kh, kw, c, f);
    SmallVector<AffineMap> maps = {
        AffineMap::get(7, 0,
                       {n, oh * g.h.stride + kh * g.h.dilation,
                        ow * g.w.stride + kw * g.w.dilation, c},
                       ctx),
        AffineMap::get(7, 0, {n, oh, ow, f}, ctx),
        AffineMap::get(7, 0, {kh, kw, c, f}, ctx)};
    SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::reduction);
    iterators.append(4, utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{x, op.getResultGrad()},
        ValueRange{zerosOf(rewriter, loc, type)}, maps, iterators,
        [](OpBuilder &b, Location l, ValueRange a) {
          Value m = b.create<arith::MulFOp>(l, a[0], a[1]);
          b.create<linalg::YieldOp>(l, ValueRange{b.create<arith::AddFOp>(l, a[2], m)});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Pooling windows that tile the input without overlap or padding (strides
/// equal to the pool, no padding used: every 2x2/2 pooling of the tasks, and
/// a global pooling): the input's used rows and columns (a 'valid' pooling
/// leaves those past the last window unused) viewed as
/// [N, OH, KH, OW, KW, C], so a gradient is one element-wise generic.
struct TilingWindows {
  RankedTensorType input, used, windows;

  SmallVector<ReassociationIndices> split() const { return {{0}, {1, 2}, {3, 4}, {5}}; }

  SmallVector<OpFoldResult> usedSizes(OpBuilder &b) const {
    SmallVector<OpFoldResult> sizes;
    for (int64_t d : used.getShape())
      sizes.push_back(b.getIndexAttr(d));
    return sizes;
  }

  /// A value of the input's shape seen as windows.
  Value view(OpBuilder &b, Location loc, Value x) const {
    if (used != input)
      x = b.create<tensor::ExtractSliceOp>(loc, used, x,
                                           SmallVector<OpFoldResult>(4, b.getIndexAttr(0)),
                                           usedSizes(b),
                                           SmallVector<OpFoldResult>(4, b.getIndexAttr(1)));
    return b.create<tensor::ExpandShapeOp>(loc, windows, x, split());
  }

  /// A gradient in the windows' shape back in the input's shape, zero in
  /// the unused rows and columns.
  Value unview(OpBuilder &b, Location loc, Value dWindows) const {
    Value dx = b.create<tensor::CollapseShapeOp>(loc, used, dWindows, split());
    if (used != input)
      dx = b.create<tensor::InsertSliceOp>(loc, dx, zerosOf(b, loc, input),
                                           SmallVector<OpFoldResult>(4, b.getIndexAttr(0)),
                                           usedSizes(b),
                                           SmallVector<OpFoldResult>(4, b.getIndexAttr(1)));
    return dx;
  }
};

/// The tiling windows of a pooling from `input` to `output`; none when the
/// windows overlap, leave gaps or use padding.
std::optional<TilingWindows> tilingWindows(RankedTensorType input, RankedTensorType output,
                                           ArrayRef<int64_t> k, ArrayRef<int64_t> s,
                                           Padding padding) {
  Geometry g = geometryOf(input, k[0], k[1], s, {1, 1}, padding);
  if (s[0] != k[0] || s[1] != k[1] || g.h.padBefore || g.h.padAfter || g.w.padBefore ||
      g.w.padAfter)
    return std::nullopt;
  int64_t N = input.getDimSize(0), C = input.getDimSize(3), OH = output.getDimSize(1),
          OW = output.getDimSize(2);
  Type elt = input.getElementType();
  return TilingWindows{input, RankedTensorType::get({N, OH * k[0], OW * k[1], C}, elt),
                       RankedTensorType::get({N, OH, k[0], OW, k[1], C}, elt)};
}

/// dx = dy / (the number of input elements each window averaged), given to
/// every element of its window(s). Tiling windows (every 2x2/2 pooling, a
/// global pooling) are one element-wise generic over the windows' view;
/// others the transposed window, a sum pooling over the dilated shares,
/// which visits KH x KW taps per input element.
struct AvgPoolGradLowering : OpRewritePattern<AvgPool2DGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2DGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> k = op.getPoolSize();
    Type elt = type.getElementType();
    Value dy = op.getResultGrad();
    auto dyType = cast<RankedTensorType>(dy.getType());
    if (std::optional<TilingWindows> tw =
            tilingWindows(type, dyType, k, op.getStrides(), op.getPadding())) {
      MLIRContext *ctx = rewriter.getContext();
      AffineExpr n, oh, i, ow, j, c;
      bindDims(ctx, n, oh, i, ow, j, c);
      auto generic = rewriter.create<linalg::GenericOp>(
          loc, TypeRange{tw->windows}, ValueRange{dy},
          ValueRange{emptyTensor(rewriter, loc, tw->windows)},
          SmallVector<AffineMap>{AffineMap::get(6, 0, {n, oh, ow, c}, ctx),
                                 rewriter.getMultiDimIdentityMap(6)},
          iters(6, 0), [&](OpBuilder &b, Location l, ValueRange a) {
            b.create<linalg::YieldOp>(
                l, ValueRange{b.create<arith::DivFOp>(
                       l, a[0], constFloat(b, l, elt, double(k[0] * k[1])))});
          });
      rewriter.replaceOp(op, tw->unview(rewriter, loc, generic.getResult(0)));
      return success();
    }
    Geometry g = geometryOf(type, k[0], k[1], op.getStrides(), {1, 1},
                            op.getPadding());
    bool same = op.getPadding() == Padding::same;
    Value share = elementwise(
        rewriter, loc, dy.getType(), dy,
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value count;
          if (!same) {
            count = constFloat(b, l, elt, double(k[0] * k[1]));
          } else {
            Value ch = inBoundsCount(b, l, b.create<linalg::IndexOp>(l, 1), g.h);
            Value cw = inBoundsCount(b, l, b.create<linalg::IndexOp>(l, 2), g.w);
            Value cnt = b.create<arith::IndexCastOp>(
                l, b.getI64Type(), b.create<arith::MulIOp>(l, ch, cw));
            count = b.create<arith::SIToFPOp>(l, elt, cnt);
          }
          return {b.create<arith::DivFOp>(l, a[0], count)};
        })[0];
    Value zero = constFloat(rewriter, loc, elt, 0);
    Value p = dilateForBackward(rewriter, loc, share, g, zero);
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get(k, elt));
    rewriter.replaceOp(op, rewriter
                               .create<linalg::PoolingNhwcSumOp>(
                                   loc, TypeRange{type}, ValueRange{p, window},
                                   ValueRange{zerosOf(rewriter, loc, type)},
                                   i64Pair(rewriter, {1, 1}),
                                   i64Pair(rewriter, {1, 1}))
                               .getResult(0));
    return success();
  }
};

/// The max-pooling gradient when the windows tile the input without overlap
/// or padding (strides equal to the pool, no padding used: every 2x2/2
/// pooling of the tasks): each input position is one tap (i, j) of one
/// window, and receives that window's gradient when it holds the window's
/// first maximum in row-major order. One element-wise generic over the
/// input viewed as [N, OH, KH, OW, KW, C] reads the window's taps and the
/// window's gradient (the rows and columns past the last window, which a
/// 'valid' pooling leaves unused, stay zero). Null when the windows do not
/// tile the input that way.
Value nonOverlappingMaxPoolGrad(PatternRewriter &rewriter, MaxPool2DGradOp op) {
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getType());
  auto dyType = cast<RankedTensorType>(op.getResultGrad().getType());
  ArrayRef<int64_t> k = op.getPoolSize();
  std::optional<TilingWindows> tw =
      tilingWindows(type, dyType, k, op.getStrides(), op.getPadding());
  if (!tw)
    return {};
  int64_t KH = k[0], KW = k[1];
  int64_t N = type.getDimSize(0), C = type.getDimSize(3), OH = dyType.getDimSize(1),
          OW = dyType.getDimSize(2);
  Type elt = type.getElementType();
  RankedTensorType windowsType = tw->windows;
  Value windows = tw->view(rewriter, loc, op.getInput());
  MLIRContext *ctx = rewriter.getContext();
  AffineExpr n, oh, i, ow, j, c;
  bindDims(ctx, n, oh, i, ow, j, c);
  // Tap (a, b) of every window: a strided [N, OH, OW, C] view (projected
  // permutation maps, so a target vectorises the op along C).
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  auto tapType = RankedTensorType::get({N, OH, OW, C}, elt);
  for (int64_t a = 0; a < KH; ++a)
    for (int64_t b = 0; b < KW; ++b) {
      auto idx = [&](int64_t v) -> OpFoldResult { return rewriter.getIndexAttr(v); };
      inputs.push_back(rewriter.create<tensor::ExtractSliceOp>(
          loc, tapType, windows,
          ArrayRef<OpFoldResult>{idx(0), idx(0), idx(a), idx(0), idx(b), idx(0)},
          ArrayRef<OpFoldResult>{idx(N), idx(OH), idx(1), idx(OW), idx(1), idx(C)},
          ArrayRef<OpFoldResult>{idx(1), idx(1), idx(1), idx(1), idx(1), idx(1)}));
      maps.push_back(AffineMap::get(6, 0, {n, oh, ow, c}, ctx));
    }
  inputs.push_back(op.getResultGrad());
  maps.push_back(AffineMap::get(6, 0, {n, oh, ow, c}, ctx));
  maps.push_back(rewriter.getMultiDimIdentityMap(6));
  Type i64 = rewriter.getI64Type();
  auto generic = rewriter.create<linalg::GenericOp>(
      loc, TypeRange{windowsType}, inputs, ValueRange{emptyTensor(rewriter, loc, windowsType)},
      maps, iters(6, 0), [&](OpBuilder &b, Location l, ValueRange a) {
        // The first maximum in row-major order: a later tap wins only when
        // strictly larger.
        Value best = a[0];
        Value first = constFloat(b, l, i64, 0);
        for (int64_t t = 1; t < KH * KW; ++t) {
          Value larger = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[t], best);
          best = b.create<arith::SelectOp>(l, larger, a[t], best);
          first = b.create<arith::SelectOp>(l, larger, constFloat(b, l, i64, double(t)), first);
        }
        Value tap = b.create<arith::AddIOp>(
            l, b.create<arith::MulIOp>(l, b.create<linalg::IndexOp>(l, 2), constIndex(b, l, KW)),
            b.create<linalg::IndexOp>(l, 4));
        tap = b.create<arith::IndexCastOp>(l, i64, tap);
        Value mine = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, tap, first);
        b.create<linalg::YieldOp>(
            l, ValueRange{b.create<arith::SelectOp>(l, mine, a[KH * KW],
                                                    constFloat(b, l, elt, 0.0))});
      });
  return tw->unview(rewriter, loc, generic.getResult(0));
}

struct MaxPoolGradLowering : OpRewritePattern<MaxPool2DGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2DGradOp op,
                                PatternRewriter &rewriter) const override {
    if (Value dx = nonOverlappingMaxPoolGrad(rewriter, op)) {
      rewriter.replaceOp(op, dx);
      return success();
    }
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto dyType = cast<RankedTensorType>(op.getResultGrad().getType());
    ArrayRef<int64_t> k = op.getPoolSize();
    int64_t KH = k[0], KW = k[1];
    Geometry g = geometryOf(type, KH, KW, op.getStrides(), {1, 1},
                            op.getPadding());
    bool same = op.getPadding() == Padding::same;
    Type elt = type.getElementType();
    Type i64 = rewriter.getI64Type();
    MLIRContext *ctx = rewriter.getContext();
    Value lowest = constFloat(rewriter, loc, elt,
                              -std::numeric_limits<double>::infinity());
    Value x = padHW(rewriter, loc, op.getInput(), {g.h.padBefore, g.w.padBefore},
                    {g.h.padAfter, g.w.padAfter}, lowest);

    // 1. The tap (kh * KW + kw) of each window's first maximum: the larger
    //    value wins, the smaller tap on ties, so the loop order is free.
    auto idxType = RankedTensorType::get(dyType.getShape(), i64);
    AffineExpr n, oh, ow, c, kh, kw;
    bindDims(ctx, n, oh, ow, c, kh, kw);
    // The window operand only gives the (kh, kw) loops their extent, as in
    // linalg's pooling ops.
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get(k, elt));
    SmallVector<AffineMap> maps = {
        AffineMap::get(6, 0, {n, oh * g.h.stride + kh, ow * g.w.stride + kw, c},
                       ctx),
        AffineMap::get(6, 0, {kh, kw}, ctx),
        AffineMap::get(6, 0, {n, oh, ow, c}, ctx),
        AffineMap::get(6, 0, {n, oh, ow, c}, ctx)};
    auto argmax = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{dyType, idxType}, ValueRange{x, window},
        ValueRange{filledTensor(rewriter, loc, dyType, lowest),
                   filledTensor(rewriter, loc, idxType,
                                constFloat(rewriter, loc, i64, double(KH * KW)))},
        maps, iters(4, 2), [&](OpBuilder &b, Location l, ValueRange a) {
          Value tap = b.create<arith::AddIOp>(
              l,
              b.create<arith::MulIOp>(l, b.create<linalg::IndexOp>(l, 4),
                                      constIndex(b, l, KW)),
              b.create<linalg::IndexOp>(l, 5));
          tap = b.create<arith::IndexCastOp>(l, i64, tap);
          Value gt = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT,
                                             a[0], a[2]);
          Value eq = b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OEQ,
                                             a[0], a[2]);
          Value earlier = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt,
                                                  tap, a[3]);
          Value take = b.create<arith::OrIOp>(
              l, gt, b.create<arith::AndIOp>(l, eq, earlier));
          // Padded taps ('same') never win, even over an all -inf window.
          if (same) {
            auto inside = [&](int64_t loop, int64_t tapLoop,
                              const Window &w) -> Value {
              Value at = b.create<arith::AddIOp>(
                  l,
                  b.create<arith::MulIOp>(l, b.create<linalg::IndexOp>(l, loop),
                                          constIndex(b, l, w.stride)),
                  b.create<linalg::IndexOp>(l, tapLoop));
              at = b.create<arith::SubIOp>(l, at, constIndex(b, l, w.padBefore));
              Value lo = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge,
                                                 at, constIndex(b, l, 0));
              Value hi = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::slt,
                                                 at, constIndex(b, l, w.in));
              return b.create<arith::AndIOp>(l, lo, hi);
            };
            take = b.create<arith::AndIOp>(
                l, take,
                b.create<arith::AndIOp>(l, inside(1, 4, g.h), inside(2, 5, g.w)));
          }
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, take, a[0], a[2]),
                            b.create<arith::SelectOp>(l, take, tap, a[3])});
        });

    // 2. Each input position gathers, over the windows that contain it, the
    //    output gradient of those whose maximum it is (the transposed window
    //    over the dilated gradient and tap map).
    Value taps = dilateForBackward(rewriter, loc, argmax.getResult(1), g,
                                   constFloat(rewriter, loc, i64, -1));
    Value grads = dilateForBackward(rewriter, loc, op.getResultGrad(), g,
                                    constFloat(rewriter, loc, elt, 0));
    AffineExpr h, w;
    bindDims(ctx, n, h, w, c, kh, kw);
    SmallVector<AffineMap> gatherMaps = {
        AffineMap::get(6, 0, {n, h + kh, w + kw, c}, ctx),
        AffineMap::get(6, 0, {n, h + kh, w + kw, c}, ctx),
        AffineMap::get(6, 0, {kh, kw}, ctx),
        AffineMap::get(6, 0, {n, h, w, c}, ctx)};
    auto gather = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{taps, grads, window},
        ValueRange{zerosOf(rewriter, loc, type)}, gatherMaps, iters(4, 2),
        [&](OpBuilder &b, Location l, ValueRange a) {
          // The flipped tap k' is tap K-1-k' of the window.
          Value th = b.create<arith::SubIOp>(l, constIndex(b, l, KH - 1),
                                             b.create<linalg::IndexOp>(l, 4));
          Value tw = b.create<arith::SubIOp>(l, constIndex(b, l, KW - 1),
                                             b.create<linalg::IndexOp>(l, 5));
          Value tap = b.create<arith::AddIOp>(
              l, b.create<arith::MulIOp>(l, th, constIndex(b, l, KW)), tw);
          tap = b.create<arith::IndexCastOp>(l, i64, tap);
          Value hit = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq,
                                              a[0], tap);
          Value add = b.create<arith::AddFOp>(l, a[3], a[1]);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, hit, add, a[3])});
        });
    rewriter.replaceOp(op, gather.getResult(0));
    return success();
  }
};

struct ActivationGradLowering : OpRewritePattern<ActivationGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ActivationGradOp op,
                                PatternRewriter &rewriter) const override {
    double alpha = op.getAlpha() ? op.getAlpha()->convertToDouble() : 1.0;
    Activation kind = op.getKind();
    if (kind == Activation::linear) {
      rewriter.replaceOp(op, op.getResultGrad());
      return success();
    }
    std::optional<ReluOptions> relu = ReluOptions::of(op);
    rewriter.replaceOp(
        op, elementwise(rewriter, op.getLoc(), op.getType(),
                        ValueRange{op.getInput(), op.getResultGrad()},
                        [&](OpBuilder &b, Location l,
                            ValueRange a) -> SmallVector<Value> {
                          Value d = relu ? reluOptionsDerivative(b, l, a[0], *relu)
                                         : activationDerivative(b, l, kind, a[0], alpha);
                          return {b.create<arith::MulFOp>(l, a[1], d)};
                        }));
    return success();
  }
};

struct SoftmaxGradLowering : OpRewritePattern<SoftmaxGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = int64_t(op.getAxis()) < 0 ? int64_t(op.getAxis()) + type.getRank()
                                    : op.getAxis();
    Value y = op.getResult(), dy = op.getResultGrad();
    Value prod = elementwise(
        rewriter, loc, type, ValueRange{y, dy},
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::MulFOp>(l, a[0], a[1])};
        })[0];
    SmallVector<int64_t> small;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != axis)
        small.push_back(type.getDimSize(d));
    Value sum = reduceAxes(
        rewriter, loc, prod, axis,
        zerosOf(rewriter, loc, RankedTensorType::get(small, type.getElementType())),
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::AddFOp>(l, a[0], a[1])};
        });
    Value dx = elementwise(
        rewriter, loc, type,
        ValueRange{y, dy, broadcastAlong(rewriter, loc, sum, type, axis)},
        [](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          return {b.create<arith::MulFOp>(l, a[0],
                                          b.create<arith::SubFOp>(l, a[1], a[2]))};
        })[0];
    rewriter.replaceOp(op, dx);
    return success();
  }
};

/// Scatter-add as an scf.for over the ids: each id's gradient row is added to
/// its table row. Sequential, so repeated ids accumulate in order.
/// With scatterAsReduction, a linalg.generic over (row, column, id) instead:
/// every table element sums the gradient rows of the ids equal to its row, in
/// id order (the loop's order, so the same sums).
/// The ids of an embedding gradient as one vector (rank 1), in row-major
/// order.
Value flatIds(OpBuilder &b, Location loc, Value ids) {
  auto type = cast<RankedTensorType>(ids.getType());
  if (type.getRank() == 1)
    return ids;
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return b.create<tensor::CollapseShapeOp>(loc, ids, SmallVector<ReassociationIndices>{all});
}

struct EmbeddingGradLowering : OpRewritePattern<EmbeddingGradOp> {
  EmbeddingGradLowering(MLIRContext *context, const LoweringOptions &options)
      : OpRewritePattern(context), options(options) {}
  LogicalResult matchAndRewrite(EmbeddingGradOp op,
                                PatternRewriter &rewriter) const override {
    if (options.scatterAsReduction)
      return asReduction(op, rewriter);
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto idsType = cast<RankedTensorType>(op.getIds().getType());
    int64_t count = idsType.getNumElements();
    int64_t dim = type.getDimSize(1);
    Type elt = type.getElementType();
    Value ids = flatIds(rewriter, loc, op.getIds());
    Value dy = collapseToMatrix(rewriter, loc, op.getResultGrad());
    auto rowType = RankedTensorType::get({dim}, elt);
    auto loop = rewriter.create<scf::ForOp>(
        loc, constIndex(rewriter, loc, 0), constIndex(rewriter, loc, count),
        constIndex(rewriter, loc, 1), ValueRange{zerosOf(rewriter, loc, type)},
        [&](OpBuilder &b, Location l, Value i, ValueRange acc) {
          Value id = b.create<tensor::ExtractOp>(l, ids, i);
          Value row = checkedRow(b, l, b.create<arith::IndexCastOp>(l, b.getIndexType(), id),
                                 type.getDimSize(0), "dlc.embedding_grad");
          auto rowSlice = [&](Value t, Value r) {
            return b.create<tensor::ExtractSliceOp>(
                l, rowType, t, ArrayRef<OpFoldResult>{r, b.getIndexAttr(0)},
                ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(dim)},
                ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
          };
          Value g = rowSlice(dy, i);
          Value cur = rowSlice(acc[0], row);
          // Accumulate into the row itself, so bufferization updates in place.
          AffineMap row1 = b.getMultiDimIdentityMap(1);
          Value sum = b.create<linalg::GenericOp>(
                           l, TypeRange{rowType}, ValueRange{g}, ValueRange{cur},
                           SmallVector<AffineMap>{row1, row1},
                           SmallVector<utils::IteratorType>{
                               utils::IteratorType::parallel},
                           [](OpBuilder &bb, Location ll, ValueRange a) {
                             bb.create<linalg::YieldOp>(
                                 ll, ValueRange{bb.create<arith::AddFOp>(
                                         ll, a[1], a[0])});
                           })
                          .getResult(0);
          Value next = b.create<tensor::InsertSliceOp>(
              l, sum, acc[0], ArrayRef<OpFoldResult>{row, b.getIndexAttr(0)},
              ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(dim)},
              ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1)});
          b.create<scf::YieldOp>(l, next);
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }

  LogicalResult asReduction(EmbeddingGradOp op, PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    const int64_t rows = type.getDimSize(0);
    Value ids = flatIds(rewriter, loc, op.getIds());
    Value dy = collapseToMatrix(rewriter, loc, op.getResultGrad());
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr r = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx),
               i = getAffineDimExpr(2, ctx);
    auto maps = SmallVector<AffineMap>{AffineMap::get(3, 0, {i}, ctx),
                                       AffineMap::get(3, 0, {i, c}, ctx),
                                       AffineMap::get(3, 0, {r, c}, ctx)};
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{type}, ValueRange{ids, dy}, ValueRange{zerosOf(rewriter, loc, type)},
        maps,
        SmallVector<utils::IteratorType>{utils::IteratorType::parallel,
                                         utils::IteratorType::parallel,
                                         utils::IteratorType::reduction},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value id = b.create<arith::IndexCastOp>(l, b.getIndexType(), a[0]);
          Value row = checkedRow(b, l, id, rows, "dlc.embedding_grad");
          Value hit = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, row,
                                              b.create<linalg::IndexOp>(l, 0));
          Value sum = b.create<arith::AddFOp>(l, a[2], a[1]);
          b.create<linalg::YieldOp>(l, ValueRange{b.create<arith::SelectOp>(l, hit, sum, a[2])});
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }

  LoweringOptions options;
};

} // namespace

void populateGradLoweringPatterns(RewritePatternSet &patterns, const LoweringOptions &options) {
  patterns.add<DenseGradInputLowering, DenseGradKernelLowering, Conv2DGradInputLowering,
               Conv2DGradFilterLowering, AvgPoolGradLowering, MaxPoolGradLowering,
               ActivationGradLowering, SoftmaxGradLowering>(patterns.getContext());
  patterns.add<EmbeddingGradLowering>(patterns.getContext(), options);
}

} // namespace dlc::linalg_lowering
