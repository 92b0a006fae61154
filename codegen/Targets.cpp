// The list of code-generation targets this build of dlc offers.
#include "codegen/Target.h"

#include "abi/Targets.h"

#include <cassert>

namespace dlc {

std::unique_ptr<Target> createCpuRefTarget();
std::unique_ptr<Target> createCpuTarget();

const std::vector<std::unique_ptr<Target>> &allTargets() {
  static const std::vector<std::unique_ptr<Target>> targets = [] {
    std::vector<std::unique_ptr<Target>> list;
    list.push_back(createCpuRefTarget());
    list.push_back(createCpuTarget());
    for (const auto &target : list)
      assert(abi::findTarget(target->name().str()) &&
             "every target is in the contract's list (abi/Targets.h)");
    return list;
  }();
  return targets;
}

const Target *lookupTarget(llvm::StringRef name) {
  for (const auto &target : allTargets())
    if (target->name() == name)
      return target.get();
  return nullptr;
}

} // namespace dlc
