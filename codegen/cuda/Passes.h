// Declarations and registration of the CUDA targets' own passes (generated
// from codegen/cuda/Passes.td).
#ifndef DLC_CODEGEN_CUDA_PASSES_H
#define DLC_CODEGEN_CUDA_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace dlc::cuda {

#define GEN_PASS_DECL
#include "codegen/cuda/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/cuda/Passes.h.inc"

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_PASSES_H
