// cuDNN 9 and cuBLASLt, loaded at run time (LibraryLoader.h finds them): the
// entry points a cuda-cudnn or cuda bundle's library steps call, resolved
// with dlsym and checked (a missing entry point or a version older than the
// one the runtime was built against says so). Only the headers' types are
// used at build time; nothing of either library is linked.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_VENDORLIBRARIES_H
#define DLC_RUNTIME_BACKENDS_CUDA_VENDORLIBRARIES_H

#include <cublasLt.h>
#include <cudnn.h>

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "runtime/backends/cuda/LibraryLoader.h"

namespace dlc::rt::cuda {

/// The cuDNN entry points: the backend (graph) API, the handle, and the RNN API.
struct CudnnApi {
  size_t (*cudnnGetVersion)();
  const char *(*cudnnGetErrorString)(cudnnStatus_t);
  void (*cudnnGetLastErrorString)(char *, size_t);
  cudnnStatus_t (*cudnnCreate)(cudnnHandle_t *);
  cudnnStatus_t (*cudnnDestroy)(cudnnHandle_t);
  cudnnStatus_t (*cudnnSetStream)(cudnnHandle_t, cudaStream_t);
  cudnnStatus_t (*cudnnBackendCreateDescriptor)(cudnnBackendDescriptorType_t,
                                                cudnnBackendDescriptor_t *);
  cudnnStatus_t (*cudnnBackendDestroyDescriptor)(cudnnBackendDescriptor_t);
  cudnnStatus_t (*cudnnBackendFinalize)(cudnnBackendDescriptor_t);
  cudnnStatus_t (*cudnnBackendSetAttribute)(cudnnBackendDescriptor_t, cudnnBackendAttributeName_t,
                                            cudnnBackendAttributeType_t, int64_t, const void *);
  cudnnStatus_t (*cudnnBackendGetAttribute)(cudnnBackendDescriptor_t const,
                                            cudnnBackendAttributeName_t,
                                            cudnnBackendAttributeType_t, int64_t, int64_t *,
                                            void *);
  cudnnStatus_t (*cudnnBackendExecute)(cudnnHandle_t, cudnnBackendDescriptor_t,
                                       cudnnBackendDescriptor_t);
  // The RNN API (legacy: the graph API cannot express RNNs) and the tensor
  // and dropout descriptors it takes; the types are the header's own.
  decltype(&::cudnnCreateTensorDescriptor) cudnnCreateTensorDescriptor;
  decltype(&::cudnnSetTensorNdDescriptor) cudnnSetTensorNdDescriptor;
  decltype(&::cudnnGetTensorNdDescriptor) cudnnGetTensorNdDescriptor;
  decltype(&::cudnnDestroyTensorDescriptor) cudnnDestroyTensorDescriptor;
  decltype(&::cudnnCreateDropoutDescriptor) cudnnCreateDropoutDescriptor;
  decltype(&::cudnnSetDropoutDescriptor) cudnnSetDropoutDescriptor;
  decltype(&::cudnnDestroyDropoutDescriptor) cudnnDestroyDropoutDescriptor;
  decltype(&::cudnnCreateRNNDescriptor) cudnnCreateRNNDescriptor;
  decltype(&::cudnnSetRNNDescriptor_v8) cudnnSetRNNDescriptor_v8;
  decltype(&::cudnnDestroyRNNDescriptor) cudnnDestroyRNNDescriptor;
  decltype(&::cudnnCreateRNNDataDescriptor) cudnnCreateRNNDataDescriptor;
  decltype(&::cudnnSetRNNDataDescriptor) cudnnSetRNNDataDescriptor;
  decltype(&::cudnnDestroyRNNDataDescriptor) cudnnDestroyRNNDataDescriptor;
  decltype(&::cudnnGetRNNWeightSpaceSize) cudnnGetRNNWeightSpaceSize;
  decltype(&::cudnnGetRNNTempSpaceSizes) cudnnGetRNNTempSpaceSizes;
  decltype(&::cudnnGetRNNWeightParams) cudnnGetRNNWeightParams;
  decltype(&::cudnnRNNForward) cudnnRNNForward;
  decltype(&::cudnnRNNBackwardData_v8) cudnnRNNBackwardData_v8;
  decltype(&::cudnnRNNBackwardWeights_v8) cudnnRNNBackwardWeights_v8;
};

/// The cuBLASLt entry points of a matmul with a heuristic's algorithm.
struct CublasLtApi {
  size_t (*cublasLtGetVersion)();
  const char *(*cublasLtGetStatusName)(cublasStatus_t);
  const char *(*cublasLtGetStatusString)(cublasStatus_t);
  cublasStatus_t (*cublasLtCreate)(cublasLtHandle_t *);
  cublasStatus_t (*cublasLtDestroy)(cublasLtHandle_t);
  cublasStatus_t (*cublasLtMatmulDescCreate)(cublasLtMatmulDesc_t *, cublasComputeType_t,
                                             cudaDataType_t);
  cublasStatus_t (*cublasLtMatmulDescDestroy)(cublasLtMatmulDesc_t);
  cublasStatus_t (*cublasLtMatmulDescSetAttribute)(cublasLtMatmulDesc_t,
                                                   cublasLtMatmulDescAttributes_t, const void *,
                                                   size_t);
  cublasStatus_t (*cublasLtMatrixLayoutCreate)(cublasLtMatrixLayout_t *, cudaDataType, uint64_t,
                                               uint64_t, int64_t);
  cublasStatus_t (*cublasLtMatrixLayoutDestroy)(cublasLtMatrixLayout_t);
  cublasStatus_t (*cublasLtMatmulPreferenceCreate)(cublasLtMatmulPreference_t *);
  cublasStatus_t (*cublasLtMatmulPreferenceDestroy)(cublasLtMatmulPreference_t);
  cublasStatus_t (*cublasLtMatmulPreferenceSetAttribute)(cublasLtMatmulPreference_t,
                                                         cublasLtMatmulPreferenceAttributes_t,
                                                         const void *, size_t);
  cublasStatus_t (*cublasLtMatmulAlgoGetHeuristic)(cublasLtHandle_t, cublasLtMatmulDesc_t,
                                                   cublasLtMatrixLayout_t, cublasLtMatrixLayout_t,
                                                   cublasLtMatrixLayout_t, cublasLtMatrixLayout_t,
                                                   cublasLtMatmulPreference_t, int,
                                                   cublasLtMatmulHeuristicResult_t *, int *);
  cublasStatus_t (*cublasLtMatmul)(cublasLtHandle_t, cublasLtMatmulDesc_t, const void *,
                                   const void *, cublasLtMatrixLayout_t, const void *,
                                   cublasLtMatrixLayout_t, const void *, const void *,
                                   cublasLtMatrixLayout_t, void *, cublasLtMatrixLayout_t,
                                   const cublasLtMatmulAlgo_t *, void *, size_t, cudaStream_t);
};

/// What LibraryLoader looks for: cuDNN 9 (libcudnn.so.9, $DLC_CUDNN) and
/// cuBLASLt (libcublasLt.so.13, then .so.12; $DLC_CUBLASLT).
const LibrarySpec &cudnnSpec();
const LibrarySpec &cublasLtSpec();

/// A loaded cuDNN: where it is, its version (91900 = 9.19.0) and entry points.
struct Cudnn {
  std::string path;
  size_t version = 0;
  CudnnApi api{};
  /// "9.19.0"
  std::string versionText() const;
  /// OK for CUDNN_STATUS_SUCCESS; otherwise "<call>: CUDNN_STATUS_... (cuDNN's
  /// last error message)".
  absl::Status check(cudnnStatus_t status, std::string_view call) const;

  /// Loads cuDNN once per process (the process environment's search).
  static absl::StatusOr<const Cudnn *> get();
  /// Loads it with `env` (not cached; tests).
  static absl::StatusOr<Cudnn> load(const SearchEnvironment &env);
};

/// A loaded cuBLASLt.
struct CublasLt {
  std::string path;
  size_t version = 0;
  CublasLtApi api{};
  std::string versionText() const; ///< "13.1.0"
  absl::Status check(cublasStatus_t status, std::string_view call) const;

  static absl::StatusOr<const CublasLt *> get();
  static absl::StatusOr<CublasLt> load(const SearchEnvironment &env);
};

/// The oldest versions the runtime calls (the backend API of cuDNN 9.0; the
/// matmul epilogues of cuBLASLt 12.0).
inline constexpr size_t kMinCudnnVersion = 90000;
inline constexpr size_t kMinCublasLtVersion = 120000;

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_VENDORLIBRARIES_H
