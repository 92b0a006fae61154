// The cpu target, and a variant of it for tests: the cpu target's code
// generation behind another lowering to loops on buffers. That is how the
// tests run a GPU target's kernels, emulated as host loops over blocks and
// threads (codegen/cuda's dlc-cuda-to-kernels{emulate}), on the CPU and compare
// them with cpu-ref where no GPU exists.
#ifndef DLC_CODEGEN_CPU_CPUTARGET_H
#define DLC_CODEGEN_CPU_CPUTARGET_H

#include "codegen/Target.h"

#include <functional>
#include <memory>

namespace dlc {

std::unique_ptr<Target> createCpuTarget();

/// The cpu target with `linalgStage` in place of its `linalg` stage: what it
/// adds must leave linalg on tensors, or loops on buffers, for the cpu
/// target's `llvm-dialect` stage.
std::unique_ptr<Target>
createCpuTargetWithLinalgStage(std::function<void(mlir::OpPassManager &)> linalgStage);

} // namespace dlc

#endif // DLC_CODEGEN_CPU_CPUTARGET_H
