// `dlc compile --emit=summary`: layers, output shapes and parameter counts of @forward.
#include "tools/dlc/ModelSummary.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"

#include <string>

using namespace mlir;

namespace dlc::tool {
namespace {
struct LayerRow {
  std::string name;
  std::string ops;
  std::string shape;
  int64_t params = 0;
};

std::string layerOf(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  return "<unnamed>";
}

std::string shapeText(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "?";
  std::string s = "(";
  for (auto [i, d] : llvm::enumerate(tensor.getShape()))
    s += (i ? ", " : "") + (ShapedType::isDynamic(d) ? std::string("?")
                                                    : std::to_string(d));
  return s + ")";
}

/// 669706 -> "669,706", as Keras prints counts.
std::string withThousands(int64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return out;
}
} // namespace

LogicalResult printModelSummary(ModuleOp module, llvm::raw_ostream &os) {
  auto forward = module.lookupSymbol<func::FuncOp>("forward");
  if (!forward)
    return module.emitError("module has no @forward function");
  // Rows in the order layers first appear.
  std::vector<LayerRow> layers;
  llvm::StringMap<size_t> rowOf;
  auto row = [&](const std::string &name) -> LayerRow & {
    auto [it, inserted] = rowOf.try_emplace(name, layers.size());
    if (inserted)
      layers.push_back(LayerRow{name, "", "", 0});
    return layers[it->second];
  };
  // Only the function's top-level ops: a time_distributed body belongs to
  // its wrapper layer.
  for (Operation &op : forward.getBody().front().without_terminator()) {
    LayerRow &r = row(layerOf(op.getLoc()));
    r.ops += (r.ops.empty() ? "" : ",") + op.getName().stripDialect().str();
    if (op.getNumResults())
      r.shape = shapeText(op.getResult(0).getType());
  }
  int64_t total = 0;
  for (unsigned i = 0; i < forward.getNumArguments(); ++i) {
    auto param = forward.getArgAttrOfType<StringAttr>(i, "dlc.param");
    if (!param)
      continue;
    auto type = cast<RankedTensorType>(forward.getArgument(i).getType());
    int64_t n = type.getNumElements();
    total += n;
    std::string layer = param.getValue().split('/').first.str();
    row(layer).params += n;
  }
  std::string name = "model";
  if (auto model = module->getAttrOfType<DictionaryAttr>("dlc.model"))
    if (auto n = model.getAs<StringAttr>("name"))
      name = n.getValue().str();
  os << "Model: \"" << name << "\"\n";
  const char *rowFormat = "{0,-28} {1,-34} {2,-20} {3}\n";
  os << llvm::formatv(rowFormat, "Layer", "dlc ops", "Output shape", "Param #");
  os << std::string(96, '=') << "\n";
  for (const LayerRow &r : layers)
    os << llvm::formatv(rowFormat, r.name, r.ops, r.shape,
                        withThousands(r.params));
  os << std::string(96, '=') << "\n";
  os << "Total params: " << withThousands(total) << "\n";
  return success();
}

} // namespace dlc::tool
