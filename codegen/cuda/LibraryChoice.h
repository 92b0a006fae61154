// Which CUDA path an op takes: a vendor library call (cuBLASLt, cuDNN) or a
// kernel dlc generates. `cuda-cudnn` calls the library for every op it has a
// call for; `cuda` decides per op by the default table below (no device is
// needed to compile), or by a tune cache (below); `cuda-ptx` never calls a
// library. See docs/cuda-cudnn.md.
//
// With a tune cache (`dlc compile --target=cuda --tune-cache FILE`, written by
// `dlc tune` on a GPU), an op the cache measured (its layer and key, the op
// and its shapes) takes the path that was faster there: its steps with the
// library call (as cuda-cudnn compiles it: the call and the generated kernels
// around it, such as a filter transpose) against its generated kernels (as
// cuda with every op generated compiles it), each timed inside a captured
// CUDA graph over many repetitions. The file (schema dlc-tune/2) is one
// device's:
//   {"schema": "dlc-tune/2", "device": "NVIDIA H200 (sm_90, ...)",
//    "ops": [{"layer": "conv2d_1", "op": "convolution forward 128x28x28x1 -> ...",
//             "library_ms": 0.041, "generated_ms": 0.093, "choice": "library"}, ...]}
// A dlc-tune/1 file (one choice per layer, timed step by step outside the
// graph) is refused with a message to measure again.
//
// The library passes tag the location of every op they decide (and of what
// it becomes: the library call, the generated linalg ops, a fallback's
// kernels) with its key (withOpKey), so that the launch list can say which op
// each kernel and library step computes (opKeyOf), which `dlc tune` times.
//
// Every decision is recorded on the module (`dlc.paths`, one entry per op and
// kind of work: layer, what, path, why) for `dlc compile --report`.
//
// The default table (`--target=cuda`):
//   convolution forward, backward data, backward filter  cuDNN
//   a recurrent layer cuDNN's RNN computes exactly        cuDNN's RNN
//   GEMM (dense layers, their gradients, recurrent       cuBLASLt when M·N·K ≥ 2^21,
//         projections and steps)                          else a generated kernel
//   everything else                                      a generated kernel
#ifndef DLC_CODEGEN_CUDA_LIBRARYCHOICE_H
#define DLC_CODEGEN_CUDA_LIBRARYCHOICE_H

#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>
#include <vector>

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
/// A recurrent layer whose math cuDNN's RNN computes exactly.
PathChoice chooseRnn(LibraryPolicy policy);
/// A matrix product of M·N·K multiply-adds.
PathChoice chooseGemm(LibraryPolicy policy, int64_t m, int64_t n, int64_t k);

/// One op `dlc tune` measured.
struct TunedOp {
  std::string layer;
  std::string op; ///< its key: the op and its shapes ("GEMM Aᵀ·B 784x512x128")
  double libraryMs = 0, generatedMs = 0;
  bool library = false;
};

/// A tune cache: one device's measured ops.
struct TuneCache {
  std::string device;
  std::vector<TunedOp> ops;
};

inline constexpr llvm::StringLiteral kTuneCacheSchema = "dlc-tune/2";

/// Parses a tune cache; "" and the cache, or what is wrong with it (naming
/// the field).
std::string parseTuneCache(llvm::StringRef text, TuneCache &out);
/// Reads and parses the file; errors name it.
std::string readTuneCache(llvm::StringRef path, TuneCache &out);
/// The file's text.
std::string printTuneCache(const TuneCache &cache);

/// What a library pass's `policy` and `tune-cache` options say.
struct LibraryPassOptions {
  LibraryPolicy policy = LibraryPolicy::Library;
  std::optional<TuneCache> cache; ///< none for an empty `tune-cache`

  const TuneCache *tuneCache() const { return cache ? &*cache : nullptr; }
};

/// Reads a library pass's options; an error (emitted on `module`, naming
/// `passName`) when the policy is neither "library" nor "default", or the
/// cache file cannot be read or is given with a policy other than Default.
mlir::FailureOr<LibraryPassOptions> readLibraryPassOptions(mlir::ModuleOp module,
                                                           llvm::StringRef passName,
                                                           llvm::StringRef policy,
                                                           llvm::StringRef tuneCachePath);

/// The default choice `fallback` of an op (`key`, of `layer`) under
/// Default, replaced by the cache's measurement when it has this op of this
/// layer.
PathChoice applyTuneCache(const TuneCache *cache, llvm::StringRef layer, llvm::StringRef key,
                          PathChoice fallback);

/// `loc` tagged with the op key `key` (a fused location whose metadata says
/// it); what is built from an op with this location carries it on.
mlir::Location withOpKey(mlir::Location loc, llvm::StringRef key);
/// The first op key `loc` carries; "" when none.
std::string opKeyOf(mlir::Location loc);

/// The path names a report prints.
inline constexpr llvm::StringLiteral kPathCublasLt = "cuBLASLt";
inline constexpr llvm::StringLiteral kPathCudnn = "cuDNN";
inline constexpr llvm::StringLiteral kPathGenerated = "generated kernel";

/// Appends {layer, what, path, why, key} to the module's `dlc.paths` (the
/// layer from `origin`'s name; `key`, the op and its shapes without what the
/// path adds, is what a tune cache lists: `what` when empty).
void recordPath(mlir::ModuleOp module, mlir::Location origin, llvm::StringRef what,
                llvm::StringRef path, llvm::StringRef why, llvm::StringRef key = "");

/// Whether every operand of `op` is a statically shaped f32 tensor (what the
/// library passes call libraries for).
bool hasStaticF32Operands(mlir::Operation *op);
/// "128x26x26x32".
std::string shapeText(mlir::Type shaped);

/// The module's recorded paths as report lines: "  layer  what: path (why)".
std::string describePaths(mlir::ModuleOp module);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_LIBRARYCHOICE_H
