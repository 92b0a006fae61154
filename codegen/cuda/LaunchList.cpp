// The host code of the CUDA targets evaluated into a static launch list (see
// LaunchList.h).
#include "codegen/cuda/LaunchList.h"
#include "codegen/cuda/LibraryChoice.h"
#include "codegen/cuda/LibraryOps.h"
#include "codegen/cuda/Payload.h"

#include "abi/CudaAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/SymbolTable.h"

#include <variant>

using namespace mlir;

namespace dlc::cuda {

namespace {

/// A buffer the host code names: a function argument's tensor in its region,
/// or a temporary the launch list places in the arena.
struct Buffer {
  bool temporary = false;
  abi::Region region = abi::Region::Arena;
  uint64_t base = 0;  ///< region offset (arguments), placed offset (temporaries)
  uint64_t bytes = 0;
  int firstUse = -1, lastUse = -1; ///< launch indices
};

/// A memref value: a strided view of a buffer, in elements.
struct View {
  int buffer = -1;
  int64_t offset = 0;
  SmallVector<int64_t> sizes, strides;
};

using Scalar = int64_t;
using Val = std::variant<Scalar, View>;

/// The first name a location carries (a layer, a dlc op), for messages.
std::string origin(Location loc) { return locationName(loc); }

uint64_t alignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

class Interpreter {
public:
  Interpreter(ModuleOp module, LaunchList &list, StringRef target)
      : module_(module), list_(list), target_(target) {}

  /// The kernel `launch` runs, entered in the table at its first launch;
  /// its parameters from the launch's operands (a memref is its descriptor).
  FailureOr<unsigned> kernelOf(gpu::LaunchFuncOp launch) {
    SymbolRefAttr symbol = launch.getKernel();
    auto it = kernelIndex_.find(symbol);
    if (it != kernelIndex_.end())
      return it->second;
    Operation *kernel = SymbolTable::lookupNearestSymbolFrom(launch, symbol);
    if (!kernel)
      return launch.emitOpError("launches a kernel the gpu.module does not have");
    KernelEntry entry;
    entry.name = symbol.getLeafReference().str();
    entry.op = origin(kernel->getLoc());
    entry.key = opKeyOf(kernel->getLoc());
    for (Value operand : launch.getKernelOperands()) {
      Type t = operand.getType();
      if (auto m = dyn_cast<MemRefType>(t))
        entry.params += std::string(2, abi::kPointerParam) +
                        std::string(1 + 2 * m.getRank(), abi::kValueParam);
      else if (t.isIndex() || t.isInteger(64))
        entry.params += abi::kValueParam;
      else
        return launch.emitOpError("passes a kernel parameter of type ")
               << t << "; CUDA kernels take memrefs and 64-bit integers";
    }
    unsigned index = list_.kernels.size();
    kernelIndex_[symbol] = index;
    list_.kernels.push_back(std::move(entry));
    return index;
  }

  LogicalResult runFunction(func::FuncOp func, const std::vector<ArgumentPlace> &places) {
    buffers_.clear();
    env_.clear();
    steps_.clear();
    pending_.clear();
    workspace_ = -1;
    if (places.size() != func.getNumArguments())
      return func.emitOpError("has ") << func.getNumArguments() << " arguments, the plan "
                                      << places.size();
    for (auto [arg, place] : llvm::zip(func.getArguments(), places)) {
      auto type = dyn_cast<MemRefType>(arg.getType());
      if (!type)
        return func.emitOpError("argument ") << arg.getArgNumber() << " is not a memref";
      Buffer b;
      b.region = place.region;
      b.base = place.offset;
      b.bytes = type.getNumElements() * (type.getElementTypeBitWidth() / 8);
      buffers_.push_back(b);
      env_[arg] = identity(int(buffers_.size() - 1), type);
    }
    if (failed(runBlock(func.getBody().front())))
      return failure();
    // Temporaries by first use, each at the lowest offset free for its life.
    std::vector<int> order;
    for (size_t i = 0; i < buffers_.size(); ++i)
      if (buffers_[i].temporary && buffers_[i].firstUse >= 0)
        order.push_back(int(i));
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return buffers_[a].firstUse < buffers_[b].firstUse; });
    std::vector<int> placed;
    uint64_t end = 0;
    for (int id : order) {
      Buffer &buf = buffers_[id];
      std::vector<std::pair<uint64_t, uint64_t>> busy;
      for (int other : placed) {
        const Buffer &o = buffers_[other];
        if (o.lastUse >= buf.firstUse && o.firstUse <= buf.lastUse)
          busy.push_back({o.base, o.base + alignUp(o.bytes, abi::kDeviceRegionAlignment)});
      }
      std::sort(busy.begin(), busy.end());
      uint64_t at = 0;
      for (auto [b0, b1] : busy) {
        if (at + alignUp(buf.bytes, abi::kDeviceRegionAlignment) <= b0)
          break;
        at = std::max(at, b1);
      }
      buf.base = at;
      end = std::max(end, at + alignUp(buf.bytes, abi::kDeviceRegionAlignment));
      placed.push_back(id);
    }
    list_.workspaceBytes = std::max(list_.workspaceBytes, end);
    if (workspace_ >= 0)
      for (Step &step : steps_)
        if (auto *c = std::get_if<LibraryCall>(&step))
          c->workspaceBytes = buffers_[workspace_].bytes;
    for (const Pending &p : pending_) {
      const Buffer &buf = buffers_[p.buffer];
      const uint64_t pointer = abi::encodePointer(buf.region, buf.base + p.delta);
      if (auto *l = std::get_if<Launch>(&steps_[p.step]))
        l->args[p.slot] = pointer;
      else if (auto *c = std::get_if<LibraryCall>(&steps_[p.step]); p.slot == kWorkspaceSlot)
        c->workspace = pointer;
      else
        c->operands[p.slot].pointer = pointer;
    }
    list_.functions[func.getSymName().str()] = std::move(steps_);
    return success();
  }

private:
  /// A pointer to a temporary, known once temporaries are placed: step's
  /// argument (a launch) or operand (a library call) `slot`, `delta` bytes
  /// into the buffer.
  struct Pending {
    size_t step, slot;
    int buffer;
    uint64_t delta = 0;
  };
  static constexpr size_t kWorkspaceSlot = ~size_t(0);

  View identity(int buffer, MemRefType type) {
    View v;
    v.buffer = buffer;
    v.sizes.assign(type.getShape().begin(), type.getShape().end());
    v.strides.assign(v.sizes.size(), 1);
    for (int64_t i = int64_t(v.sizes.size()) - 2; i >= 0; --i)
      v.strides[i] = v.strides[i + 1] * v.sizes[i + 1];
    return v;
  }

  InFlightDiagnostic hostError(Operation *op) {
    std::string from = origin(op->getLoc());
    auto diag = op->emitError(target_) << ": host code left on the device's data: '"
                << op->getName() << "'";
    if (!from.empty())
      diag << " (from '" << from << "')";
    diag << "; every computation of a step must run in a kernel";
    return diag;
  }

  FailureOr<Scalar> scalar(Operation *user, Value v) {
    auto it = env_.find(v);
    if (it == env_.end() || !std::holds_alternative<Scalar>(it->second)) {
      if (Operation *def = v.getDefiningOp())
        return hostError(def);
      return user->emitOpError("reads a value the launch list cannot evaluate");
    }
    return std::get<Scalar>(it->second);
  }

  FailureOr<View> view(Operation *user, Value v) {
    auto it = env_.find(v);
    if (it == env_.end() || !std::holds_alternative<View>(it->second)) {
      if (Operation *def = v.getDefiningOp())
        return hostError(def);
      return user->emitOpError("reads a buffer the launch list does not know");
    }
    return std::get<View>(it->second);
  }

  FailureOr<SmallVector<int64_t>> values(Operation *op, ArrayRef<OpFoldResult> mixed) {
    SmallVector<int64_t> out;
    for (OpFoldResult f : mixed) {
      if (auto attr = dyn_cast<Attribute>(f)) {
        out.push_back(cast<IntegerAttr>(attr).getInt());
        continue;
      }
      FailureOr<Scalar> s = scalar(op, cast<Value>(f));
      if (failed(s))
        return failure();
      out.push_back(*s);
    }
    return out;
  }

  LogicalResult runBlock(Block &block) {
    for (Operation &op : block)
      if (failed(runOp(&op)))
        return failure();
    return success();
  }

  LogicalResult integerOp(Operation *op) {
    SmallVector<int64_t> in;
    for (Value v : op->getOperands()) {
      FailureOr<Scalar> s = scalar(op, v);
      if (failed(s))
        return failure();
      in.push_back(*s);
    }
    auto u = [](int64_t x) { return uint64_t(x); };
    int64_t r = 0;
    if (isa<arith::AddIOp>(op)) r = in[0] + in[1];
    else if (isa<arith::SubIOp>(op)) r = in[0] - in[1];
    else if (isa<arith::MulIOp>(op)) r = in[0] * in[1];
    else if (isa<arith::DivUIOp, arith::DivSIOp, arith::RemUIOp, arith::RemSIOp,
                 arith::CeilDivSIOp, arith::FloorDivSIOp>(op) && in[1] == 0)
      return op->emitOpError("divides by zero in the launch list");
    else if (isa<arith::DivUIOp>(op)) r = int64_t(u(in[0]) / u(in[1]));
    else if (isa<arith::DivSIOp>(op)) r = in[0] / in[1];
    else if (isa<arith::RemUIOp>(op)) r = int64_t(u(in[0]) % u(in[1]));
    else if (isa<arith::RemSIOp>(op)) r = in[0] % in[1];
    else if (isa<arith::CeilDivSIOp>(op)) r = (in[0] + in[1] - 1) / in[1];
    else if (isa<arith::FloorDivSIOp>(op)) r = in[0] / in[1] - ((in[0] % in[1]) && ((in[0] < 0) != (in[1] < 0)));
    else if (isa<arith::MinSIOp>(op)) r = std::min(in[0], in[1]);
    else if (isa<arith::MaxSIOp>(op)) r = std::max(in[0], in[1]);
    else if (isa<arith::MinUIOp>(op)) r = int64_t(std::min(u(in[0]), u(in[1])));
    else if (isa<arith::MaxUIOp>(op)) r = int64_t(std::max(u(in[0]), u(in[1])));
    else if (isa<arith::AndIOp>(op)) r = in[0] & in[1];
    else if (isa<arith::OrIOp>(op)) r = in[0] | in[1];
    else if (isa<arith::XOrIOp>(op)) r = in[0] ^ in[1];
    else if (isa<arith::SelectOp>(op)) r = in[0] ? in[1] : in[2];
    else if (isa<arith::IndexCastOp, arith::IndexCastUIOp, arith::ExtSIOp, arith::ExtUIOp,
                 arith::TruncIOp>(op)) r = in[0];
    else if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
      using P = arith::CmpIPredicate;
      switch (cmp.getPredicate()) {
      case P::eq: r = in[0] == in[1]; break;
      case P::ne: r = in[0] != in[1]; break;
      case P::slt: r = in[0] < in[1]; break;
      case P::sle: r = in[0] <= in[1]; break;
      case P::sgt: r = in[0] > in[1]; break;
      case P::sge: r = in[0] >= in[1]; break;
      case P::ult: r = u(in[0]) < u(in[1]); break;
      case P::ule: r = u(in[0]) <= u(in[1]); break;
      case P::ugt: r = u(in[0]) > u(in[1]); break;
      case P::uge: r = u(in[0]) >= u(in[1]); break;
      }
    } else {
      return hostError(op);
    }
    env_[op->getResult(0)] = r;
    return success();
  }

  LogicalResult runOp(Operation *op) {
    if (isa<func::ReturnOp, scf::YieldOp>(op))
      return success();
    if (auto c = dyn_cast<arith::ConstantOp>(op)) {
      if (auto i = dyn_cast<IntegerAttr>(c.getValue()))
        env_[c.getResult()] = i.getValue().getSExtValue();
      // Other constants belong to kernels, which carry their own copies.
      return success();
    }
    if (op->getDialect() == op->getContext()->getLoadedDialect<arith::ArithDialect>() &&
        op->getNumResults() == 1 &&
        (op->getResult(0).getType().isIntOrIndex()) &&
        llvm::all_of(op->getOperandTypes(), [](Type t) { return t.isIntOrIndex(); })) {
      if (op->getResult(0).use_empty())
        return success();
      return integerOp(op);
    }
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity())
        return alloc.emitOpError("needs a static, row-major shape for the launch list");
      Buffer b;
      b.temporary = true;
      b.bytes = type.getNumElements() * std::max<int64_t>(type.getElementTypeBitWidth() / 8, 1);
      buffers_.push_back(b);
      env_[alloc.getResult()] = identity(int(buffers_.size() - 1), type);
      return success();
    }
    if (isa<memref::DeallocOp>(op))
      return success();
    if (auto sub = dyn_cast<memref::SubViewOp>(op)) {
      FailureOr<View> src = view(op, sub.getSource());
      FailureOr<SmallVector<int64_t>> offsets = values(op, sub.getMixedOffsets());
      FailureOr<SmallVector<int64_t>> sizes = values(op, sub.getMixedSizes());
      FailureOr<SmallVector<int64_t>> strides = values(op, sub.getMixedStrides());
      if (failed(src) || failed(offsets) || failed(sizes) || failed(strides))
        return failure();
      View v;
      v.buffer = src->buffer;
      v.offset = src->offset;
      llvm::SmallBitVector dropped = sub.getDroppedDims();
      for (size_t d = 0; d < sizes->size(); ++d) {
        v.offset += (*offsets)[d] * src->strides[d];
        if (dropped.test(d))
          continue;
        v.sizes.push_back((*sizes)[d]);
        v.strides.push_back((*strides)[d] * src->strides[d]);
      }
      env_[sub.getResult()] = v;
      return success();
    }
    if (auto collapse = dyn_cast<memref::CollapseShapeOp>(op)) {
      FailureOr<View> src = view(op, collapse.getSrc());
      if (failed(src))
        return failure();
      View v;
      v.buffer = src->buffer;
      v.offset = src->offset;
      for (const ReassociationIndices &group : collapse.getReassociationIndices()) {
        int64_t size = 1;
        for (size_t k = 0; k < group.size(); ++k) {
          size *= src->sizes[group[k]];
          if (k + 1 < group.size() &&
              src->strides[group[k]] != src->strides[group[k + 1]] * src->sizes[group[k + 1]] &&
              src->sizes[group[k]] != 1)
            return op->emitOpError("collapses dimensions that are not contiguous");
        }
        v.sizes.push_back(size);
        v.strides.push_back(src->strides[group.back()]);
      }
      env_[collapse.getResult()] = v;
      return success();
    }
    if (auto expand = dyn_cast<memref::ExpandShapeOp>(op)) {
      FailureOr<View> src = view(op, expand.getSrc());
      if (failed(src))
        return failure();
      MemRefType type = expand.getResultType();
      if (!type.hasStaticShape())
        return op->emitOpError("needs a static shape for the launch list");
      View v;
      v.buffer = src->buffer;
      v.offset = src->offset;
      v.sizes.assign(type.getShape().begin(), type.getShape().end());
      v.strides.assign(v.sizes.size(), 0);
      for (auto [d, group] : llvm::enumerate(expand.getReassociationIndices())) {
        int64_t stride = src->strides[d];
        for (size_t k = group.size(); k-- > 0;) {
          v.strides[group[k]] = stride;
          stride *= v.sizes[group[k]];
        }
      }
      env_[expand.getResult()] = v;
      return success();
    }
    if (auto cast = dyn_cast<memref::CastOp>(op)) {
      FailureOr<View> src = view(op, cast.getSource());
      if (failed(src))
        return failure();
      env_[cast.getResult()] = *src;
      return success();
    }
    if (auto reinterpret = dyn_cast<memref::ReinterpretCastOp>(op)) {
      FailureOr<View> src = view(op, reinterpret.getSource());
      FailureOr<SmallVector<int64_t>> offsets = values(op, reinterpret.getMixedOffsets());
      FailureOr<SmallVector<int64_t>> sizes = values(op, reinterpret.getMixedSizes());
      FailureOr<SmallVector<int64_t>> strides = values(op, reinterpret.getMixedStrides());
      if (failed(src) || failed(offsets) || failed(sizes) || failed(strides))
        return failure();
      View v;
      v.buffer = src->buffer;
      v.offset = (*offsets)[0];
      v.sizes = *sizes;
      v.strides = *strides;
      env_[reinterpret.getResult()] = v;
      return success();
    }
    if (auto loop = dyn_cast<scf::ForOp>(op))
      return runFor(loop);
    if (auto branch = dyn_cast<scf::IfOp>(op)) {
      FailureOr<Scalar> c = scalar(op, branch.getCondition());
      if (failed(c))
        return failure();
      if (branch.getNumResults() != 0)
        return hostError(op);
      if (*c)
        return runBlock(branch.getThenRegion().front());
      return branch.getElseRegion().empty() ? success()
                                            : runBlock(branch.getElseRegion().front());
    }
    if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op))
      return record(launch);
    if (auto fallback = dyn_cast<FallbackOp>(op))
      return recordFallback(fallback);
    if (isa<DlcCudaDialect>(op->getDialect()))
      return recordLibrary(op);
    return hostError(op);
  }

  LogicalResult runFor(scf::ForOp loop) {
    FailureOr<Scalar> lb = scalar(loop, loop.getLowerBound());
    FailureOr<Scalar> ub = scalar(loop, loop.getUpperBound());
    FailureOr<Scalar> step = scalar(loop, loop.getStep());
    if (failed(lb) || failed(ub) || failed(step))
      return failure();
    if (*step <= 0)
      return loop.emitOpError("has a non-positive step in the launch list");
    SmallVector<Val> carried;
    for (Value init : loop.getInitArgs()) {
      auto it = env_.find(init);
      if (it == env_.end())
        return hostError(init.getDefiningOp() ? init.getDefiningOp() : loop.getOperation());
      carried.push_back(it->second);
    }
    Block &body = *loop.getBody();
    auto yield = cast<scf::YieldOp>(body.getTerminator());
    for (int64_t iv = *lb; iv < *ub; iv += *step) {
      env_[loop.getInductionVar()] = iv;
      for (auto [arg, v] : llvm::zip(loop.getRegionIterArgs(), carried))
        env_[arg] = v;
      if (failed(runBlock(body)))
        return failure();
      for (auto [i, v] : llvm::enumerate(yield.getOperands())) {
        auto it = env_.find(v);
        if (it == env_.end())
          return hostError(v.getDefiningOp() ? v.getDefiningOp() : loop.getOperation());
        carried[i] = it->second;
      }
    }
    for (auto [result, v] : llvm::zip(loop.getResults(), carried))
      env_[result] = v;
    return success();
  }

  LogicalResult record(gpu::LaunchFuncOp launch) {
    FailureOr<unsigned> kernel = kernelOf(launch);
    if (failed(kernel))
      return failure();
    Launch l;
    l.kernel = *kernel;
    gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
    gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
    Value dims[] = {grid.x, grid.y, grid.z, block.x, block.y, block.z};
    for (int i = 0; i < 6; ++i) {
      FailureOr<Scalar> s = scalar(launch, dims[i]);
      if (failed(s))
        return failure();
      (i < 3 ? l.grid : l.block)[i % 3] = *s;
    }
    if (launch.getDynamicSharedMemorySize())
      return launch.emitOpError("asks for dynamic shared memory, which launch lists do not carry");
    const size_t index = steps_.size();
    for (Value operand : launch.getKernelOperands()) {
      if (isa<MemRefType>(operand.getType())) {
        FailureOr<View> v = view(launch, operand);
        if (failed(v))
          return failure();
        Buffer &buf = buffers_[v->buffer];
        if (buf.firstUse < 0)
          buf.firstUse = int(index);
        buf.lastUse = int(index);
        for (int k = 0; k < 2; ++k) {
          if (buf.temporary)
            pending_.push_back({index, l.args.size(), v->buffer});
          l.args.push_back(buf.temporary ? 0 : abi::encodePointer(buf.region, buf.base));
        }
        l.args.push_back(uint64_t(v->offset));
        for (int64_t s : v->sizes)
          l.args.push_back(uint64_t(s));
        for (int64_t s : v->strides)
          l.args.push_back(uint64_t(s));
        continue;
      }
      FailureOr<Scalar> s = scalar(launch, operand);
      if (failed(s))
        return failure();
      l.args.push_back(uint64_t(*s));
    }
    steps_.push_back(std::move(l));
    return success();
  }

  /// The steps of `fallback`, each marked as the fallback of the library
  /// call recorded just before it.
  LogicalResult recordFallback(FallbackOp fallback) {
    if (steps_.empty() || !std::holds_alternative<LibraryCall>(steps_.back()) || inFallback_)
      return fallback.emitOpError("does not follow a library call of the launch list");
    const int call = int(steps_.size() - 1);
    const size_t first = steps_.size();
    inFallback_ = true;
    LogicalResult ran = runBlock(fallback.getBody().front());
    inFallback_ = false;
    if (failed(ran))
      return failure();
    if (steps_.size() == first)
      return fallback.emitOpError("has no steps");
    for (size_t i = first; i < steps_.size(); ++i)
      std::visit([&](auto &s) { s.fallbackOf = call; }, steps_[i]);
    return success();
  }

  /// A pointer to element `offset` (in elements of `bytes`) of `view`'s
  /// buffer for step `step`'s slot `slot`.
  uint64_t pointerTo(int buffer, uint64_t byteOffset, size_t step, size_t slot) {
    Buffer &buf = buffers_[buffer];
    if (buf.firstUse < 0)
      buf.firstUse = int(step);
    buf.lastUse = int(step);
    if (buf.temporary) {
      pending_.push_back({step, slot, buffer, byteOffset});
      return 0;
    }
    return abi::encodePointer(buf.region, buf.base + byteOffset);
  }

  LogicalResult recordLibrary(Operation *op) {
    const size_t index = steps_.size();
    LibraryCall call;
    call.layer = origin(op->getLoc());
    call.key = opKeyOf(op->getLoc());
    Builder b(op->getContext());
    auto operand = [&](llvm::StringRef role, Value v) -> LogicalResult {
      FailureOr<View> view = this->view(op, v);
      if (failed(view))
        return failure();
      auto type = cast<MemRefType>(v.getType());
      const uint64_t elementBytes = type.getElementTypeBitWidth() / 8;
      LibraryOperand o;
      o.role = role.str();
      o.shape.assign(view->sizes.begin(), view->sizes.end());
      o.strides.assign(view->strides.begin(), view->strides.end());
      o.pointer = pointerTo(view->buffer, uint64_t(view->offset) * elementBytes, index,
                            call.operands.size());
      call.operands.push_back(std::move(o));
      return success();
    };
    auto convolution = [&](auto conv, const char *name, const char *r0, const char *r1,
                           const char *out) -> LogicalResult {
      call.call = name;
      if (failed(operand(r0, conv.getInput0())) || failed(operand(r1, conv.getInput1())) ||
          failed(operand(out, conv.getOutput())))
        return failure();
      call.attributes = {{"pre_padding", std::vector<int64_t>(conv.getPrePadding())},
                         {"post_padding", std::vector<int64_t>(conv.getPostPadding())},
                         {"strides", std::vector<int64_t>(conv.getStrides())},
                         {"dilations", std::vector<int64_t>(conv.getDilations())},
                         {"accumulate", conv.getAccumulate()}};
      return success();
    };
    LogicalResult read = failure();
    if (auto gemm = dyn_cast<GemmOp>(op)) {
      call.call = "cublaslt.gemm";
      read = success(succeeded(operand("a", gemm.getA())) && succeeded(operand("b", gemm.getB())) &&
                     (!gemm.getBias() || succeeded(operand("bias", gemm.getBias()))) &&
                     succeeded(operand("c", gemm.getC())) &&
                     (!gemm.getBiasGrad() || succeeded(operand("bias_grad", gemm.getBiasGrad()))));
      call.attributes = {{"transpose_a", gemm.getTransposeA()},
                         {"transpose_b", gemm.getTransposeB()},
                         {"accumulate", gemm.getAccumulate()},
                         {"epilogue", gemm.getEpilogue().str()}};
    } else if (auto conv = dyn_cast<Conv2DForwardOp>(op)) {
      read = convolution(conv, "cudnn.conv2d_forward", "x", "w", "y");
    } else if (auto conv = dyn_cast<Conv2DBiasActivationOp>(op)) {
      read = convolution(conv, "cudnn.conv2d_bias_activation", "x", "w", "y");
      if (succeeded(read))
        read = operand("bias", conv.getBias());
      call.attributes["activation"] = conv.getActivation().str();
    } else if (auto conv = dyn_cast<Conv2DBackwardDataOp>(op)) {
      read = convolution(conv, "cudnn.conv2d_backward_data", "dy", "w", "dx");
    } else if (auto conv = dyn_cast<Conv2DBackwardFilterOp>(op)) {
      read = convolution(conv, "cudnn.conv2d_backward_filter", "x", "dy", "dw");
    } else if (auto rnn = dyn_cast<RnnForwardOp>(op)) {
      call.call = "cudnn.rnn_forward";
      read = success(succeeded(operand("x", rnn.getX())) && succeeded(operand("w", rnn.getW())) &&
                     succeeded(operand("seq_lengths", rnn.getSeqLengths())) &&
                     succeeded(operand("y", rnn.getY())) &&
                     (!rnn.getReserve() || succeeded(operand("reserve", rnn.getReserve()))));
      call.attributes = {{"cell", rnn.getCell().str()}, {"training", bool(rnn.getReserve())}};
    } else if (auto rnn = dyn_cast<RnnBackwardDataOp>(op)) {
      call.call = "cudnn.rnn_backward_data";
      read = success(succeeded(operand("y", rnn.getY())) && succeeded(operand("dy", rnn.getDy())) &&
                     succeeded(operand("w", rnn.getW())) &&
                     succeeded(operand("seq_lengths", rnn.getSeqLengths())) &&
                     succeeded(operand("dx", rnn.getDx())) &&
                     succeeded(operand("reserve", rnn.getReserve())));
      call.attributes = {{"cell", rnn.getCell().str()}};
    } else if (auto rnn = dyn_cast<RnnBackwardWeightsOp>(op)) {
      call.call = "cudnn.rnn_backward_weights";
      read = success(succeeded(operand("x", rnn.getX())) && succeeded(operand("y", rnn.getY())) &&
                     succeeded(operand("seq_lengths", rnn.getSeqLengths())) &&
                     succeeded(operand("reserve", rnn.getReserve())) &&
                     succeeded(operand("dw", rnn.getDw())));
      call.attributes = {{"cell", rnn.getCell().str()}};
    } else {
      return op->emitOpError("is a library call the launch list does not know");
    }
    if (failed(read))
      return failure();
    // cuDNN's RNN reads and writes densely packed tensors only (bufferization
    // copies strided inputs; an output is always a fresh buffer).
    if (isa<RnnForwardOp, RnnBackwardDataOp, RnnBackwardWeightsOp>(op))
      for (const LibraryOperand &o : call.operands)
        if (!abi::isDenselyPacked(o.shape, o.strides))
          return op->emitOpError("operand '")
                 << o.role << "' is not densely packed; cuDNN's RNN needs it to be";
    if (op->getNumResults() != 0)
      return op->emitOpError("is still on tensors; the launch list needs buffers");
    // One workspace per function, shared by its library calls in turn: 64
    // MiB, or what the largest RNN call may need (set on every call once
    // the function is evaluated).
    if (workspace_ < 0) {
      Buffer w;
      w.temporary = true;
      w.bytes = kLibraryWorkspaceBytes;
      buffers_.push_back(w);
      workspace_ = int(buffers_.size() - 1);
    }
    if (auto bytes = op->getAttrOfType<IntegerAttr>("workspace_bytes"))
      buffers_[workspace_].bytes =
          std::max<uint64_t>(buffers_[workspace_].bytes, uint64_t(bytes.getInt()));
    call.workspace = pointerTo(workspace_, 0, index, kWorkspaceSlot);
    steps_.push_back(std::move(call));
    return success();
  }

  ModuleOp module_;
  LaunchList &list_;
  std::string target_;
  llvm::DenseMap<Attribute, unsigned> kernelIndex_;
  std::vector<Buffer> buffers_;
  llvm::DenseMap<Value, Val> env_;
  std::vector<Step> steps_;
  std::vector<Pending> pending_;
  int workspace_ = -1; ///< the buffer of this function's library workspace
  bool inFallback_ = false;
};

} // namespace

FailureOr<LaunchList> buildLaunchList(ModuleOp module, ArrayRef<StringRef> functions,
                                      const std::map<std::string, std::vector<ArgumentPlace>> &arguments,
                                      StringRef target) {
  LaunchList list;
  Interpreter interpreter(module, list, target);
  for (StringRef name : functions) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func)
      return module.emitError("cuda: no @") << name << " to build a launch list for";
    auto places = arguments.find(name.str());
    if (places == arguments.end())
      return module.emitError("cuda: no argument plan for @") << name;
    if (failed(interpreter.runFunction(func, places->second)))
      return failure();
  }
  return list;
}

} // namespace dlc::cuda
