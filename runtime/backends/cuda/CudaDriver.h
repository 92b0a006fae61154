// The CUDA driver API, loaded at run time: libcuda.so.1 (or $DLC_LIBCUDA) is
// dlopen'ed when a CUDA bundle is opened, never linked, and every entry point
// comes from cuGetProcAddress in its CUDA 12 variant, so the runtime builds
// and runs on machines without the NVIDIA driver and says so when a CUDA
// bundle is opened there. Only cuda.h's types are used at build time.
//
// Every call returns an absl::Status naming the call and the driver's error
// (e.g. "cuModuleLoadDataEx: CUDA_ERROR_UNSUPPORTED_PTX_VERSION (the provided
// PTX was compiled with an unsupported toolchain)"), with what the user can do
// for the errors a user can act on: no driver, the toolkit's stub library, no
// device, a PTX newer than the driver.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H
#define DLC_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H

#include <cuda.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dlc::rt::cuda {

/// The entry points the backend uses, with their CUDA 12 signatures.
struct DriverApi {
  CUresult (*cuInit)(unsigned);
  CUresult (*cuDriverGetVersion)(int *);
  CUresult (*cuGetErrorName)(CUresult, const char **);
  CUresult (*cuGetErrorString)(CUresult, const char **);
  CUresult (*cuDeviceGetCount)(int *);
  CUresult (*cuDeviceGet)(CUdevice *, int);
  CUresult (*cuDeviceGetName)(char *, int, CUdevice);
  CUresult (*cuDeviceGetAttribute)(int *, CUdevice_attribute, CUdevice);
  CUresult (*cuDeviceTotalMem)(size_t *, CUdevice);
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice);
  CUresult (*cuDevicePrimaryCtxRelease)(CUdevice);
  CUresult (*cuCtxSetCurrent)(CUcontext);
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t);
  CUresult (*cuMemFree)(CUdeviceptr);
  CUresult (*cuMemHostAlloc)(void **, size_t, unsigned);
  CUresult (*cuMemFreeHost)(void *);
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t);
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t);
  CUresult (*cuMemcpyHtoDAsync)(CUdeviceptr, const void *, size_t, CUstream);
  CUresult (*cuMemcpyDtoHAsync)(void *, CUdeviceptr, size_t, CUstream);
  CUresult (*cuMemsetD8)(CUdeviceptr, unsigned char, size_t);
  CUresult (*cuMemsetD32Async)(CUdeviceptr, unsigned, size_t, CUstream);
  CUresult (*cuModuleLoadDataEx)(CUmodule *, const void *, unsigned, CUjit_option *,
                                 void **);
  CUresult (*cuModuleUnload)(CUmodule);
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *);
  CUresult (*cuModuleGetGlobal)(CUdeviceptr *, size_t *, CUmodule, const char *);
  CUresult (*cuFuncGetAttribute)(int *, CUfunction_attribute, CUfunction);
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned,
                             unsigned, unsigned, CUstream, void **, void **);
  CUresult (*cuStreamCreate)(CUstream *, unsigned);
  CUresult (*cuStreamDestroy)(CUstream);
  CUresult (*cuStreamSynchronize)(CUstream);
  CUresult (*cuStreamBeginCapture)(CUstream, CUstreamCaptureMode);
  CUresult (*cuStreamEndCapture)(CUstream, CUgraph *);
  CUresult (*cuGraphInstantiate)(CUgraphExec *, CUgraph, unsigned long long);
  CUresult (*cuGraphLaunch)(CUgraphExec, CUstream);
  CUresult (*cuGraphExecDestroy)(CUgraphExec);
  CUresult (*cuGraphDestroy)(CUgraph);
};

/// The loaded driver library; one per process, never unloaded.
class Driver {
public:
  /// Loads the driver (once) and runs cuInit. Errors are FailedPrecondition:
  /// "the NVIDIA driver's libcuda.so.1 is not installed (dlopen: ...)", "... is
  /// the CUDA toolkit's stub library, not a driver", "no CUDA device", ...
  static absl::StatusOr<const Driver *> get();

  const DriverApi &api() const { return api_; }
  /// The library that was loaded and the driver's CUDA version ("12.4").
  const std::string &library() const { return library_; }
  std::string version() const;

  /// OK for CUDA_SUCCESS; otherwise an error "<call>: <NAME> (<description>)"
  /// with a hint for errors the user can act on.
  absl::Status check(CUresult result, std::string_view call) const;

private:
  Driver() = default;
  DriverApi api_{};
  std::string library_;
  int version_ = 0;
};

/// The library `Driver::get` loads: $DLC_LIBCUDA when set, else libcuda.so.1.
std::string driverLibraryName();

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_CUDADRIVER_H
