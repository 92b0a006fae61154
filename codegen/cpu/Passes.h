// Declarations and registration of the cpu target's own passes (generated
// from codegen/cpu/Passes.td).
#ifndef DLC_CODEGEN_CPU_PASSES_H
#define DLC_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace dlc::cpu {

/// The unit attribute dlc-cpu-tile-contractions puts on the scf.parallel
/// loops that split a contraction among threads: dlc-outer-parallel-loops
/// keeps them parallel whatever their trip count (their bodies are vector
/// code, which its count of innermost iterations does not see).
inline constexpr llvm::StringLiteral kThreadsAttrName = "dlc.cpu.threads";

/// Whether dlc-cpu-tile-contractions schedules `op` (on tensors or
/// buffers): f32 matmuls, matmuls with A transposed, and width-stride-1
/// convolutions and filter gradients, of static shapes. The loop passes of
/// the linalg stage leave these alone.
bool isRegisterTiledContraction(mlir::linalg::LinalgOp op);

#define GEN_PASS_DECL
#include "codegen/cpu/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/cpu/Passes.h.inc"

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_PASSES_H
