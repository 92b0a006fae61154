// cuDNN and cuBLASLt loaded at run time (implementation of VendorLibraries.h).
#include "runtime/backends/cuda/VendorLibraries.h"

#include <dlfcn.h>

#include <mutex>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace dlc::rt::cuda {
namespace {

/// Resolves `symbol` into `slot`; the first one missing is an error naming
/// the library (an older release lacks it).
template <typename F>
void resolve(void *handle, F &slot, const char *symbol, const std::string &path,
             const std::string &what, absl::Status &status) {
  if (!status.ok()) return;
  void *p = ::dlsym(handle, symbol);
  if (!p) {
    status = absl::FailedPreconditionError(absl::StrCat(
        path, " has no ", symbol, ": it is not ", what,
        " or older than the runtime needs (update it, or point the override variable at "
        "another copy)"));
    return;
  }
  slot = reinterpret_cast<F>(p);
}

std::string dottedVersion(size_t v) {
  return absl::StrCat(v / 10000, ".", v / 100 % 100, ".", v % 100);
}

} // namespace

const LibrarySpec &cudnnSpec() {
  static const LibrarySpec spec{"cuDNN 9", {"libcudnn.so.9"}, "DLC_CUDNN",
                                "Install cuDNN 9 (e.g. pip install nvidia-cudnn-cu13)"};
  return spec;
}

const LibrarySpec &cublasLtSpec() {
  static const LibrarySpec spec{"cuBLASLt", {"libcublasLt.so.13", "libcublasLt.so.12"},
                                "DLC_CUBLASLT",
                                "Install cuBLAS (e.g. pip install nvidia-cublas, or the CUDA "
                                "toolkit)"};
  return spec;
}

std::string Cudnn::versionText() const { return dottedVersion(version); }

absl::Status Cudnn::check(cudnnStatus_t status, std::string_view call) const {
  if (status == CUDNN_STATUS_SUCCESS) return absl::OkStatus();
  char last[1024] = {};
  if (api.cudnnGetLastErrorString) api.cudnnGetLastErrorString(last, sizeof last);
  const char *name = api.cudnnGetErrorString ? api.cudnnGetErrorString(status) : nullptr;
  std::string message =
      absl::StrCat(std::string(call), ": ", name ? name : absl::StrCat("cuDNN status ", int(status)),
                   last[0] ? absl::StrCat(" (", last, ")") : "");
  if (status == CUDNN_STATUS_NOT_INITIALIZED)
    absl::StrAppend(&message, "; cuDNN could not initialise CUDA (no GPU or no driver?)");
  if (status == CUDNN_STATUS_NOT_SUPPORTED || status == CUDNN_STATUS_BAD_PARAM ||
      (status >= 2000 && status < 4000))
    return absl::InvalidArgumentError(message);
  return absl::InternalError(message);
}

absl::StatusOr<Cudnn> Cudnn::load(const SearchEnvironment &env) {
  absl::StatusOr<LoadedLibrary> lib = loadLibrary(cudnnSpec(), env);
  if (!lib.ok()) return lib.status();
  Cudnn c;
  c.path = lib->path;
  absl::Status s;
  const std::string what = "cuDNN 9";
  CudnnApi &a = c.api;
#define DLC_RESOLVE(name) resolve(lib->handle, a.name, #name, c.path, what, s)
  DLC_RESOLVE(cudnnGetVersion);
  DLC_RESOLVE(cudnnGetErrorString);
  DLC_RESOLVE(cudnnGetLastErrorString);
  DLC_RESOLVE(cudnnCreate);
  DLC_RESOLVE(cudnnDestroy);
  DLC_RESOLVE(cudnnSetStream);
  DLC_RESOLVE(cudnnBackendCreateDescriptor);
  DLC_RESOLVE(cudnnBackendDestroyDescriptor);
  DLC_RESOLVE(cudnnBackendFinalize);
  DLC_RESOLVE(cudnnBackendSetAttribute);
  DLC_RESOLVE(cudnnBackendGetAttribute);
  DLC_RESOLVE(cudnnBackendExecute);
  DLC_RESOLVE(cudnnCreateTensorDescriptor);
  DLC_RESOLVE(cudnnSetTensorNdDescriptor);
  DLC_RESOLVE(cudnnGetTensorNdDescriptor);
  DLC_RESOLVE(cudnnDestroyTensorDescriptor);
  DLC_RESOLVE(cudnnCreateDropoutDescriptor);
  DLC_RESOLVE(cudnnSetDropoutDescriptor);
  DLC_RESOLVE(cudnnDestroyDropoutDescriptor);
  DLC_RESOLVE(cudnnCreateRNNDescriptor);
  DLC_RESOLVE(cudnnSetRNNDescriptor_v8);
  DLC_RESOLVE(cudnnDestroyRNNDescriptor);
  DLC_RESOLVE(cudnnCreateRNNDataDescriptor);
  DLC_RESOLVE(cudnnSetRNNDataDescriptor);
  DLC_RESOLVE(cudnnDestroyRNNDataDescriptor);
  DLC_RESOLVE(cudnnGetRNNWeightSpaceSize);
  DLC_RESOLVE(cudnnGetRNNTempSpaceSizes);
  DLC_RESOLVE(cudnnGetRNNWeightParams);
  DLC_RESOLVE(cudnnRNNForward);
  DLC_RESOLVE(cudnnRNNBackwardData_v8);
  DLC_RESOLVE(cudnnRNNBackwardWeights_v8);
#undef DLC_RESOLVE
  if (!s.ok()) return s;
  c.version = a.cudnnGetVersion();
  if (c.version < kMinCudnnVersion || c.version / 10000 != CUDNN_MAJOR)
    return absl::FailedPreconditionError(absl::StrCat(
        c.path, " is cuDNN ", c.versionText(), "; the runtime calls cuDNN ", CUDNN_MAJOR,
        " (", dottedVersion(kMinCudnnVersion), " or later): install it or set DLC_CUDNN"));
  return c;
}

absl::StatusOr<const Cudnn *> Cudnn::get() {
  static std::mutex mutex;
  static const Cudnn *loaded = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded) return loaded;
  absl::StatusOr<Cudnn> c = load(SearchEnvironment::fromProcess(cudnnSpec()));
  if (!c.ok()) return c.status();
  loaded = new Cudnn(std::move(*c));
  return loaded;
}

std::string CublasLt::versionText() const { return dottedVersion(version); }

absl::Status CublasLt::check(cublasStatus_t status, std::string_view call) const {
  if (status == CUBLAS_STATUS_SUCCESS) return absl::OkStatus();
  const char *name = api.cublasLtGetStatusName ? api.cublasLtGetStatusName(status) : nullptr;
  const char *text = api.cublasLtGetStatusString ? api.cublasLtGetStatusString(status) : nullptr;
  std::string message = absl::StrCat(
      std::string(call), ": ", name ? name : absl::StrCat("cuBLAS status ", int(status)),
      text ? absl::StrCat(" (", text, ")") : "");
  if (status == CUBLAS_STATUS_NOT_INITIALIZED)
    absl::StrAppend(&message, "; cuBLASLt could not initialise CUDA (no GPU or no driver?)");
  if (status == CUBLAS_STATUS_INVALID_VALUE || status == CUBLAS_STATUS_NOT_SUPPORTED)
    return absl::InvalidArgumentError(message);
  return absl::InternalError(message);
}

absl::StatusOr<CublasLt> CublasLt::load(const SearchEnvironment &env) {
  absl::StatusOr<LoadedLibrary> lib = loadLibrary(cublasLtSpec(), env);
  if (!lib.ok()) return lib.status();
  CublasLt c;
  c.path = lib->path;
  absl::Status s;
  const std::string what = "cuBLASLt";
  CublasLtApi &a = c.api;
#define DLC_RESOLVE(name) resolve(lib->handle, a.name, #name, c.path, what, s)
  DLC_RESOLVE(cublasLtGetVersion);
  DLC_RESOLVE(cublasLtGetStatusName);
  DLC_RESOLVE(cublasLtGetStatusString);
  DLC_RESOLVE(cublasLtCreate);
  DLC_RESOLVE(cublasLtDestroy);
  DLC_RESOLVE(cublasLtMatmulDescCreate);
  DLC_RESOLVE(cublasLtMatmulDescDestroy);
  DLC_RESOLVE(cublasLtMatmulDescSetAttribute);
  DLC_RESOLVE(cublasLtMatrixLayoutCreate);
  DLC_RESOLVE(cublasLtMatrixLayoutDestroy);
  DLC_RESOLVE(cublasLtMatmulPreferenceCreate);
  DLC_RESOLVE(cublasLtMatmulPreferenceDestroy);
  DLC_RESOLVE(cublasLtMatmulPreferenceSetAttribute);
  DLC_RESOLVE(cublasLtMatmulAlgoGetHeuristic);
  DLC_RESOLVE(cublasLtMatmul);
#undef DLC_RESOLVE
  if (!s.ok()) return s;
  c.version = a.cublasLtGetVersion();
  if (c.version < kMinCublasLtVersion)
    return absl::FailedPreconditionError(absl::StrCat(
        c.path, " is cuBLASLt ", c.versionText(), "; the runtime needs ",
        dottedVersion(kMinCublasLtVersion), " or later: install it or set DLC_CUBLASLT"));
  return c;
}

absl::StatusOr<const CublasLt *> CublasLt::get() {
  static std::mutex mutex;
  static const CublasLt *loaded = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded) return loaded;
  absl::StatusOr<CublasLt> c = load(SearchEnvironment::fromProcess(cublasLtSpec()));
  if (!c.ok()) return c.status();
  loaded = new CublasLt(std::move(*c));
  return loaded;
}

} // namespace dlc::rt::cuda
