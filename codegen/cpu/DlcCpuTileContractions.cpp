// dlc-cpu-tile-contractions: matmuls and convolutions on buffers as thread, cache and register tiles, vectorised.
#include "codegen/cpu/Passes.h"
#include "codegen/cpu/StaticSplit.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace dlc::cpu {
#define GEN_PASS_DEF_DLCCPUTILECONTRACTIONS
#include "codegen/cpu/Passes.h.inc"
} // namespace dlc::cpu

using namespace mlir;
using dlc::cpu::splitAtTileMultiple;

namespace {

/// What a loop of a contraction becomes in its register tile.
enum class Role {
  M,        ///< rows of the register tile (parallel)
  N,        ///< columns of the register tile, the vector dimension (parallel)
  K,        ///< the reduction the tile's outer products run over
  Parallel, ///< another parallel loop, tiled by 1 around the tile
  Reduction ///< another reduction loop, tiled by 1 inside the tile's loops
};

/// The schedule of one kind of contraction: each loop's role, the order of
/// the loops around a register tile, and the loop the threads split.
struct Shape {
  SmallVector<Role> roles;
  /// A permutation of the loops: outermost first.
  SmallVector<int64_t> order;
  /// Loops the threads may split, in order of preference.
  SmallVector<int64_t> threadLoops;
  /// Whether the loops are those of linalg.matmul (m, n, k): the cache tiles
  /// of a GEMM apply.
  bool gemm = false;
  /// For the others: the dimensions of each operand (A, B, C) that remain in
  /// the register tile's matmul once the extent-1 ones are dropped, and
  /// whether that matmul reads A transposed ([K, M]).
  SmallVector<SmallVector<int64_t, 2>, 3> tileDims = {};
  bool transposedA = false;
};

bool isIdentityOrder(ArrayRef<int64_t> order) {
  for (auto [i, v] : llvm::enumerate(order))
    if (int64_t(i) != v)
      return false;
  return true;
}

/// The filter gradient as convert-dlc-to-linalg builds it: loops (n, oh, ow,
/// kh, kw, c, f), dW[kh, kw, c, f] += X[n, oh·s + kh·d, ow·s + kw·d, c] ·
/// dY[n, oh, ow, f], with stride 1 along the width (so a register tile
/// reads consecutive input pixels).
bool isFilterGradient(linalg::GenericOp op) {
  if (op.getNumLoops() != 7 || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return false;
  auto it = op.getIteratorTypesArray();
  for (int i = 0; i < 7; ++i)
    if ((it[i] == utils::IteratorType::reduction) != (i < 3))
      return false;
  MLIRContext *ctx = op.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[1] != AffineMap::get(7, 0, {d(0), d(1), d(2), d(6)}, ctx) ||
      maps[2] != AffineMap::get(7, 0, {d(3), d(4), d(5), d(6)}, ctx))
    return false;
  AffineMap x = maps[0];
  if (x.getNumResults() != 4 || x.getResult(0) != d(0) || x.getResult(3) != d(5))
    return false;
  // ow·1 + kw·dilation: the width's stride must be 1.
  auto width = dyn_cast<AffineBinaryOpExpr>(x.getResult(2));
  if (!width || width.getKind() != AffineExprKind::Add)
    return false;
  auto isDim = [&](AffineExpr e, unsigned pos) {
    if (e == d(pos))
      return true;
    auto mul = dyn_cast<AffineBinaryOpExpr>(e);
    return mul && mul.getKind() == AffineExprKind::Mul && mul.getLHS() == d(pos) &&
           isa<AffineConstantExpr>(mul.getRHS());
  };
  bool owFirst = width.getLHS() == d(2) && isDim(width.getRHS(), 4);
  bool kwFirst = width.getRHS() == d(2) && isDim(width.getLHS(), 4);
  return owFirst || kwFirst;
}

/// The schedule of `op` (on tensors or buffers), or none when this pass
/// leaves it to the loop lowering.
std::optional<Shape> shapeOf(linalg::LinalgOp op) {
  using R = Role;
  if (op.hasDynamicShape() || op.getNumDpsInits() != 1)
    return std::nullopt;
  auto out = dyn_cast<ShapedType>(op.getDpsInitOperand(0)->get().getType());
  if (!out || !out.getElementType().isF32())
    return std::nullopt;
  if (isa<linalg::MatmulOp, linalg::MatmulTransposeAOp>(op))
    return Shape{{R::M, R::N, R::K}, {0, 1, 2}, {0, 1}, /*gemm=*/true};
  if (auto conv = dyn_cast<linalg::Conv2DNhwcHwcfOp>(op.getOperation())) {
    // (n, oh, ow, f, kh, kw, c): a tile is 8 output pixels of a row by 32
    // filters, summed over the taps and channels. Stride 1 along the width.
    if (!llvm::all_of(conv.getStrides().getValues<int64_t>(), [](int64_t s) { return s == 1; }))
      return std::nullopt;
    // X[n, h, w, c] → [w, c], W[kh, kw, c, f] → [c, f], Y[n, oh, ow, f] → [ow, f].
    return Shape{{R::Parallel, R::Parallel, R::M, R::N, R::Reduction, R::Reduction, R::K},
                 {0, 1, 2, 3, 4, 5, 6},
                 {0, 1},
                 false,
                 {{2, 3}, {2, 3}, {2, 3}},
                 false};
  }
  if (auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
      generic && isFilterGradient(generic)) {
    // (n, oh, ow, kh, kw, c, f): a tile is 8 channels by 32 filters of one
    // tap, summed over one image's output pixels; images outermost, so each
    // one's input and gradient are read while they are in cache.
    // X[n, h, w, c] → [w, c] (K × M), dY[n, oh, ow, f] → [ow, f] (K × N),
    // dW[kh, kw, c, f] → [c, f].
    return Shape{{R::Reduction, R::Reduction, R::K, R::Parallel, R::Parallel, R::M, R::N},
                 {0, 3, 4, 5, 6, 1, 2},
                 {6, 5, 3},
                 false,
                 {{2, 3}, {2, 3}, {2, 3}},
                 true};
  }
  return std::nullopt;
}

} // namespace

bool dlc::cpu::isRegisterTiledContraction(linalg::LinalgOp op) {
  return shapeOf(op).has_value();
}

namespace {

struct TileContractions
    : dlc::cpu::impl::DlcCpuTileContractionsBase<TileContractions> {
  using Base::Base;

  /// Register tile: rows, and columns (a multiple of the vector width while
  /// the dimension allows).
  int64_t tileRows() const { return 8; }
  int64_t tileColumns() const { return 2 * vectorLanes; }

  /// Splits `op` so every M and N extent is a multiple of its register tile
  /// or smaller than it: the pieces' tiles are all static and full. A
  /// column remainder wider than one vector is split again at the vector
  /// width (N = 50: 32 + 16 + 2, not 32 + 18): an accumulator of 18 lanes
  /// is no machine register, and LLVM took it apart and spilled it at every
  /// reduction step (babi_rnn's 18-column tiles ran at a tenth of the
  /// 32-column ones' rate and took 42 % of its step).
  SmallVector<linalg::LinalgOp> splitToFullTiles(IRRewriter &rewriter, linalg::LinalgOp op,
                                                 const Shape &shape) {
    SmallVector<linalg::LinalgOp> work = {op}, done;
    while (!work.empty()) {
      linalg::LinalgOp piece = work.pop_back_val();
      SmallVector<int64_t> ranges = piece.getStaticLoopRanges();
      bool wasSplit = false;
      for (auto [dim, role] : llvm::enumerate(shape.roles)) {
        int64_t tile = role == Role::M ? tileRows() : role == Role::N ? tileColumns() : 0;
        if (role == Role::N && ranges[dim] < tile)
          tile = vectorLanes;
        if (!tile || ranges[dim] <= tile || ranges[dim] % tile == 0)
          continue;
        SmallVector<linalg::LinalgOp> halves = splitAtTileMultiple(rewriter, piece, dim, tile);
        if (halves.empty())
          break;
        work.append(halves.begin(), halves.end());
        wasSplit = true;
        break;
      }
      if (!wasSplit)
        done.push_back(piece);
    }
    return done;
  }

  /// The largest multiple of `unit` that divides `extent` and is at most
  /// `limit` (at least `unit`; `extent` itself when smaller than `unit`).
  static int64_t divisorTile(int64_t extent, int64_t unit, int64_t limit) {
    if (extent <= unit)
      return extent;
    int64_t best = unit;
    for (int64_t t = unit; t <= std::min(extent, limit); t += unit)
      if (extent % t == 0)
        best = t;
    return best;
  }

  /// Tiles `op` by `sizes` (0: untouched) as scf.for loops in `order`.
  FailureOr<linalg::LinalgOp> tileFor(IRRewriter &rewriter, linalg::LinalgOp op,
                                      ArrayRef<int64_t> sizes, ArrayRef<int64_t> order) {
    if (llvm::all_of(sizes, [](int64_t s) { return s == 0; }))
      return op;
    scf::SCFTilingOptions options;
    SmallVector<OpFoldResult> tileSizes;
    for (int64_t s : sizes)
      tileSizes.push_back(rewriter.getIndexAttr(s));
    options.setTileSizes(tileSizes);
    if (!order.empty() && !isIdentityOrder(order))
      options.setInterchange(order);
    rewriter.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> tiled =
        scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiled) || tiled->tiledOps.size() != 1)
      return failure();
    rewriter.eraseOp(op);
    return cast<linalg::LinalgOp>(tiled->tiledOps.front());
  }

  /// Splits the loops of `op` among threads: an scf.forall (made an
  /// scf.parallel marked for dlc-outer-parallel-loops to keep) over tiles of
  /// `sizes`.
  FailureOr<linalg::LinalgOp> tileThreads(IRRewriter &rewriter, linalg::LinalgOp op,
                                          ArrayRef<int64_t> sizes) {
    SmallVector<OpFoldResult> tileSizes;
    for (int64_t s : sizes)
      tileSizes.push_back(rewriter.getIndexAttr(s));
    rewriter.setInsertionPoint(op);
    FailureOr<linalg::ForallTilingResult> tiled = linalg::tileToForallOpUsingTileSizes(
        rewriter, cast<TilingInterface>(op.getOperation()), tileSizes, std::nullopt);
    if (failed(tiled))
      return failure();
    rewriter.eraseOp(op);
    auto forall = cast<scf::ForallOp>(tiled->tileOp);
    scf::ParallelOp parallel;
    rewriter.setInsertionPoint(forall);
    if (failed(scf::forallToParallelLoop(rewriter, forall, &parallel)))
      return failure();
    parallel->setAttr(dlc::cpu::kThreadsAttrName, rewriter.getUnitAttr());
    return cast<linalg::LinalgOp>(tiled->tiledOp);
  }

  /// Whether `op` already runs inside a parallel loop (a tile of another
  /// schedule, or a batch chunk of a recurrence): then it gets no threads
  /// of its own.
  static bool insideParallelLoop(Operation *op) {
    return op->getParentOfType<scf::ForallOp>() || op->getParentOfType<scf::ParallelOp>();
  }

  /// The register tile of `op` as a vectorisable op: its operands (views of
  /// extent 1 in every Parallel and Reduction loop) as rank-reduced views of
  /// the dimensions `shape.tileDims` keeps, and the op a linalg.matmul (or
  /// matmul_transpose_a) of M × K by K × N on them.
  FailureOr<linalg::LinalgOp> registerTileAsMatmul(IRRewriter &rewriter, linalg::LinalgOp op,
                                                   const Shape &shape) {
    if (shape.gemm)
      return op;
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    SmallVector<Value> views;
    for (auto [operand, keep] : llvm::zip(op->getOperands(), shape.tileDims)) {
      auto type = cast<MemRefType>(operand.getType());
      SmallVector<int64_t> reduced;
      for (auto [dim, size] : llvm::enumerate(type.getShape())) {
        if (llvm::is_contained(keep, int64_t(dim)))
          reduced.push_back(size);
        else if (size != 1)
          return failure();
      }
      SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0)),
          strides(type.getRank(), rewriter.getIndexAttr(1)), sizes;
      for (int64_t size : type.getShape())
        sizes.push_back(rewriter.getIndexAttr(size));
      auto viewType = cast<MemRefType>(memref::SubViewOp::inferRankReducedResultType(
          reduced, type, offsets, sizes, strides));
      views.push_back(
          rewriter.create<memref::SubViewOp>(loc, viewType, operand, offsets, sizes, strides));
    }
    Operation *matmul;
    if (shape.transposedA)
      matmul = rewriter.create<linalg::MatmulTransposeAOp>(loc, ValueRange{views[0], views[1]},
                                                           ValueRange{views[2]});
    else
      matmul = rewriter.create<linalg::MatmulOp>(loc, ValueRange{views[0], views[1]},
                                                 ValueRange{views[2]});
    rewriter.eraseOp(op);
    return cast<linalg::LinalgOp>(matmul);
  }

  /// The whole schedule of one contraction.
  LogicalResult schedule(IRRewriter &rewriter, linalg::LinalgOp op, const Shape &shape,
                         SmallVectorImpl<Operation *> &registerTiles) {
    for (linalg::LinalgOp piece : splitToFullTiles(rewriter, op, shape)) {
      SmallVector<int64_t> ranges = piece.getStaticLoopRanges();
      int64_t work = 1;
      for (int64_t r : ranges)
        work *= r;
      SmallVector<int64_t> reg(ranges.size(), 0);
      for (auto [dim, role] : llvm::enumerate(shape.roles)) {
        switch (role) {
        case Role::M: reg[dim] = std::min(ranges[dim], tileRows()); break;
        case Role::N: reg[dim] = std::min(ranges[dim], tileColumns()); break;
        case Role::K: reg[dim] = 1; break;
        case Role::Parallel:
        case Role::Reduction: reg[dim] = 1; break;
        }
      }
      linalg::LinalgOp current = piece;
      bool threads = !insideParallelLoop(piece) && work >= minThreadWork;
      if (shape.gemm) {
        // Cache tiles (MC, NC, KC) as in OpenBLAS' blocking: a panel of B
        // (KC × NC) stays in the second-level cache while a block of A
        // rows streams past it.
        int64_t mc = divisorTile(ranges[0], reg[0], 64);
        int64_t nc = divisorTile(ranges[1], reg[1], 256);
        int64_t kc = divisorTile(ranges[2], 1, 512);
        if (kc < 64)
          kc = ranges[2];
        // At least 4 thread tiles where the register tiles allow (a weight
        // gradient of 50 x 200 over 17,664 rows is one 48 x 192 cache tile):
        // narrower ones, then shorter ones.
        while (threads && (ranges[0] / mc) * (ranges[1] / nc) < 4) {
          if (int64_t narrower = divisorTile(ranges[1], reg[1], nc - reg[1]); narrower < nc) {
            nc = narrower;
            continue;
          }
          if (int64_t shorter = divisorTile(ranges[0], reg[0], mc - reg[0]); shorter < mc) {
            mc = shorter;
            continue;
          }
          break;
        }
        if (threads && (ranges[0] / mc) * (ranges[1] / nc) >= 2) {
          FailureOr<linalg::LinalgOp> t = tileThreads(rewriter, current, {mc, nc, 0});
          if (failed(t))
            return failure();
          current = *t;
          mc = nc = 0;
        }
        FailureOr<linalg::LinalgOp> cache = tileFor(rewriter, current, {mc, nc, kc}, {});
        if (failed(cache))
          return failure();
        current = *cache;
      } else if (threads) {
        // The threads split the first listed loop with more than one tile.
        for (int64_t dim : shape.threadLoops) {
          int64_t tile = reg[dim] ? reg[dim] : 1;
          if (ranges[dim] / tile < 2)
            continue;
          SmallVector<int64_t> sizes(ranges.size(), 0);
          sizes[dim] = tile;
          FailureOr<linalg::LinalgOp> t = tileThreads(rewriter, current, sizes);
          if (failed(t))
            return failure();
          current = *t;
          break;
        }
      }
      FailureOr<linalg::LinalgOp> tile = tileFor(rewriter, current, reg, shape.order);
      if (failed(tile))
        return failure();
      FailureOr<linalg::LinalgOp> matmul = registerTileAsMatmul(rewriter, *tile, shape);
      if (failed(matmul))
        return failure();
      registerTiles.push_back(*matmul);
    }
    return success();
  }

  void runOnOperation() override {
    std::vector<std::pair<linalg::LinalgOp, Shape>> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!op.hasPureBufferSemantics())
        return;
      if (std::optional<Shape> shape = shapeOf(op))
        candidates.push_back({op, *shape});
    });
    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> registerTiles;
    for (auto &[op, shape] : candidates)
      if (failed(schedule(rewriter, op, shape, registerTiles))) {
        op->emitError("dlc-cpu-tile-contractions: could not tile this contraction");
        return signalPassFailure();
      }
    for (Operation *tile : registerTiles) {
      rewriter.setInsertionPoint(tile);
      // On buffers, vectorize erases the op it replaces.
      if (failed(linalg::vectorize(rewriter, tile))) {
        tile->emitError("dlc-cpu-tile-contractions: could not vectorise this register tile");
        return signalPassFailure();
      }
    }
    // What vectorize_children_and_apply_patterns applies after vectorising:
    // mul + multi_reduction become vector.contract (an FMA per element of
    // the tile once lowered), transfers get minor-identity maps.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateSinkVectorBroadcastPatterns(patterns);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns, &getContext());
    vector::TransferWriteOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
