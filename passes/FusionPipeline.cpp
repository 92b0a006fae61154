// The fusion passes by name and in pipeline order (see FusionPipeline.h).
#include "passes/FusionPipeline.h"
#include "passes/Passes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace dlc {
namespace {
struct Entry {
  llvm::StringRef name;
  std::unique_ptr<mlir::Pass> (*create)();
};

/// Pipeline order: the activations fuse into their producers first, the
/// optimizer updates (which read only gradients and state) last.
const Entry kFusions[] = {
    {"dense-bias-act", [] { return createDlcFuseDenseBiasAct(); }},
    {"conv-bias-act", [] { return createDlcFuseConvBiasAct(); }},
    {"lstm-step", [] { return createDlcFuseLstmStep(); }},
    {"optimizer-update", [] { return createDlcFuseOptimizerUpdate(); }},
};
constexpr unsigned kCount = std::size(kFusions);

int indexOf(llvm::StringRef name) {
  for (unsigned i = 0; i < kCount; ++i)
    if (kFusions[i].name == name)
      return int(i);
  return -1;
}
} // namespace

FusionSet FusionSet::all() { return FusionSet((1u << kCount) - 1); }

llvm::ArrayRef<llvm::StringRef> FusionSet::names() {
  static const auto list = [] {
    llvm::SmallVector<llvm::StringRef> v;
    for (const Entry &e : kFusions)
      v.push_back(e.name);
    return v;
  }();
  return list;
}

llvm::Expected<FusionSet> FusionSet::parse(llvm::StringRef spec) {
  spec = spec.trim();
  if (spec == "all")
    return all();
  if (spec == "none" || spec.empty())
    return none();
  unsigned bits = 0;
  llvm::SmallVector<llvm::StringRef> parts;
  spec.split(parts, ',');
  for (llvm::StringRef part : parts) {
    int i = indexOf(part.trim());
    if (i < 0)
      return llvm::createStringError(
          "unknown fusion '" + part.trim().str() + "'; expected all, none or a list of: " +
          llvm::join(names(), ", "));
    bits |= 1u << i;
  }
  return FusionSet(bits);
}

bool FusionSet::contains(llvm::StringRef name) const {
  int i = indexOf(name);
  return i >= 0 && (bits >> i & 1u);
}

std::string FusionSet::str() const {
  if (*this == all())
    return "all";
  if (bits == 0)
    return "none";
  llvm::SmallVector<llvm::StringRef> on;
  for (unsigned i = 0; i < kCount; ++i)
    if (bits >> i & 1u)
      on.push_back(kFusions[i].name);
  return llvm::join(on, ",");
}

void addFusionPasses(mlir::OpPassManager &pm, FusionSet set) {
  for (unsigned i = 0; i < kCount; ++i)
    if (set.bits >> i & 1u)
      pm.addNestedPass<mlir::func::FuncOp>(kFusions[i].create());
}

} // namespace dlc
