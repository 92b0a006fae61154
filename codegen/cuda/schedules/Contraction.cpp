// The contraction schedule: out += a * b as block tiles in workgroup memory and a
// register tile per thread, with a deterministic split of long reductions over
// blocks (see Schedules.h).
#include "codegen/cuda/Payload.h"
#include "codegen/cuda/Schedules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace dlc::cuda {

namespace {

constexpr int64_t kTileM = 64, kTileN = 64, kTileK = 16;
constexpr int64_t kRegM = 4, kRegN = 4;              // per thread
constexpr int64_t kThreadsN = kTileN / kRegN;        // 16
constexpr int64_t kThreads = (kTileM / kRegM) * kThreadsN; // 256
/// Fewer output tiles than this (with a long K) split K over blocks.
constexpr int64_t kFewTiles = 96;

/// The loops of a contraction by role.
struct Roles {
  SmallVector<unsigned> batch, m, n, k; ///< loop positions
  SmallVector<int64_t> batchSizes, mSizes, nSizes, kSizes;
  int64_t batchCount = 1, M = 1, N = 1, K = 1;
  bool aKFastest = true; ///< A's last index runs along k (else along m)
  bool bNFastest = true; ///< B's last index runs along n (else along k)
};

bool usesDims(AffineExpr e, const llvm::SmallDenseSet<unsigned> &dims) {
  bool uses = false;
  e.walk([&](AffineExpr sub) {
    if (auto d = dyn_cast<AffineDimExpr>(sub))
      uses |= dims.contains(d.getPosition());
  });
  return uses;
}

llvm::SmallDenseSet<unsigned> dimsOf(AffineMap map) {
  llvm::SmallDenseSet<unsigned> dims;
  for (AffineExpr e : map.getResults())
    e.walk([&](AffineExpr sub) {
      if (auto d = dyn_cast<AffineDimExpr>(sub))
        dims.insert(d.getPosition());
    });
  return dims;
}

/// out += a * b (or b * a; a + b order either way) with a, b the two inputs.
bool isMulAdd(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return false;
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 3)
    return false;
  auto add = dyn_cast_or_null<arith::AddFOp>(body.getTerminator()->getOperand(0).getDefiningOp());
  if (!add)
    return false;
  BlockArgument a = body.getArgument(0), bArg = body.getArgument(1), out = body.getArgument(2);
  Value other = add.getLhs() == out ? add.getRhs() : add.getRhs() == out ? add.getLhs() : Value();
  auto mul = other ? other.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul)
    return false;
  return (mul.getLhs() == a && mul.getRhs() == bArg) || (mul.getLhs() == bArg && mul.getRhs() == a);
}

FailureOr<Roles> rolesOf(linalg::GenericOp op) {
  if (!isMulAdd(op))
    return failure();
  for (OpOperand &operand : op->getOpOperands())
    if (!isa<MemRefType>(operand.get().getType()))
      return failure();
  FailureOr<LoopShape> shape = loopShape(op);
  if (failed(shape) || shape->reduction.empty())
    return failure();
  AffineMap aMap = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
  AffineMap bMap = op.getMatchingIndexingMap(op.getDpsInputOperand(1));
  if (aMap.getNumResults() == 0 || bMap.getNumResults() == 0)
    return failure();
  llvm::SmallDenseSet<unsigned> aDims = dimsOf(aMap), bDims = dimsOf(bMap);
  Roles r;
  for (unsigned d : shape->parallel) {
    bool inA = aDims.contains(d), inB = bDims.contains(d);
    if (inA && !inB) {
      r.m.push_back(d);
      r.mSizes.push_back(shape->sizes[d]);
      r.M *= shape->sizes[d];
    } else if (inB && !inA) {
      r.n.push_back(d);
      r.nSizes.push_back(shape->sizes[d]);
      r.N *= shape->sizes[d];
    } else {
      r.batch.push_back(d);
      r.batchSizes.push_back(shape->sizes[d]);
      r.batchCount *= shape->sizes[d];
    }
  }
  for (unsigned d : shape->reduction) {
    r.k.push_back(d);
    r.kSizes.push_back(shape->sizes[d]);
    r.K *= shape->sizes[d];
  }
  llvm::SmallDenseSet<unsigned> kSet(r.k.begin(), r.k.end()), nSet(r.n.begin(), r.n.end());
  r.aKFastest = usesDims(aMap.getResults().back(), kSet);
  r.bNFastest = usesDims(bMap.getResults().back(), nSet);
  return r;
}

Value cst(OpBuilder &b, Location loc, int64_t v) { return b.create<arith::ConstantIndexOp>(loc, v); }

/// All loop indices from the roles' indices.
SmallVector<Value> ivsOf(const Roles &r, size_t loops, ValueRange batch, ValueRange m,
                         ValueRange n, ValueRange k, Value zero) {
  SmallVector<Value> ivs(loops, zero);
  for (auto [d, v] : llvm::zip(r.batch, batch))
    ivs[d] = v;
  for (auto [d, v] : llvm::zip(r.m, m))
    ivs[d] = v;
  for (auto [d, v] : llvm::zip(r.n, n))
    ivs[d] = v;
  for (auto [d, v] : llvm::zip(r.k, k))
    ivs[d] = v;
  return ivs;
}

Value lessThan(OpBuilder &b, Location loc, Value v, int64_t bound) {
  return b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ult, v, cst(b, loc, bound));
}

/// Loads input `which` at (batch, m or n, k) when in range, else 0.
Value guardedLoad(OpBuilder &b, Location loc, linalg::GenericOp op, const Roles &r,
                  unsigned which, ValueRange batch, Value row, Value kk, Type elt) {
  Value inRange = b.create<arith::AndIOp>(
      loc, lessThan(b, loc, row, which == 0 ? r.M : r.N), lessThan(b, loc, kk, r.K));
  auto branch = b.create<scf::IfOp>(loc, TypeRange{elt}, inRange, /*withElseRegion=*/true);
  {
    OpBuilder tb = branch.getThenBodyBuilder();
    Value zero = cst(tb, loc, 0);
    SmallVector<Value> rowIvs = delinearize(tb, loc, row, which == 0 ? r.mSizes : r.nSizes);
    SmallVector<Value> kIvs = delinearize(tb, loc, kk, r.kSizes);
    size_t loops = op.getNumLoops();
    SmallVector<Value> ivs = which == 0 ? ivsOf(r, loops, batch, rowIvs, {}, kIvs, zero)
                                        : ivsOf(r, loops, batch, {}, rowIvs, kIvs, zero);
    tb.create<scf::YieldOp>(loc, loadOperand(tb, loc, op, *op.getDpsInputOperand(which), ivs));
  }
  {
    OpBuilder eb = branch.getElseBodyBuilder();
    eb.create<scf::YieldOp>(loc, ValueRange{eb.create<arith::ConstantOp>(loc, eb.getZeroAttr(elt))});
  }
  return branch.getResult(0);
}

/// One block's tile of C = A·B over K range [kBegin, kBegin + kCount): the
/// sums are left in `acc`. Threads are (ty, tx) = (tid / 16, tid % 16); thread
/// (ty, tx) owns rows ty*4 .. ty*4+3 and columns tx*4 .. tx*4+3 of the tile.
void tileProduct(KernelBuilder &kb, linalg::GenericOp op, const Roles &r, Type elt,
                 ValueRange batch, Value tileM, Value tileN, Value kBegin, int64_t kTiles,
                 KernelBuilder::Private acc) {
  Location loc = op.getLoc();
  Value as = kb.shared(0), bs = kb.shared(1); // [kTileK][kTileM], [kTileK][kTileN]
  kb.phase([&](OpBuilder &pb, Value tid) {
    for (int64_t i = 0; i < kRegM * kRegN; ++i)
      kb.store(pb, acc, tid, i, pb.create<arith::ConstantOp>(loc, pb.getZeroAttr(elt)));
  });
  kb.loop(kTiles, [&](Value kt) {
    // Stage the A and B tiles: each thread loads 4 elements of each, the
    // operand's contiguous dimension across consecutive threads.
    kb.phase([&](OpBuilder &pb, Value tid) {
      Value k0 = pb.create<arith::AddIOp>(
          loc, kBegin, pb.create<arith::MulIOp>(loc, kt, cst(pb, loc, kTileK)));
      for (int64_t q = 0; q < (kTileM * kTileK) / kThreads; ++q) {
        Value e = pb.create<arith::AddIOp>(loc, tid, cst(pb, loc, q * kThreads));
        for (unsigned which : {0u, 1u}) {
          int64_t rows = which == 0 ? kTileM : kTileN;
          bool kFastest = which == 0 ? r.aKFastest : !r.bNFastest;
          Value row = kFastest ? pb.create<arith::DivUIOp>(loc, e, cst(pb, loc, kTileK)).getResult()
                               : pb.create<arith::RemUIOp>(loc, e, cst(pb, loc, rows)).getResult();
          Value kk = kFastest ? pb.create<arith::RemUIOp>(loc, e, cst(pb, loc, kTileK)).getResult()
                              : pb.create<arith::DivUIOp>(loc, e, cst(pb, loc, rows)).getResult();
          Value globalRow = pb.create<arith::AddIOp>(loc, which == 0 ? tileM : tileN, row);
          Value globalK = pb.create<arith::AddIOp>(loc, k0, kk);
          Value v = guardedLoad(pb, loc, op, r, which, batch, globalRow, globalK, elt);
          pb.create<memref::StoreOp>(loc, v, which == 0 ? as : bs, ValueRange{kk, row});
        }
      }
    });
    // The register tile: 16 FMAs per k, 8 workgroup loads.
    kb.phase([&](OpBuilder &pb, Value tid) {
      Value ty = pb.create<arith::DivUIOp>(loc, tid, cst(pb, loc, kThreadsN));
      Value tx = pb.create<arith::RemUIOp>(loc, tid, cst(pb, loc, kThreadsN));
      Value row0 = pb.create<arith::MulIOp>(loc, ty, cst(pb, loc, kRegM));
      Value col0 = pb.create<arith::MulIOp>(loc, tx, cst(pb, loc, kRegN));
      SmallVector<Value> sums;
      for (int64_t i = 0; i < kRegM * kRegN; ++i)
        sums.push_back(kb.load(pb, acc, tid, i));
      auto loop = pb.create<scf::ForOp>(loc, cst(pb, loc, 0), cst(pb, loc, kTileK),
                                        cst(pb, loc, 1), sums);
      OpBuilder lb = OpBuilder::atBlockBegin(loop.getBody());
      Value kk = loop.getInductionVar();
      SmallVector<Value> a, bv;
      for (int64_t i = 0; i < kRegM; ++i)
        a.push_back(lb.create<memref::LoadOp>(
            loc, as, ValueRange{kk, lb.create<arith::AddIOp>(loc, row0, cst(lb, loc, i))}));
      for (int64_t j = 0; j < kRegN; ++j)
        bv.push_back(lb.create<memref::LoadOp>(
            loc, bs, ValueRange{kk, lb.create<arith::AddIOp>(loc, col0, cst(lb, loc, j))}));
      SmallVector<Value> next;
      for (int64_t i = 0; i < kRegM; ++i)
        for (int64_t j = 0; j < kRegN; ++j)
          next.push_back(lb.create<math::FmaOp>(loc, a[i], bv[j],
                                                loop.getRegionIterArgs()[i * kRegN + j]));
      lb.create<scf::YieldOp>(loc, next);
      for (int64_t i = 0; i < kRegM * kRegN; ++i)
        kb.store(pb, acc, tid, i, loop.getResult(i));
    });
  });
}

/// Calls `fn(m, n, i, j)` for each element of thread `tid`'s register tile
/// that lies inside the M x N result.
void forEachOwned(OpBuilder &b, Location loc, const Roles &r, Value tid, Value tileM, Value tileN,
                  llvm::function_ref<void(OpBuilder &, Value, Value, int64_t)> fn) {
  Value ty = b.create<arith::DivUIOp>(loc, tid, cst(b, loc, kThreadsN));
  Value tx = b.create<arith::RemUIOp>(loc, tid, cst(b, loc, kThreadsN));
  for (int64_t i = 0; i < kRegM; ++i)
    for (int64_t j = 0; j < kRegN; ++j) {
      Value m = b.create<arith::AddIOp>(
          loc, tileM,
          b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, ty, cst(b, loc, kRegM)),
                                  cst(b, loc, i)));
      Value n = b.create<arith::AddIOp>(
          loc, tileN,
          b.create<arith::AddIOp>(loc, b.create<arith::MulIOp>(loc, tx, cst(b, loc, kRegN)),
                                  cst(b, loc, j)));
      Value inside = b.create<arith::AndIOp>(loc, lessThan(b, loc, m, r.M), lessThan(b, loc, n, r.N));
      auto guard = b.create<scf::IfOp>(loc, inside, /*withElseRegion=*/false);
      OpBuilder ib = guard.getThenBodyBuilder();
      fn(ib, m, n, i * kRegN + j);
    }
}

/// The output's indices for (batch, m, n).
SmallVector<Value> outputIvs(OpBuilder &b, Location loc, linalg::GenericOp op, const Roles &r,
                             ValueRange batch, Value m, Value n) {
  Value zero = cst(b, loc, 0);
  return ivsOf(r, op.getNumLoops(), batch, delinearize(b, loc, m, r.mSizes),
               delinearize(b, loc, n, r.nSizes), {}, zero);
}

} // namespace

bool takesContraction(linalg::GenericOp op) {
  FailureOr<Roles> r = rolesOf(op);
  if (failed(r))
    return false;
  Type elt = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  // Tiles pay off from a few hundred multiply-adds per output and a tile's
  // worth of outputs.
  return elt.isF32() && r->K >= 16 && r->M * r->N >= 256;
}

LogicalResult emitContraction(OpBuilder &b, linalg::GenericOp op, KernelMode mode,
                              linalg::GenericOp producer) {
  LogicalResult status = success();
  FailureOr<Roles> roles = rolesOf(op);
  if (failed(roles))
    return op.emitOpError("is not a contraction");
  const Roles &r = *roles;
  Location loc = op.getLoc();
  Type elt = getElementTypeOrSelf(op.getDpsInits()[0].getType());
  const int64_t tilesM = ceilDiv(r.M, kTileM), tilesN = ceilDiv(r.N, kTileN);
  const int64_t kTilesTotal = ceilDiv(r.K, kTileK);
  const int64_t tiles = tilesM * tilesN * r.batchCount;
  // Split K over blocks when the tiles alone leave the GPU idle.
  int64_t splits = 1;
  if (tiles < kFewTiles && kTilesTotal >= 16)
    splits = std::min<int64_t>(ceilDiv(kFewTiles, tiles), kTilesTotal / 8);
  splits = std::max<int64_t>(splits, 1);
  const int64_t kTilesPerSplit = ceilDiv(kTilesTotal, splits);
  splits = ceilDiv(kTilesTotal, kTilesPerSplit);
  SmallVector<MemRefType> shared = {MemRefType::get({kTileK, kTileM}, elt),
                                    MemRefType::get({kTileK, kTileN}, elt)};
  // Partial sums of each split, [splits, batch, M, N], when K is split.
  Value partials;
  if (splits > 1)
    partials = b.create<memref::AllocOp>(
        loc, MemRefType::get({splits, r.batchCount, r.M, r.N}, elt));

  KernelBuilder kb(b, loc, splits > 1 ? "contraction-split-k" : "contraction", mode, {tilesN, tilesM, r.batchCount * splits}, kThreads, shared);
  KernelBuilder::Private acc = kb.privateArray(elt, kRegM * kRegN);
  {
    OpBuilder &kbb = kb.builder();
    Value z = kb.blockId(2);
    Value split = kbb.create<arith::RemUIOp>(loc, z, cst(kbb, loc, splits));
    Value batchLinear = kbb.create<arith::DivUIOp>(loc, z, cst(kbb, loc, splits));
    SmallVector<Value> batch = delinearize(kbb, loc, batchLinear, r.batchSizes);
    Value tileM = kbb.create<arith::MulIOp>(loc, kb.blockId(1), cst(kbb, loc, kTileM));
    Value tileN = kbb.create<arith::MulIOp>(loc, kb.blockId(0), cst(kbb, loc, kTileN));
    Value kBegin = kbb.create<arith::MulIOp>(loc, split, cst(kbb, loc, kTilesPerSplit * kTileK));
    tileProduct(kb, op, r, elt, batch, tileM, tileN, kBegin, kTilesPerSplit, acc);
    kb.phase([&](OpBuilder &pb, Value tid) {
      forEachOwned(pb, loc, r, tid, tileM, tileN, [&](OpBuilder &ib, Value m, Value n, int64_t i) {
        Value sum = kb.load(ib, acc, tid, i);
        if (splits > 1) {
          ib.create<memref::StoreOp>(loc, sum, partials, ValueRange{split, batchLinear, m, n});
          return;
        }
        SmallVector<Value> ivs = outputIvs(ib, loc, op, r, batch, m, n);
        FailureOr<Value> init = loadInit(ib, loc, op, 0, ivs, producer);
        if (failed(init)) {
          status = failure();
          return;
        }
        storeResult(ib, loc, op, 0, ib.create<arith::AddFOp>(loc, *init, sum), ivs);
      });
    });
  }
  kb.finish();
  if (splits == 1 || failed(status))
    return status;

  // The splits' partial sums added to the output in split order.
  const int64_t outputs = r.batchCount * r.M * r.N;
  const int64_t threads = std::min(kThreadsPerBlock, ceilDiv(outputs, 32) * 32);
  KernelBuilder sum(b, loc, "split-k-sum", mode, {ceilDiv(outputs, threads), 1, 1}, threads);
  sum.phase([&](OpBuilder &pb, Value tid) {
    Value id = sum.linearId(pb, tid);
    auto guard = pb.create<scf::IfOp>(loc, lessThan(pb, loc, id, outputs), false);
    OpBuilder ib = guard.getThenBodyBuilder();
    SmallVector<Value> bmn = delinearize(ib, loc, id, {r.batchCount, r.M, r.N});
    SmallVector<Value> batch = delinearize(ib, loc, bmn[0], r.batchSizes);
    SmallVector<Value> ivs = outputIvs(ib, loc, op, r, batch, bmn[1], bmn[2]);
    FailureOr<Value> total = loadInit(ib, loc, op, 0, ivs, producer);
    if (failed(total)) {
      status = failure();
      return;
    }
    auto loop = ib.create<scf::ForOp>(loc, cst(ib, loc, 0), cst(ib, loc, splits), cst(ib, loc, 1),
                                      ValueRange{*total});
    OpBuilder lb = OpBuilder::atBlockBegin(loop.getBody());
    Value part = lb.create<memref::LoadOp>(
        loc, partials, ValueRange{loop.getInductionVar(), bmn[0], bmn[1], bmn[2]});
    lb.create<scf::YieldOp>(loc, ValueRange{lb.create<arith::AddFOp>(
                                     loc, loop.getRegionIterArgs()[0], part)});
    storeResult(ib, loc, op, 0, loop.getResult(0), ivs);
  });
  sum.finish();
  return status;
}

} // namespace dlc::cuda
