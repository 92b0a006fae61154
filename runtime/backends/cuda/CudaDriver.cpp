// The CUDA driver API loaded at run time (implementation of CudaDriver.h).
#include "runtime/backends/cuda/CudaDriver.h"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace dlc::rt::cuda {
namespace {

/// What a user can do about the errors a user can act on.
const char *hint(CUresult result) {
  switch (result) {
  case CUDA_ERROR_STUB_LIBRARY:
    return "; this is the CUDA toolkit's stub library, not the NVIDIA driver: install the "
           "driver, or point DLC_LIBCUDA at its libcuda.so.1";
  case CUDA_ERROR_NO_DEVICE:
    return "; this machine has no CUDA GPU (or CUDA_VISIBLE_DEVICES hides them all)";
  case CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
    return "; the NVIDIA driver is older than the PTX this bundle carries: update the "
           "driver";
  case CUDA_ERROR_NO_BINARY_FOR_GPU:
  case CUDA_ERROR_INVALID_PTX:
    return "; the bundle's PTX does not run on this GPU: recompile with --gpu-arch set "
           "to this GPU's sm_XY (or lower)";
  case CUDA_ERROR_OUT_OF_MEMORY:
    return "; the GPU has not enough free memory for the bundle's regions";
  default:
    return "";
  }
}

/// The names of the errors with hints, for when the driver cannot name
/// them (the stub library's cuGetErrorName fails too).
const char *knownName(CUresult result) {
  switch (result) {
  case CUDA_ERROR_STUB_LIBRARY: return "CUDA_ERROR_STUB_LIBRARY";
  case CUDA_ERROR_NO_DEVICE: return "CUDA_ERROR_NO_DEVICE";
  case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: return "CUDA_ERROR_UNSUPPORTED_PTX_VERSION";
  case CUDA_ERROR_NO_BINARY_FOR_GPU: return "CUDA_ERROR_NO_BINARY_FOR_GPU";
  case CUDA_ERROR_INVALID_PTX: return "CUDA_ERROR_INVALID_PTX";
  case CUDA_ERROR_OUT_OF_MEMORY: return "CUDA_ERROR_OUT_OF_MEMORY";
  default: return nullptr;
  }
}

/// The CUDA version whose entry-point ABI DriverApi's signatures are: the
/// driver returns, for each name, the variant of that version (cuMemAlloc ->
/// cuMemAlloc_v2, ...).
constexpr int kDriverApiVersion = 12000;

using GetProcAddress = CUresult (*)(const char *, void **, int, cuuint64_t,
                                    CUdriverProcAddressQueryResult *);

/// Resolves every entry of DriverApi through cuGetProcAddress; the first one
/// missing is an error.
absl::Status resolve(void *handle, DriverApi &api, const std::string &library) {
  auto getProc = reinterpret_cast<GetProcAddress>(dlsym(handle, "cuGetProcAddress_v2"));
  if (!getProc)
    return absl::FailedPreconditionError(
        absl::StrCat(library, " has no cuGetProcAddress_v2: the NVIDIA driver is older than "
                              "CUDA 12; update the driver"));
  absl::Status status;
  auto load = [&](auto &slot, const char *symbol) {
    if (!status.ok()) return;
    void *p = nullptr;
    CUdriverProcAddressQueryResult found = CU_GET_PROC_ADDRESS_SYMBOL_NOT_FOUND;
    CUresult r = getProc(symbol, &p, kDriverApiVersion, CU_GET_PROC_ADDRESS_DEFAULT, &found);
    if (r != CUDA_SUCCESS || !p || found != CU_GET_PROC_ADDRESS_SUCCESS) {
      const char *name = knownName(r);
      status = absl::FailedPreconditionError(absl::StrCat(
          library, ": cuGetProcAddress(", symbol, ") found no entry point (",
          r != CUDA_SUCCESS ? (name ? std::string(name) : absl::StrCat("CUDA error ", int(r)))
          : found == CU_GET_PROC_ADDRESS_VERSION_NOT_SUFFICIENT
              ? std::string("the driver is older than CUDA 12")
              : std::string("no such symbol"),
          ")", hint(r)));
      return;
    }
    slot = reinterpret_cast<std::remove_reference_t<decltype(slot)>>(p);
  };
  load(api.cuInit, "cuInit");
  load(api.cuDriverGetVersion, "cuDriverGetVersion");
  load(api.cuGetErrorName, "cuGetErrorName");
  load(api.cuGetErrorString, "cuGetErrorString");
  load(api.cuDeviceGetCount, "cuDeviceGetCount");
  load(api.cuDeviceGet, "cuDeviceGet");
  load(api.cuDeviceGetName, "cuDeviceGetName");
  load(api.cuDeviceGetAttribute, "cuDeviceGetAttribute");
  load(api.cuDeviceTotalMem, "cuDeviceTotalMem");
  load(api.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
  load(api.cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease");
  load(api.cuCtxSetCurrent, "cuCtxSetCurrent");
  load(api.cuMemAlloc, "cuMemAlloc");
  load(api.cuMemFree, "cuMemFree");
  load(api.cuMemHostAlloc, "cuMemHostAlloc");
  load(api.cuMemFreeHost, "cuMemFreeHost");
  load(api.cuMemcpyHtoD, "cuMemcpyHtoD");
  load(api.cuMemcpyDtoH, "cuMemcpyDtoH");
  load(api.cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync");
  load(api.cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync");
  load(api.cuMemsetD8, "cuMemsetD8");
  load(api.cuMemsetD32Async, "cuMemsetD32Async");
  load(api.cuModuleLoadDataEx, "cuModuleLoadDataEx");
  load(api.cuModuleUnload, "cuModuleUnload");
  load(api.cuModuleGetFunction, "cuModuleGetFunction");
  load(api.cuModuleGetGlobal, "cuModuleGetGlobal");
  load(api.cuFuncGetAttribute, "cuFuncGetAttribute");
  load(api.cuLaunchKernel, "cuLaunchKernel");
  load(api.cuStreamCreate, "cuStreamCreate");
  load(api.cuStreamDestroy, "cuStreamDestroy");
  load(api.cuStreamSynchronize, "cuStreamSynchronize");
  load(api.cuStreamBeginCapture, "cuStreamBeginCapture");
  load(api.cuStreamEndCapture, "cuStreamEndCapture");
  load(api.cuGraphInstantiate, "cuGraphInstantiateWithFlags");
  load(api.cuGraphLaunch, "cuGraphLaunch");
  load(api.cuGraphExecDestroy, "cuGraphExecDestroy");
  load(api.cuGraphDestroy, "cuGraphDestroy");
  return status;
}

} // namespace

std::string driverLibraryName() {
  const char *env = std::getenv("DLC_LIBCUDA");
  return env && *env ? env : "libcuda.so.1";
}

absl::StatusOr<const Driver *> Driver::get() {
  static std::mutex mutex;
  static const Driver *loaded = nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded) return loaded;

  std::unique_ptr<Driver> d(new Driver());
  d->library_ = driverLibraryName();
  void *handle = dlopen(d->library_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return absl::FailedPreconditionError(
        absl::StrCat("the NVIDIA driver's ", d->library_,
                     " could not be loaded (is the NVIDIA driver installed?): ", dlerror()));
  if (absl::Status s = resolve(handle, d->api_, d->library_); !s.ok()) {
    dlclose(handle);
    return s;
  }
  if (absl::Status s = d->check(d->api_.cuInit(0), "cuInit"); !s.ok()) {
    dlclose(handle);
    return absl::FailedPreconditionError(absl::StrCat(d->library_, ": ", s.message()));
  }
  if (absl::Status s = d->check(d->api_.cuDriverGetVersion(&d->version_), "cuDriverGetVersion");
      !s.ok())
    return s;
  loaded = d.release();
  return loaded;
}

std::string Driver::version() const {
  return absl::StrCat(version_ / 1000, ".", version_ % 1000 / 10);
}

absl::Status Driver::check(CUresult result, std::string_view call) const {
  if (result == CUDA_SUCCESS) return absl::OkStatus();
  const char *name = nullptr, *text = nullptr;
  if (!api_.cuGetErrorName || api_.cuGetErrorName(result, &name) != CUDA_SUCCESS)
    name = knownName(result);
  if (!api_.cuGetErrorString || api_.cuGetErrorString(result, &text) != CUDA_SUCCESS)
    text = nullptr;
  std::string message =
      absl::StrCat(std::string(call), ": ", name ? name : absl::StrCat("CUDA error ", int(result)),
                   text ? absl::StrCat(" (", text, ")") : "", hint(result));
  switch (result) {
  case CUDA_ERROR_STUB_LIBRARY:
  case CUDA_ERROR_NO_DEVICE:
  case CUDA_ERROR_UNSUPPORTED_PTX_VERSION:
  case CUDA_ERROR_NO_BINARY_FOR_GPU:
    return absl::FailedPreconditionError(message);
  case CUDA_ERROR_OUT_OF_MEMORY:
    return absl::ResourceExhaustedError(message);
  default:
    return absl::InternalError(message);
  }
}

} // namespace dlc::rt::cuda
