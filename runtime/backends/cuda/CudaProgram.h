// What a CUDA bundle asks the GPU to do, read from its manifest and checked
// before a driver is touched (abi/CudaAbi.h): the kernels of its PTX module,
// and per function the static list of launches with their grids, blocks and
// 64-bit arguments (pointers as region + offset). Everything a malformed or
// foreign bundle can get wrong is found here, with the manifest path of the
// field: a kernel index out of range, an argument count that is not the
// kernel's, a pointer outside its region, a block over 1024 threads, PTX text
// that is not PTX, for another architecture or missing a kernel; and for the
// library steps of cuda-cudnn and cuda bundles (cuBLASLt GEMMs, cuDNN
// convolutions and RNNs): an unknown call, a missing operand, a view reaching
// outside its region, shapes that do not make the product, convolution or
// RNN (a weight space of another size than abi/CudnnRnnLayout.h's), a layout
// the call cannot take.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H
#define DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::cuda {

struct Kernel {
  std::string name;
  std::string params; ///< 'p' pointer, 'u' value, one per 64-bit parameter
  std::string op;     ///< what it computes, for messages
  std::string key;    ///< the op key (op and shapes) it is part of, or "" (dlc tune)
};

struct Launch {
  int kernel = 0;
  std::array<uint32_t, 3> grid{1, 1, 1}, block{1, 1, 1};
  uint32_t sharedBytes = 0;
  std::vector<uint64_t> args; ///< pointers still encoded (abi::encodePointer)
};

/// A tensor a library call reads or writes: element 0 (encoded pointer)
/// and its shape and strides in elements.
struct TensorView {
  uint64_t pointer = 0;
  std::vector<int64_t> shape, strides;
};

/// A vendor library call (abi/CudaAbi.h's "library" steps).
struct LibraryStep {
  enum class Kind {
    Gemm,
    ConvForward,
    ConvBackwardData,
    ConvBackwardFilter,
    ConvBiasActivation,
    RnnForward,
    RnnBackwardData,
    RnnBackwardWeights
  };
  Kind kind = Kind::Gemm;
  std::string name;  ///< "cublaslt.gemm", "cudnn.conv2d_forward", ...
  std::string key;   ///< the op key: the op and its shapes (dlc tune)
  std::string layer; ///< the dlc op it computes
  std::string where; ///< "train_step step 4 (cublaslt.gemm of dense_1)", for messages
  /// Gemm: a, b, bias (optional), c, bias_grad (the bgrad epilogue's
  /// output). Convolutions: x, w, y (whichever is the output: y forward and
  /// fused forward, dx = x backward data, dw = w backward filter); the fused
  /// forward's bias is `bias`.
  TensorView a, b, bias, c, biasGrad;
  bool hasBias = false, hasBiasGrad = false;
  bool transposeA = false, transposeB = false, accumulate = false;
  std::string epilogue = "none"; ///< none, bias, relu, relu_bias, bgrad
  TensorView x, w, y;
  std::string activation = "none"; ///< ConvBiasActivation: relu or none
  std::array<int64_t, 2> prePadding{}, postPadding{}, strides{1, 1}, dilations{1, 1};
  /// RNNs: x [N, T, F] (dx backward data), y [N, T, U], w the weight space
  /// (dw backward weights), and these; `cell` abi::RnnCell's name.
  TensorView dy, seqLengths, reserve;
  bool hasReserve = false; ///< forward: training mode
  std::string cell;
  uint64_t workspace = 0; ///< encoded pointer
  uint64_t workspaceBytes = 0;

  bool isConvolution() const {
    return kind == Kind::ConvForward || kind == Kind::ConvBackwardData ||
           kind == Kind::ConvBackwardFilter || kind == Kind::ConvBiasActivation;
  }
  bool isRnn() const {
    return kind == Kind::RnnForward || kind == Kind::RnnBackwardData ||
           kind == Kind::RnnBackwardWeights;
  }
  /// "cudnn" or "cublaslt".
  std::string library() const { return name.substr(0, name.find('.')); }
};

using ProgramStep = std::variant<Launch, LibraryStep>;

struct FunctionProgram {
  std::vector<int> inputs, outputs; ///< tensor indices (the io region)
  std::vector<ProgramStep> steps;
  /// A fused library step's "fallback" (keyed by its index in `steps`): the
  /// steps run instead when the device has no algorithm or engine for it.
  /// The backend decides at open and splices the steps it runs into `steps`.
  std::map<size_t, std::vector<ProgramStep>> fallbacks;
};

struct Program {
  std::string section;  ///< the bundle section holding the PTX
  std::string arch;     ///< "sm_80"
  int computeCapability = 0; ///< 80
  std::vector<Kernel> kernels;
  std::vector<std::string> errors; ///< error code c is errors[c - 1]
  std::string seedGlobal, errorGlobal;
  std::map<std::string, FunctionProgram, std::less<>> functions;
  bool usesCudnn = false, usesCublasLt = false;
};

/// Reads the manifest's "cuda" object and every function's "kernel" and
/// "library" steps (a cuda-ptx bundle has kernel steps only), and the
/// "fallback" steps of fused library steps (CUDA ABI version 3).
/// Errors are InvalidArgument naming the field ("manifest: functions.
/// train_step.steps[4].args[2]: ...").
absl::StatusOr<Program> readProgram(const bundle::Manifest &manifest);

/// Where a step of a function comes from after spliceFallbacks: step `step`
/// of the function as read (`fallbackStep` -1), or step `fallbackStep` of
/// its fallback.
struct StepOrigin {
  size_t step = 0;
  int fallbackStep = -1;
  bool operator==(const StepOrigin &o) const {
    return step == o.step && fallbackStep == o.fallbackStep;
  }
};
/// Replaces each fused step of `f` for which `useFallback(i)` is true (asked
/// once per fused step, in order) by its fallback's steps, keeps the others,
/// and drops the fallbacks; returns each resulting step's origin.
std::vector<StepOrigin> spliceFallbacks(FunctionProgram &f,
                                        const std::function<bool(size_t)> &useFallback);

/// An op a library pass decided: its layer and its key (the op and its
/// shapes, "GEMM Aᵀ·B 784x512x128").
using OpId = std::pair<std::string, std::string>;
/// The steps of `function` (indices into its steps) that compute each op,
/// by the keys the manifest puts on kernels and library calls (a kernel's
/// layer is its "op"); steps without a key are in none. What `dlc tune`
/// times per op.
std::map<OpId, std::vector<size_t>> stepsByOp(const Program &program, std::string_view function);

/// Checks the PTX text of `program.section`: NUL-terminated text with the
/// .version, .target (the manifest's arch) and .address_size 64 directives,
/// and an .entry for every kernel with as many parameters as it is launched
/// with. Errors are InvalidArgument naming `what`.
absl::Status checkPtx(std::string_view ptx, const Program &program, std::string_view what);

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H
