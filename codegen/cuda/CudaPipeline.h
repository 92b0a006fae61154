// The CUDA targets' lowering after the training stage, as registered stages:
//   dlc-cuda-to-linalg   dlc → linalg on tensors (target-neutral lowering with
//                        the GPU's choices: no host chunks, generalised, fused)
//   dlc-cuda-to-kernels  buffers, then every linalg op and copy a kernel by its
//                        schedule (dlc-cuda-form-kernels), run-time checks to
//                        the error word, kernels outlined into one gpu.module;
//                        the host code left is what the launch list evaluates
//   dlc-cuda-to-nvvm     the kernels to the NVVM dialect for a chip (--gpu-arch)
// and the translation `ptx` (the module's PTX text, libdevice linked).
#ifndef DLC_CODEGEN_CUDA_CUDAPIPELINE_H
#define DLC_CODEGEN_CUDA_CUDAPIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace dlc::cuda {

/// The upstream dialects, interfaces and translations the lowering needs.
void registerLoweringInterfaces(mlir::MLIRContext &context);

void buildToLinalgPipeline(mlir::OpPassManager &pm);
/// With `emulate`, kernels are host loops (dlc-cuda-form-kernels{emulate}),
/// left for a host lowering to run: the tests' way to check them on a CPU.
void buildToKernelsPipeline(mlir::OpPassManager &pm, bool emulate = false);
void buildToNVVMPipeline(mlir::OpPassManager &pm, llvm::StringRef chip);

/// An error naming the problem when `chip` is not an architecture the PTX
/// back end of this LLVM supports ("sm_50" .. "sm_90a"), or "".
std::string checkChip(llvm::StringRef chip);

/// The libdevice bitcode the kernels' math functions link against
/// ($DLC_LIBDEVICE, else the toolkit's found at build time).
std::string libdevicePath();

/// The PTX text of the `gpu.module` of `module` (after dlc-cuda-to-nvvm),
/// without the trailing NUL; errors are diagnostics on the module.
mlir::FailureOr<std::string> translateToPtx(mlir::ModuleOp module);

/// Registers the CUDA passes (codegen/cuda/Passes.td) and the three stages.
void registerCudaPasses();

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_CUDAPIPELINE_H
