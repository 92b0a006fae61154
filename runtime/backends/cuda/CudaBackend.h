// The cuda backend: runs a bundle compiled for cuda-ptx on an NVIDIA GPU
// through the driver API (CudaDriver.h, loaded at run time).
//
// At open, in this order, so a bad bundle or machine fails before any work:
// the manifest's kernels and launches are read and checked (CudaProgram.h),
// the PTX text is checked, the driver is loaded, the GPU's compute capability
// is checked against the bundle's architecture, the PTX module is loaded
// (JIT-compiled by the driver; its log comes with an error), every kernel is
// looked up and its block size checked against what the compiled kernel
// allows, the three regions are allocated in one device allocation (state
// zeroed) with a pinned host mirror of the io region, the run seed is written
// to the module's seed global, and each function is captured once as a CUDA
// graph: inputs host-to-device, the error word zeroed, the kernel launches,
// outputs and the error word device-to-host.
//
// A run replays the function's graph and waits for it; a failed run-time
// check of the kernels (the error word) comes back as a status.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H
#define DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H

#include <array>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "runtime/backends/cuda/CudaDriver.h"
#include "runtime/backends/cuda/CudaProgram.h"
#include "runtime/bundle/BundleReader.h"
#include "runtime/exec/Backend.h"

namespace dlc::rt::exec {

class CudaBackend : public Backend {
public:
  /// See the header comment. `bundle` must outlive the backend.
  static absl::StatusOr<std::unique_ptr<CudaBackend>> create(const bundle::Bundle &bundle,
                                                             const BackendOptions &options);
  ~CudaBackend() override;

  std::string_view name() const override { return "cuda"; }
  std::string device() const override { return device_; }
  absl::Status copyIn(bundle::Region region, uint64_t offset, const void *src,
                      uint64_t bytes) override;
  absl::Status copyOut(bundle::Region region, uint64_t offset, void *dst,
                       uint64_t bytes) const override;
  uint8_t *io() override { return io_; }
  const uint8_t *io() const override { return io_; }
  absl::Status run(std::string_view function) override;

private:
  CudaBackend(const bundle::Manifest &manifest, const cuda::Driver &driver)
      : manifest_(manifest), driver_(driver), api_(driver.api()) {}
  absl::Status open(const bundle::Bundle &bundle, const BackendOptions &options);
  absl::Status capture(const std::string &name, const cuda::FunctionProgram &f);
  CUdeviceptr address(bundle::Region region, uint64_t offset) const {
    return base_[size_t(region)] + offset;
  }

  const bundle::Manifest &manifest_;
  const cuda::Driver &driver_;
  const cuda::DriverApi &api_;
  cuda::Program program_;
  std::string device_;
  CUdevice dev_ = 0;
  CUcontext context_ = nullptr;
  bool retained_ = false;
  CUstream stream_ = nullptr;
  CUmodule module_ = nullptr;
  std::vector<CUfunction> functions_;
  CUdeviceptr allocation_ = 0;
  std::array<CUdeviceptr, bundle::kNumRegions> base_{};
  uint8_t *io_ = nullptr;       ///< pinned mirror of the io region
  int32_t *hostError_ = nullptr; ///< pinned copy of the error word
  CUdeviceptr errorWord_ = 0;   ///< 0 when the code has no run-time checks
  struct Graph {
    CUgraph graph = nullptr;
    CUgraphExec exec = nullptr;
  };
  std::map<std::string, Graph, std::less<>> graphs_;
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H
