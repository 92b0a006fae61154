// Declarations and registration of the cpu target's own passes (generated
// from codegen/cpu/Passes.td).
#ifndef DLC_CODEGEN_CPU_PASSES_H
#define DLC_CODEGEN_CPU_PASSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace dlc::cpu {

#define GEN_PASS_DECL
#include "codegen/cpu/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/cpu/Passes.h.inc"

} // namespace dlc::cpu

#endif // DLC_CODEGEN_CPU_PASSES_H
