// The `dlc_cuda` dialect: the CUDA targets' vendor library calls (cuBLASLt
// GEMMs, cuDNN convolutions and RNNs), generated from codegen/cuda/LibraryOps.td.
#ifndef DLC_CODEGEN_CUDA_LIBRARYOPS_H
#define DLC_CODEGEN_CUDA_LIBRARYOPS_H

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "abi/CudnnRnnLayout.h"

#include "codegen/cuda/LibraryOpsDialect.h.inc"

#define GET_OP_CLASSES
#include "codegen/cuda/LibraryOps.h.inc"

namespace dlc::cuda {

/// The names of a dlc_cuda.gemm's epilogues.
inline constexpr llvm::StringLiteral kGemmEpilogues[] = {"none", "bias", "relu", "relu_bias",
                                                        "bgrad"};

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_LIBRARYOPS_H
