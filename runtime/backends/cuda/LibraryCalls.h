// The library steps of a cuda-cudnn or cuda bundle (CudaProgram.h's
// LibraryStep) as cuBLASLt and cuDNN calls, in three phases:
//   describe  descriptors from the step alone — no GPU needed, so a bundle's
//             shapes, strides and layouts are checked by the libraries
//             themselves before the driver is touched (cuBLASLt's matmul
//             descriptor and layouts; cuDNN's tensor, convolution and
//             operation descriptors and its operation graph; its RNN and
//             RNN data descriptors);
//   plan      on the device, once when the bundle is opened: the algorithm
//             (cuBLASLt's heuristic) or engine (cuDNN's heuristics, keeping
//             only deterministic engines without tensor-core or reduced
//             precision numerics: float32 math, no TF32) whose workspace fits
//             the step's share of the arena, and the call's device addresses;
//   enqueue   the call on a stream (inside the function's stream capture).
//
// Row-major to column-major: the bundle's matrices are row-major, cuBLASLt's
// column-major. A row-major [R, C] matrix with rows `ld` apart is the
// column-major [C, R] matrix with leading dimension `ld`; so C = op(A)·op(B)
// is computed as Cᵀ = op(B)ᵀ·op(A)ᵀ: cuBLASLt's A is the step's b, its B the
// step's a, m = N, n = M, and the transposes swap places (columnMajorGemm).
// A bias of the row-major product (one value per column n) is cuBLASLt's
// bias per row of its D, which is what its bias epilogues add. Likewise the
// bgrad epilogue's bias gradient, Σ_k b[k, n] of the step's (untransposed) b:
// b is cuBLASLt's A, m x k untransposed, and BGRADA sums A over k into one
// value per row of D (BGRADB would sum B, the step's a).
//
// A fused convolution (ConvBiasActivation) is one cuDNN operation graph: the
// convolution forward into a virtual tensor, a pointwise ADD of the bias (a
// [1, K, 1, 1] tensor, broadcast over N, H, W) and a pointwise RELU_FWD into
// y (the add straight into y without relu). Its plan needs an engine of the
// graph (a runtime-fusion engine); when there is none, plan fails and the
// backend runs the step's fallback instead (CudaBackend.h).
//
// cuDNN takes NCHW dimensions with any strides: an NHWC view [N, H, W, C]
// with strides (sN, sH, sW, sC) is dimensions [N, C, H, W] with strides
// (sN, sC, sH, sW), and a KRSC filter [K, R, S, C] is [K, C, R, S] with
// (sK, sC, sR, sS) (cudnnDims).
#ifndef DLC_RUNTIME_BACKENDS_CUDA_LIBRARYCALLS_H
#define DLC_RUNTIME_BACKENDS_CUDA_LIBRARYCALLS_H

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "runtime/backends/cuda/CudaProgram.h"

namespace dlc::rt::cuda {

// VendorLibraries.h (which needs cudnn.h and cublasLt.h) is included by the
// implementation only, so the backend holds LibraryCalls in a build without
// those headers too (it then refuses bundles with library steps).
struct Cudnn;
struct CublasLt;

/// One matrix in cuBLASLt's terms.
struct ColumnMajorMatrix {
  uint64_t rows = 0, cols = 0;
  int64_t ld = 0;
};

/// A GEMM step as the column-major call cuBLASLt makes.
struct ColumnMajorGemm {
  uint64_t m = 0, n = 0, k = 0;
  bool transA = false, transB = false; ///< cuBLASLt's op(A), op(B)
  ColumnMajorMatrix a, b, c;           ///< cuBLASLt's A (the step's b), B (the step's a), C = D
};
ColumnMajorGemm columnMajorGemm(const LibraryStep &step);

/// One tensor in cuDNN's terms: NCHW dimensions, the view's strides.
struct CudnnTensor {
  std::array<int64_t, 4> dims{}, strides{};
};
CudnnTensor cudnnDims(const TensorView &view);

/// Whether a tensor descriptor's `nbDims` dimensions and strides are a
/// densely packed row-major [rows, cols] matrix, unit dimensions aside
/// (cuDNN's [1, U, F] for an RNN weight matrix): how the runtime checks
/// cudnnGetRNNWeightParams' matrices against abi/CudnnRnnLayout.h.
bool isRowMajorMatrix(int nbDims, const int *dims, const int *strides, int64_t rows,
                      int64_t cols);

/// The largest power of two (at most 256) dividing `address`: what the
/// libraries are told about a pointer's alignment.
uint32_t alignmentOf(uint64_t address);

/// Resolves an encoded pointer (abi::encodePointer) to a device address.
using AddressOf = std::function<uint64_t(uint64_t encoded)>;

/// A library step ready to run: descriptors at describe, a plan at plan.
class LibraryCall {
public:
  virtual ~LibraryCall() = default;
  /// Chooses the algorithm or engine for `handle`, with the step's device
  /// addresses; the workspace it needs must fit the step's workspace bytes.
  virtual absl::Status plan(void *handle, const AddressOf &addressOf) = 0;
  /// The call on `stream` (a CUstream).
  virtual absl::Status enqueue(void *handle, void *stream) = 0;
  /// What was chosen, for messages: "algorithm 12, 4096 bytes of workspace".
  virtual std::string chosen() const = 0;
  const LibraryStep &step() const { return step_; }

protected:
  explicit LibraryCall(const LibraryStep &step) : step_(step) {}
  LibraryStep step_;
};

/// The descriptors of a step (no device needed); errors name the step.
absl::StatusOr<std::unique_ptr<LibraryCall>> describeGemm(const CublasLt &lt,
                                                          const LibraryStep &step);
absl::StatusOr<std::unique_ptr<LibraryCall>> describeConvolution(const Cudnn &cudnn,
                                                                 const LibraryStep &step);
/// An RNN step: the RNN descriptor (one layer, one direction, two biases,
/// float32 with FMA math: no tensor cores, no TF32) and the batch-major data
/// descriptors. Its plan checks cuDNN's weight-space size and layout
/// (cudnnGetRNNWeightParams against abi/CudnnRnnLayout.h), workspace and
/// reserve sizes against the bundle's; a misfit is an error naming the layer.
absl::StatusOr<std::unique_ptr<LibraryCall>> describeRnn(const Cudnn &cudnn,
                                                         const LibraryStep &step);

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_LIBRARYCALLS_H
