// The cpu target's lowering after the training pipeline, as two registered
// stages: dlc → linalg on tensors (`dlc-cpu-to-linalg`: loop order, row
// tiles, element-wise fusion) → buffers → loops, parallel loops over OpenMP
// threads → the LLVM dialect with a C interface per entry (`dlc-cpu-to-llvm`).
// The whole pipeline, training stage included, is `dlc-cpu-pipeline`
// (codegen/Targets.cpp); `serialize`, `dlc compile --emit` and the lit tests
// all run these builders.
#ifndef DLC_CODEGEN_CPU_CPUPIPELINE_H
#define DLC_CODEGEN_CPU_CPUPIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace dlc::cpu {

/// Registers with `context` what the lowering needs beyond the dialects
/// themselves: the bufferization, LLVM-conversion and translation
/// interfaces of the upstream dialects.
void registerLoweringInterfaces(mlir::MLIRContext &context);

/// The `linalg` stage: dlc-keep-entry-functions, convert-dlc-to-linalg (the
/// dropout key read from the native ABI's run-seed global),
/// dlc-linalg-loop-order, dlc-linalg-tile-rows, dlc-linalg-fuse-elementwise,
/// canonicalize, cse.
void buildToLinalgPipeline(mlir::OpPassManager &pm);

/// The `llvm-dialect` stage, from linalg on tensors: one-shot bufferization
/// (identity layouts at function boundaries), results to out-parameters,
/// the C interface of the entries, ownership-based deallocation, matmuls
/// and convolutions as register-tiled vector code, linalg to loops
/// (`parallel`: outer parallel loops become OpenMP work-sharing loops),
/// run-time checks to the native ABI's error word, vectors to FMAs, loads
/// and stores, and the conversions to LLVM.
void buildToLLVMPipeline(mlir::OpPassManager &pm, bool parallel);

/// f32 lanes of the compiling machine's vector registers (16 with AVX-512,
/// else 8): the register tiles' width.
int64_t hostVectorLanes();

/// Whether this build's cpu code runs its parallel loops on OpenMP threads
/// (it has LLVM's OpenMP runtime to link), the default of `parallel`.
bool parallelByDefault();

/// Registers the cpu passes (codegen/cpu/Passes.td) and the two stages,
/// `dlc-cpu-to-linalg` and `dlc-cpu-to-llvm{parallel=true|false}`.
void registerCpuPasses();

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_CPUPIPELINE_H
