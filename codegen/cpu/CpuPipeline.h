// The cpu target's MLIR pipeline after the dlc-level passes: dlc → linalg on
// tensors (loop order, element-wise fusion) → buffers → loops (parallel loops
// over threads) → the LLVM dialect, with a C-interface entry per function.
#ifndef DLC_CODEGEN_CPU_CPUPIPELINE_H
#define DLC_CODEGEN_CPU_CPUPIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

namespace dlc::cpu {

/// The functions a cpu bundle exports (each as `dlc_<name>`).
llvm::ArrayRef<llvm::StringRef> entryFunctions();

/// Registers with `context` what the lowering needs beyond the dialects
/// themselves: the bufferization, LLVM-conversion and translation
/// interfaces of the upstream dialects.
void registerLoweringInterfaces(mlir::MLIRContext &context);

/// dlc (the target pipeline's output) → linalg on tensors: drops every
/// function but the entries, convert-dlc-to-linalg (seed read from
/// kRunSeedSymbol), dlc-linalg-loop-order, linalg element-wise fusion.
void addLinalgPasses(mlir::OpPassManager &pm);

/// linalg on tensors → the LLVM dialect: one-shot bufferization (identity
/// layouts at function boundaries), results to out-parameters, ownership-
/// based deallocation, linalg to loops (`parallel`: the outer parallel loops
/// become OpenMP work-sharing loops), and the conversions to LLVM; entry
/// functions get `llvm.emit_c_interface`.
void addLLVMDialectPasses(mlir::OpPassManager &pm, bool parallel);

/// Marks the entry functions for the C interface (memref arguments as
/// pointers to descriptors) and drops their dlc.* argument attributes; run
/// before any conversion to LLVM.
void markEntriesForCInterface(mlir::ModuleOp module);

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_CPUPIPELINE_H
