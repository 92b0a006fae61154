// What a CUDA bundle asks the GPU to do, read from its manifest and checked
// before a driver is touched (abi/CudaAbi.h): the kernels of its PTX module,
// and per function the static list of launches with their grids, blocks and
// 64-bit arguments (pointers as region + offset). Everything a malformed or
// foreign bundle can get wrong is found here, with the manifest path of the
// field: a kernel index out of range, an argument count that is not the
// kernel's, a pointer outside its region, a block over 1024 threads, PTX text
// that is not PTX, for another architecture or missing a kernel.
#ifndef DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H
#define DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "runtime/bundle/Manifest.h"

namespace dlc::rt::cuda {

struct Kernel {
  std::string name;
  std::string params; ///< 'p' pointer, 'u' value, one per 64-bit parameter
  std::string op;     ///< what it computes, for messages
};

struct Launch {
  int kernel = 0;
  std::array<uint32_t, 3> grid{1, 1, 1}, block{1, 1, 1};
  uint32_t sharedBytes = 0;
  std::vector<uint64_t> args; ///< pointers still encoded (abi::encodePointer)
};

struct FunctionProgram {
  std::vector<int> inputs, outputs; ///< tensor indices (the io region)
  std::vector<Launch> launches;
};

struct Program {
  std::string section;  ///< the bundle section holding the PTX
  std::string arch;     ///< "sm_80"
  int computeCapability = 0; ///< 80
  std::vector<Kernel> kernels;
  std::vector<std::string> errors; ///< error code c is errors[c - 1]
  std::string seedGlobal, errorGlobal;
  std::map<std::string, FunctionProgram, std::less<>> functions;
};

/// Reads the manifest's "cuda" object and every function's "kernel" steps.
/// Errors are InvalidArgument naming the field ("manifest: functions.
/// train_step.steps[4].args[2]: ...").
absl::StatusOr<Program> readProgram(const bundle::Manifest &manifest);

/// Checks the PTX text of `program.section`: NUL-terminated text with the
/// .version, .target (the manifest's arch) and .address_size 64 directives,
/// and an .entry for every kernel with as many parameters as it is launched
/// with. Errors are InvalidArgument naming `what`.
absl::Status checkPtx(std::string_view ptx, const Program &program, std::string_view what);

} // namespace dlc::rt::cuda

#endif // DLC_RUNTIME_BACKENDS_CUDA_CUDAPROGRAM_H
