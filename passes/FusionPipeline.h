// The dlc-level fusion passes as one selectable group: what `--fusion=`
// names, and the order a target runs them in.
#ifndef DLC_PASSES_FUSIONPIPELINE_H
#define DLC_PASSES_FUSIONPIPELINE_H

#include "mlir/Pass/PassManager.h"

#include "llvm/Support/Error.h"

#include <string>

namespace dlc {

/// A set of fusion passes, by the names `--fusion=` takes (the pass flag
/// without `dlc-fuse-`): dense-bias-act, conv-bias-act, lstm-step,
/// optimizer-update.
class FusionSet;
void addFusionPasses(mlir::OpPassManager &pm, FusionSet set);

class FusionSet {
public:
  /// Every fusion pass (the default of every target that fuses).
  static FusionSet all();
  static FusionSet none() { return FusionSet(0); }
  /// "all", "none" or a comma-separated list of names; an unknown name is
  /// an error listing the known ones.
  static llvm::Expected<FusionSet> parse(llvm::StringRef spec);

  bool contains(llvm::StringRef name) const;
  /// "all", "none" or the names, comma-separated, in pipeline order.
  std::string str() const;
  /// The names this build has, in pipeline order.
  static llvm::ArrayRef<llvm::StringRef> names();

  bool operator==(const FusionSet &other) const { return bits == other.bits; }

private:
  friend void addFusionPasses(mlir::OpPassManager &pm, FusionSet set);
  explicit FusionSet(unsigned bits) : bits(bits) {}
  unsigned bits;
};

/// Adds the passes of `set`, each nested on every function, in pipeline order.
void addFusionPasses(mlir::OpPassManager &pm, FusionSet set);

} // namespace dlc

#endif // DLC_PASSES_FUSIONPIPELINE_H
