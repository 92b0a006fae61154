// Static memory planning: state and io tensors shared by name, arena temporaries by liveness.
#include "codegen/common/BufferPlan.h"

#include "mlir/IR/Operation.h"

#include <algorithm>

using namespace mlir;

namespace dlc {

uint64_t PlannedTensor::bytes() const {
  uint64_t elementBytes = (type.getElementTypeBitWidth() + 7) / 8;
  return static_cast<uint64_t>(type.getNumElements()) * elementBytes;
}

static uint64_t alignUp(uint64_t n) {
  return (n + BufferPlan::kAlignment - 1) / BufferPlan::kAlignment *
         BufferPlan::kAlignment;
}

int BufferPlan::sharedTensor(StringRef key, PlannedTensor tensor) {
  auto it = shared_.find(key);
  if (it != shared_.end())
    return it->second;
  uint64_t &end = regionBytes_[static_cast<int>(tensor.region)];
  tensor.offset = end;
  end = alignUp(end + tensor.bytes());
  tensors_.push_back(std::move(tensor));
  shared_[key] = tensors_.size() - 1;
  return tensors_.size() - 1;
}

namespace {
/// Where an argument or result with these attributes lives.
struct Placement {
  std::string key, name;
  abi::Role role;
  abi::Region region;
};

std::optional<Placement> placementOf(DictionaryAttr attrs) {
  if (!attrs)
    return std::nullopt;
  if (auto p = attrs.getAs<StringAttr>("dlc.param"))
    return Placement{"param:" + p.str(), p.str(), abi::Role::Param, abi::Region::State};
  if (auto s = attrs.getAs<StringAttr>("dlc.slot"))
    return Placement{"slot:" + s.str(), s.str(), abi::Role::Slot, abi::Region::State};
  if (attrs.get("dlc.iterations"))
    return Placement{"iterations", "iterations", abi::Role::Iterations, abi::Region::State};
  if (auto i = attrs.getAs<StringAttr>("dlc.input"))
    return Placement{"input:" + i.str(), i.str(), abi::Role::Input, abi::Region::Io};
  if (attrs.get("dlc.labels"))
    return Placement{"labels", "labels", abi::Role::Label, abi::Region::Io};
  if (attrs.get("dlc.loss"))
    return Placement{"loss", "loss", abi::Role::Loss, abi::Region::Io};
  if (attrs.get("dlc.correct"))
    return Placement{"correct", "correct", abi::Role::Correct, abi::Region::Io};
  if (auto o = attrs.getAs<StringAttr>("dlc.output"))
    return Placement{"output:" + o.str(), o.str(), abi::Role::Output, abi::Region::Io};
  return std::nullopt;
}

std::string nameOf(Operation *op, unsigned index, unsigned result) {
  std::string layer = "value";
  if (auto name = dyn_cast<NameLoc>(op->getLoc()))
    layer = name.getName().str();
  return layer + "/" + op->getName().stripDialect().str() + "#" +
         std::to_string(index) + (result ? "." + std::to_string(result) : "");
}
} // namespace

LogicalResult BufferPlan::planFunction(func::FuncOp func) {
  Block &block = func.getBody().front();
  for (BlockArgument arg : block.getArguments()) {
    auto placement = placementOf(func.getArgAttrDict(arg.getArgNumber()));
    if (!placement)
      return func.emitError("buffer planning: argument ")
             << arg.getArgNumber() << " of @" << func.getSymName()
             << " has no dlc role (dlc.param, dlc.slot, dlc.input, ...)";
    PlannedTensor t{placement->name, placement->role, placement->region,
                    cast<RankedTensorType>(arg.getType())};
    if (placement->role == abi::Role::Param)
      t.init = func.getArgAttrOfType<DictionaryAttr>(arg.getArgNumber(), "dlc.init");
    valueTensor_[arg] = sharedTensor(placement->key, t);
  }

  // Results the function returns live in their state/io tensors directly.
  auto ret = cast<func::ReturnOp>(block.getTerminator());
  llvm::DenseMap<Value, Placement> returned;
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    auto placement = placementOf(func.getResultAttrDict(i));
    if (!placement)
      return func.emitError("buffer planning: result ")
             << i << " of @" << func.getSymName() << " has no dlc role";
    if (isa<BlockArgument>(v) || returned.count(v))
      return func.emitError("buffer planning: result ")
             << i << " of @" << func.getSymName()
             << " must be computed by an op of its own";
    returned[v] = *placement;
  }

  // Liveness: position of each op; a value lives until its last user.
  llvm::DenseMap<Operation *, unsigned> position;
  unsigned n = 0;
  for (Operation &op : block)
    position[&op] = n++;
  auto lastUse = [&](Value v) {
    unsigned last = 0;
    for (Operation *user : v.getUsers())
      last = std::max(last, position.lookup(user));
    return last;
  };

  struct Interval {
    unsigned start, end;
    int tensor;
  };
  std::vector<Interval> intervals;
  for (Operation &op : block.without_terminator()) {
    unsigned pos = position[&op];
    for (auto [r, result] : llvm::enumerate(op.getResults())) {
      auto type = dyn_cast<RankedTensorType>(result.getType());
      if (!type || !type.hasStaticShape())
        return op.emitOpError("buffer planning needs static tensor results");
      auto it = returned.find(result);
      if (it != returned.end()) {
        const Placement &p = it->second;
        PlannedTensor t{p.name, p.role, p.region, type};
        int index = sharedTensor(p.key, t);
        // Writing a state tensor in place: its old value (an argument) must
        // not be read after this op.
        for (BlockArgument arg : block.getArguments())
          if (valueTensor_.lookup(arg) == index && lastUse(arg) > pos)
            return op.emitOpError("buffer planning: overwrites '")
                   << p.name << "' while a later op still reads it";
        valueTensor_[result] = index;
        continue;
      }
      tensors_.push_back(PlannedTensor{nameOf(&op, pos, r), abi::Role::Temp,
                                       abi::Region::Arena, type});
      valueTensor_[result] = tensors_.size() - 1;
      // A result nobody reads still needs a buffer while its op runs.
      intervals.push_back({pos, std::max(pos, lastUse(result)),
                           static_cast<int>(tensors_.size() - 1)});
    }
  }

  // First fit over the buffers live at each start; a buffer whose last use
  // is op k is still live while op k writes its results.
  std::vector<Interval> active;
  uint64_t arenaEnd = 0;
  for (const Interval &in : intervals) {
    llvm::erase_if(active, [&](const Interval &a) { return a.end < in.start; });
    std::sort(active.begin(), active.end(), [&](const Interval &a, const Interval &b) {
      return tensors_[a.tensor].offset < tensors_[b.tensor].offset;
    });
    uint64_t size = alignUp(tensors_[in.tensor].bytes());
    uint64_t offset = 0;
    for (const Interval &a : active) {
      const PlannedTensor &t = tensors_[a.tensor];
      if (offset + size <= t.offset)
        break;
      offset = std::max(offset, alignUp(t.offset + t.bytes()));
    }
    tensors_[in.tensor].offset = offset;
    arenaEnd = std::max(arenaEnd, offset + size);
    active.push_back(in);
  }
  uint64_t &arena = regionBytes_[static_cast<int>(abi::Region::Arena)];
  arena = std::max(arena, arenaEnd);
  return success();
}

FailureOr<BufferPlan> BufferPlan::build(ModuleOp module,
                                        ArrayRef<StringRef> functions) {
  BufferPlan plan;
  for (StringRef name : functions) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func)
      return module.emitError("buffer planning: no @") << name << " function";
    if (failed(plan.planFunction(func)))
      return failure();
  }
  return plan;
}

} // namespace dlc
