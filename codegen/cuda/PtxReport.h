// `dlc compile --target=cuda-ptx --report`: each kernel with what it computes,
// how often each function launches it, and — from `ptxas -v` when the CUDA
// toolkit's assembler is there — its registers, shared memory and spills.
#ifndef DLC_CODEGEN_CUDA_PTXREPORT_H
#define DLC_CODEGEN_CUDA_PTXREPORT_H

#include "codegen/cuda/LaunchList.h"

#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace dlc::cuda {

/// The ptxas to use: $DLC_PTXAS, the toolkit's found at build time, else
/// `ptxas` on PATH; nullopt when none exists.
std::optional<std::string> findPtxas();

/// Runs `ptxas -v -arch=<arch>` on `ptx`; its output (stderr and stdout), or
/// nullopt with `error` set when it cannot run or fails.
std::optional<std::string> assemblePtx(llvm::StringRef ptx, llvm::StringRef arch,
                                       std::string &error);

void writeReport(llvm::raw_ostream &os, const LaunchList &list, llvm::StringRef ptx,
                 llvm::StringRef arch);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_PTXREPORT_H
