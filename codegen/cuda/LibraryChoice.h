// Which CUDA path an op takes: a vendor library call (cuBLASLt, cuDNN) or a
// kernel dlc generates. `cuda-cudnn` calls the library for every op it has a
// call for; `cuda` decides per op by the default table below (no device is
// needed to compile, and none has measured these shapes: `dlc tune` is not
// implemented, see docs/cuda-cudnn.md); `cuda-ptx` never calls a library.
//
// Every decision is recorded on the module (`dlc.paths`, one entry per op and
// kind of work: layer, what, path, why) for `dlc compile --report`.
//
// The default table (`--target=cuda`):
//   convolution forward, backward data, backward filter  cuDNN
//   GEMM (dense layers, their gradients, recurrent       cuBLASLt when M·N·K ≥ 2^21,
//         projections and steps)                          else a generated kernel
//   everything else                                      a generated kernel
#ifndef DLC_CODEGEN_CUDA_LIBRARYCHOICE_H
#define DLC_CODEGEN_CUDA_LIBRARYCHOICE_H

#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>

namespace dlc::cuda {

enum class LibraryPolicy {
  Library, ///< every op with a library call calls it (cuda-cudnn)
  Default, ///< the default table (cuda)
};

/// "library" or "default"; nullopt for anything else.
std::optional<LibraryPolicy> parseLibraryPolicy(llvm::StringRef name);

struct PathChoice {
  bool library = false;
  std::string why;
};

/// GEMMs of at least this many multiply-adds call cuBLASLt under the default table.
inline constexpr int64_t kDefaultGemmLibraryMacs = int64_t(1) << 21;

/// A convolution (forward, backward data or backward filter).
PathChoice chooseConvolution(LibraryPolicy policy);
/// A matrix product of M·N·K multiply-adds.
PathChoice chooseGemm(LibraryPolicy policy, int64_t m, int64_t n, int64_t k);

/// The path names a report prints.
inline constexpr llvm::StringLiteral kPathCublasLt = "cuBLASLt";
inline constexpr llvm::StringLiteral kPathCudnn = "cuDNN";
inline constexpr llvm::StringLiteral kPathGenerated = "generated kernel";

/// Appends {layer, what, path, why} to the module's `dlc.paths` (the layer
/// from `origin`'s name).
void recordPath(mlir::ModuleOp module, mlir::Location origin, llvm::StringRef what,
                llvm::StringRef path, llvm::StringRef why);

/// The first name in a location (the layer a dlc op came from), or "".
std::string layerOf(mlir::Location loc);

/// The module's recorded paths as report lines: "  layer  what: path (why)".
std::string describePaths(mlir::ModuleOp module);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_LIBRARYCHOICE_H
