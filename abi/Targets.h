// The one list of dlc's code-generation targets: their names (a bundle's
// manifest "target", `--target=NAME`), the device each runs on, the bundle
// section its code lives in, and what a machine needs to run it. The compiler
// offers the targets it implements from this list; the runtime runs the ones
// it has a backend for; `dlc bench` knows every name here.
#ifndef DLC_ABI_TARGETS_H
#define DLC_ABI_TARGETS_H

#include <array>
#include <cstdint>
#include <string_view>

namespace dlc::abi {

enum class Device : uint8_t {
  Host, ///< this machine's CPU
  Cuda, ///< an NVIDIA GPU through the CUDA driver
};

/// What a machine must have to run a target's bundles, beyond the runtime.
enum Needs : uint32_t {
  kNeedsNothing = 0,
  kNeedsCudaDriver = 1u << 0, ///< libcuda.so.1 and a GPU (loaded at run time)
  kNeedsCudnn = 1u << 1,      ///< libcudnn.so.9 (loaded at run time)
  kNeedsCublas = 1u << 2,     ///< libcublas.so.13 and libcublasLt.so.13 (loaded at run time)
};

struct TargetInfo {
  const char *name;
  Device device;
  /// The bundle section holding the target's code ("" = none: cpu-ref runs
  /// the runtime's own reference kernels).
  const char *codeSection;
  uint32_t needs;
  const char *summary;
};

inline constexpr std::array<TargetInfo, 5> kTargets{{
    {"cpu-ref", Device::Host, "", kNeedsNothing,
     "reference kernels of the runtime, one call per op: the oracle"},
    {"cpu", Device::Host, "code.cpu", kNeedsNothing,
     "native code generated through linalg and LLVM, vectorised, multi-threaded"},
    {"cuda-ptx", Device::Cuda, "code.ptx", kNeedsCudaDriver,
     "GPU kernels generated as PTX, no vendor libraries"},
    {"cuda-cudnn", Device::Cuda, "code.ptx", kNeedsCudaDriver | kNeedsCudnn | kNeedsCublas,
     "cuDNN and cuBLAS calls, generated kernels for the rest"},
    {"cuda", Device::Cuda, "code.ptx", kNeedsCudaDriver | kNeedsCudnn | kNeedsCublas,
     "per op the faster of cuda-cudnn and cuda-ptx"},
}};

/// The target called `name`, or null.
constexpr const TargetInfo *findTarget(std::string_view name) {
  for (const TargetInfo &t : kTargets)
    if (std::string_view(t.name) == name)
      return &t;
  return nullptr;
}

constexpr const char *deviceName(Device d) { return d == Device::Host ? "host" : "cuda"; }

} // namespace dlc::abi

#endif // DLC_ABI_TARGETS_H
