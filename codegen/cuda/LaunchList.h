// The CUDA targets' host code evaluated at compile time: what is left on the
// host after dlc-cuda-to-kernels (views, loops with static bounds, allocations,
// kernel launches) is run here, once, and every kernel launch it performs is
// recorded with its grid, block and arguments — the static launch list a bundle
// carries (abi/CudaAbi.h). Temporary buffers are placed in the arena region by
// the launches that use them, first fit, so buffers whose lifetimes do not
// overlap share bytes. Anything else on the host (arithmetic on data, a load
// of a tensor) is a compile-time error naming the dlc op it came from: a step
// never hides host work.
#ifndef DLC_CODEGEN_CUDA_LAUNCHLIST_H
#define DLC_CODEGEN_CUDA_LAUNCHLIST_H

#include "abi/ManifestSchema.h"

#include "mlir/IR/BuiltinOps.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace dlc::cuda {

/// Where an argument of an entry function lives.
struct ArgumentPlace {
  abi::Region region = abi::Region::Io;
  uint64_t offset = 0; ///< bytes from the region's start
};

struct KernelEntry {
  std::string name;
  std::string params; ///< one character per 64-bit parameter: 'p' pointer, 'u' value
  std::string op;     ///< what it computes (from its location), for reports
};

struct Launch {
  unsigned kernel = 0;
  std::array<int64_t, 3> grid{1, 1, 1}, block{1, 1, 1};
  std::vector<uint64_t> args; ///< pointers encoded with abi::encodePointer
};

struct LaunchList {
  std::vector<KernelEntry> kernels;
  std::map<std::string, std::vector<Launch>> functions;
  /// Bytes of the arena region the temporaries need (the largest function's).
  uint64_t workspaceBytes = 0;
};

/// Evaluates `functions` of `module` (dlc-cuda-to-kernels' output, or later:
/// the host side does not change), argument i of function f living at
/// `arguments.at(f)[i]`. Errors are diagnostics on the op left on the host.
mlir::FailureOr<LaunchList>
buildLaunchList(mlir::ModuleOp module, llvm::ArrayRef<llvm::StringRef> functions,
                const std::map<std::string, std::vector<ArgumentPlace>> &arguments);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_LAUNCHLIST_H
