// One GPU kernel as a gpu.launch or as its host emulation (see KernelBuilder.h).
#include "codegen/cuda/KernelBuilder.h"

#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace dlc::cuda {

KernelBuilder::KernelBuilder(OpBuilder &b, Location loc, StringRef schedule, KernelMode mode,
                             std::array<int64_t, 3> grid, int64_t threads,
                             ArrayRef<MemRefType> sharedTypes)
    : outer_(b), body_(b.getContext()), loc_(loc), mode_(mode), threads_(threads) {
  MLIRContext *ctx = b.getContext();
  auto cst = [&](int64_t v) -> Value { return b.create<arith::ConstantIndexOp>(loc, v); };
  if (mode == KernelMode::Gpu) {
    auto workgroup = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
    SmallVector<Type> types;
    for (MemRefType t : sharedTypes)
      types.push_back(MemRefType::get(t.getShape(), t.getElementType(), MemRefLayoutAttrInterface(),
                                      workgroup));
    auto launch = b.create<gpu::LaunchOp>(loc, cst(grid[0]), cst(grid[1]), cst(grid[2]),
                                          cst(threads), cst(1), cst(1),
                                          /*dynamicSharedMemorySize=*/nullptr,
                                          /*asyncTokenType=*/nullptr,
                                          /*asyncDependencies=*/ValueRange{}, types);
    Block &block = launch.getBody().front();
    body_.setInsertionPointToStart(&block);
    body_.create<gpu::TerminatorOp>(loc);
    body_.setInsertionPointToStart(&block);
    root_ = launch;
    root_->setAttr("dlc.schedule", b.getStringAttr(schedule));
    entry_ = &block;
    gpu::KernelDim3 ids = launch.getBlockIds();
    blockIds_ = {ids.x, ids.y, ids.z};
    threadId_ = launch.getThreadIds().x;
    for (BlockArgument a : launch.getWorkgroupAttributions())
      shared_.push_back(a);
    return;
  }
  // Emulation: the shared buffers once, then a loop per grid dimension.
  for (MemRefType t : sharedTypes)
    shared_.push_back(b.create<memref::AllocOp>(loc, t));
  OpBuilder loops = b;
  Operation *outermost = nullptr;
  for (int d = 2; d >= 0; --d) {
    auto at = [&](int64_t v) -> Value { return loops.create<arith::ConstantIndexOp>(loc, v); };
    auto loop = loops.create<scf::ForOp>(loc, at(0), at(grid[d]), at(1));
    if (!outermost)
      outermost = loop;
    blockIds_[d] = loop.getInductionVar();
    loops.setInsertionPoint(loop.getBody()->getTerminator());
  }
  root_ = outermost;
  root_->setAttr("dlc.schedule", b.getStringAttr(schedule));
  body_ = loops;
}

void KernelBuilder::finish() { outer_.setInsertionPointAfter(root_); }

Value KernelBuilder::linearId(OpBuilder &b, Value tid) const {
  return b.create<arith::AddIOp>(
      loc_, b.create<arith::MulIOp>(loc_, blockIds_[0], b.create<arith::ConstantIndexOp>(loc_, threads_)),
      tid);
}

Value KernelBuilder::index(int64_t v) { return body_.create<arith::ConstantIndexOp>(loc_, v); }

void KernelBuilder::phase(PhaseFn fn) {
  if (mode_ == KernelMode::Gpu) {
    if (!firstPhase_ || loopDepth_ > 0)
      body_.create<gpu::BarrierOp>(loc_);
    firstPhase_ = false;
    fn(body_, threadId_);
    return;
  }
  firstPhase_ = false;
  auto loop = body_.create<scf::ForOp>(loc_, index(0), index(threads_), index(1));
  OpBuilder inner(loop.getBody()->getTerminator());
  fn(inner, loop.getInductionVar());
}

KernelBuilder::Private KernelBuilder::privateArray(Type elt, int64_t n) {
  if (mode_ == KernelMode::Gpu) {
    OpBuilder b = OpBuilder::atBlockBegin(entry_);
    return {b.create<memref::AllocaOp>(loc_, MemRefType::get({n}, elt))};
  }
  OpBuilder b(root_);
  return {b.create<memref::AllocOp>(loc_, MemRefType::get({threads_, n}, elt))};
}

Value KernelBuilder::load(OpBuilder &b, Private p, Value tid, int64_t i) {
  Value at = b.create<arith::ConstantIndexOp>(loc_, i);
  if (mode_ == KernelMode::Gpu)
    return b.create<memref::LoadOp>(loc_, p.memory, ValueRange{at});
  return b.create<memref::LoadOp>(loc_, p.memory, ValueRange{tid, at});
}

void KernelBuilder::store(OpBuilder &b, Private p, Value tid, int64_t i, Value v) {
  Value at = b.create<arith::ConstantIndexOp>(loc_, i);
  if (mode_ == KernelMode::Gpu)
    b.create<memref::StoreOp>(loc_, v, p.memory, ValueRange{at});
  else
    b.create<memref::StoreOp>(loc_, v, p.memory, ValueRange{tid, at});
}

void KernelBuilder::loop(int64_t count, llvm::function_ref<void(Value)> body) {
  auto loop = body_.create<scf::ForOp>(loc_, index(0), index(count), index(1));
  OpBuilder::InsertPoint saved = body_.saveInsertionPoint();
  body_.setInsertionPoint(loop.getBody()->getTerminator());
  ++loopDepth_;
  body(loop.getInductionVar());
  --loopDepth_;
  body_.restoreInsertionPoint(saved);
}

SmallVector<Value> delinearize(OpBuilder &b, Location loc, Value linear,
                               ArrayRef<int64_t> sizes) {
  SmallVector<Value> ivs(sizes.size());
  Value rest = linear;
  for (size_t i = sizes.size(); i-- > 0;) {
    if (i == 0) {
      ivs[i] = rest;
      break;
    }
    Value size = b.create<arith::ConstantIndexOp>(loc, sizes[i]);
    ivs[i] = sizes[i] == 1 ? b.create<arith::ConstantIndexOp>(loc, 0).getResult()
                           : b.create<arith::RemUIOp>(loc, rest, size).getResult();
    rest = sizes[i] == 1 ? rest : b.create<arith::DivUIOp>(loc, rest, size).getResult();
  }
  return ivs;
}

SmallVector<Value> applyMap(OpBuilder &b, Location loc, AffineMap map, ValueRange dims) {
  SmallVector<Value> values;
  for (AffineExpr e : map.getResults()) {
    if (auto d = dyn_cast<AffineDimExpr>(e)) {
      values.push_back(dims[d.getPosition()]);
      continue;
    }
    values.push_back(affine::expandAffineExpr(b, loc, e, dims, ValueRange{}));
  }
  return values;
}

} // namespace dlc::cuda
