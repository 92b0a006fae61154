// The CUDA targets' host code evaluated at compile time: what is left on the
// host after dlc-cuda-to-kernels (views, loops with static bounds, allocations,
// kernel launches) is run here, once, and every kernel launch it performs is
// recorded with its grid, block and arguments — the static launch list a bundle
// carries (abi/CudaAbi.h). Temporary buffers are placed in the arena region by
// the launches that use them, first fit, so buffers whose lifetimes do not
// overlap share bytes. Anything else on the host (arithmetic on data, a load
// of a tensor) is a compile-time error naming the dlc op it came from: a step
// never hides host work. A dlc_cuda library call (cuBLASLt, cuDNN) is
// recorded in the same list, in order, as a library step: its operands as
// pointers with shapes and strides, its attributes, and a workspace in the
// arena that every library call of the function shares (they run one after
// another on one stream).
#ifndef DLC_CODEGEN_CUDA_LAUNCHLIST_H
#define DLC_CODEGEN_CUDA_LAUNCHLIST_H

#include "abi/ManifestSchema.h"

#include "mlir/IR/BuiltinOps.h"

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <string>
#include <variant>
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
  std::string key;    ///< the op key of a library pass's op (opKeyOf), or ""
};

struct Launch {
  unsigned kernel = 0;
  std::array<int64_t, 3> grid{1, 1, 1}, block{1, 1, 1};
  std::vector<uint64_t> args; ///< pointers encoded with abi::encodePointer
  /// The index of the fused library call this launch is part of the
  /// fallback of (a dlc_cuda.fallback), or -1 for a step of the function.
  int fallbackOf = -1;
};

/// A tensor a library call reads or writes: a strided view in elements.
struct LibraryOperand {
  std::string role;     ///< the call's name for it: "a", "b", "bias", "c", "x", "w", "y"
  uint64_t pointer = 0; ///< element 0, encoded with abi::encodePointer
  std::vector<int64_t> shape, strides;
};

/// The arena bytes every function's library calls share as workspace.
inline constexpr uint64_t kLibraryWorkspaceBytes = uint64_t(64) << 20;

struct LibraryCall {
  std::string call;  ///< "cublaslt.gemm", "cudnn.conv2d_forward", ...
  std::string layer; ///< the dlc op it computes, for reports and errors
  std::string key;   ///< the op key (opKeyOf): the op and its shapes
  std::vector<LibraryOperand> operands;
  nlohmann::json attributes = nlohmann::json::object();
  uint64_t workspace = 0; ///< encoded pointer
  uint64_t workspaceBytes = 0;
  int fallbackOf = -1; ///< as Launch::fallbackOf
};

/// One step of a function: a kernel launch or a library call. A fused
/// library call that a device may be unable to run (dlc_cuda.fallback) is
/// followed by the steps that replace it then, each with `fallbackOf` its
/// index; the manifest nests them in the call's "fallback".
using Step = std::variant<Launch, LibraryCall>;

/// The fused call a step is the fallback of, or -1.
inline int fallbackOf(const Step &step) {
  return std::visit([](const auto &s) { return s.fallbackOf; }, step);
}

struct LaunchList {
  std::vector<KernelEntry> kernels;
  std::map<std::string, std::vector<Step>> functions;
  /// Bytes of the arena region the temporaries need (the largest function's).
  uint64_t workspaceBytes = 0;
};

/// Evaluates `functions` of `module` (dlc-cuda-to-kernels' output, or later:
/// the host side does not change), argument i of function f living at
/// `arguments.at(f)[i]`. Errors are diagnostics on the op left on the host,
/// naming `target`.
mlir::FailureOr<LaunchList>
buildLaunchList(mlir::ModuleOp module, llvm::ArrayRef<llvm::StringRef> functions,
                const std::map<std::string, std::vector<ArgumentPlace>> &arguments,
                llvm::StringRef target = "cuda-ptx");

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_LAUNCHLIST_H
