// The cuda backend: runs a bundle compiled for cuda-ptx, cuda-cudnn or cuda on
// an NVIDIA GPU through the driver API (CudaDriver.h, loaded at run time);
// the library steps of cuda-cudnn and cuda bundles through cuDNN 9 and
// cuBLASLt, loaded at run time too (VendorLibraries.h, LibraryCalls.h).
//
// At open, in this order, so a bad bundle or machine fails before any work:
// the manifest's kernels and launches are read and checked (CudaProgram.h),
// the PTX text is checked, cuDNN and cuBLASLt are loaded when the bundle
// calls them and each library step's descriptors are built (the libraries
// check its shapes; no device needed), the driver is loaded, the GPU's compute capability
// is checked against the bundle's architecture, the PTX module is loaded
// (JIT-compiled by the driver; its log comes with an error), every kernel is
// looked up and its block size checked against what the compiled kernel
// allows, the three regions are allocated in one device allocation (state
// zeroed) with a pinned host mirror of the io region, the run seed is written
// to the module's seed global, the library handles are created on the
// backend's stream and each library step's engine (cuDNN: deterministic,
// float32 math, no tensor cores) or algorithm (cuBLASLt's heuristic, compute
// type 32F: no TF32) chosen once with its workspace in the arena, each call
// run once (then the regions are zeroed again; a fused call — a bgrad GEMM,
// a convolution with bias and activation in one cuDNN graph — that the
// device has no algorithm or engine for, or that fails this run, is replaced
// by its fallback's steps, and a note on stderr says so), and each function is
// captured once as a CUDA graph: inputs host-to-device, the error word
// zeroed, the kernel launches and library calls in order, outputs and the
// error word device-to-host.
//
// A run replays the function's graph and waits for it; a failed run-time
// check of the kernels (the error word) comes back as a status.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H
#define DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/backends/cuda/CudaDriver.h"
#include "runtime/backends/cuda/CudaProgram.h"
#include "runtime/backends/cuda/LibraryCalls.h"
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

  /// Times groups of steps of `function` on the device (`dlc tune`, one
  /// group per op): each group's steps in order, `repeats` times over,
  /// captured as one CUDA graph, launched once untimed and once between two
  /// events; the milliseconds per repetition of each group, in order. The
  /// steps read and write the regions as a run does.
  absl::StatusOr<std::vector<double>> timeStepGroups(
      std::string_view function, const std::vector<std::vector<size_t>> &groups, int repeats);
  /// The bundle's kernels and steps (which op each kernel and library step
  /// computes). After open, a fused library step the device cannot run has
  /// been replaced by its fallback's steps.
  const cuda::Program &program() const { return program_; }
  /// Per fused library step, what open chose: "train_step step 12
  /// (cublaslt.gemm of dense_1): fused (...)" or "...: not fused on this
  /// device (why); running its fallback (...)". The fallbacks are also
  /// printed to stderr as notes, and every choice with DLC_CUDA_VERBOSE set.
  /// With DLC_CUDA_FORCE_FALLBACK set, every fused step runs its fallback (a
  /// check of the fallbacks on a device that has the fused algorithms).
  const std::vector<std::string> &libraryChoices() const { return libraryChoices_; }

private:
  CudaBackend(const bundle::Manifest &manifest, const cuda::Driver &driver)
      : manifest_(manifest), driver_(driver), api_(driver.api()) {}
  absl::Status open(const bundle::Bundle &bundle, const BackendOptions &options);
  /// The kernel launches' arguments, pointers resolved, and the pointers to
  /// them cuLaunchKernel takes (one entry per step; empty for library steps).
  struct Arguments {
    std::vector<std::vector<uint64_t>> values;
    std::vector<std::vector<void *>> params;
  };
  Arguments resolveArguments(const cuda::FunctionProgram &f) const;
  /// Step `i` of function `name` on the backend's stream.
  absl::Status enqueueStep(const std::string &name, const cuda::FunctionProgram &f, size_t i,
                           Arguments &args);
  absl::Status capture(const std::string &name, const cuda::FunctionProgram &f);
  /// The library handles on the backend's stream, and each library step's
  /// algorithm or engine chosen with its device addresses (once, at open).
  absl::Status planLibraryCalls();
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
  uint64_t allocationBytes_ = 0;
  std::array<CUdeviceptr, bundle::kNumRegions> base_{};
  uint8_t *io_ = nullptr;       ///< pinned mirror of the io region
  int32_t *hostError_ = nullptr; ///< pinned copy of the error word
  CUdeviceptr errorWord_ = 0;   ///< 0 when the code has no run-time checks
  struct Graph {
    CUgraph graph = nullptr;
    CUgraphExec exec = nullptr;
  };
  /// Ends the stream's capture and instantiates its graph; `recorded` is
  /// how recording the captured work went (its error first), `what` the
  /// prefix of the driver's error messages.
  absl::StatusOr<Graph> endCapture(const absl::Status &recorded, std::string_view what);
  std::map<std::string, Graph, std::less<>> graphs_;
  // The library steps (cuda-cudnn and cuda bundles): per function, one entry
  // per step, null for a kernel launch.
  std::map<std::string, std::vector<std::unique_ptr<cuda::LibraryCall>>> calls_;
  // The calls of fused steps' fallbacks (function, step index), described at
  // create; and fused calls the libraries refused to describe.
  std::map<std::string, std::map<size_t, std::vector<std::unique_ptr<cuda::LibraryCall>>>>
      fallbackCalls_;
  std::map<std::string, std::map<size_t, absl::Status>> refusedAtDescribe_;
  std::vector<std::string> libraryChoices_;
  const cuda::Cudnn *cudnn_ = nullptr;
  const cuda::CublasLt *cublasLt_ = nullptr;
  void *cudnnHandle_ = nullptr;    ///< cudnnHandle_t
  void *cublasLtHandle_ = nullptr; ///< cublasLtHandle_t

  /// The library handle a call runs on: cuDNN's or cuBLASLt's.
  void *handleOf(const cuda::LibraryCall &call) const {
    return call.step().library() == "cudnn" ? cudnnHandle_ : cublasLtHandle_;
  }
};

} // namespace dlc::rt::exec

#endif // DLC_RUNTIME_BACKENDS_CUDA_CUDABACKEND_H
