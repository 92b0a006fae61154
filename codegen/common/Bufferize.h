// The tensor-to-buffer steps every generating target runs the same way.
#ifndef DLC_CODEGEN_COMMON_BUFFERIZE_H
#define DLC_CODEGEN_COMMON_BUFFERIZE_H

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace dlc {

/// Empty-tensor elimination, one-shot bufferization of the whole module
/// (function boundaries with identity layouts; loops may yield fresh
/// buffers, as the recurrences' scf.for carrying (h, c) does) and results
/// turned into out-parameters.
void addModuleBufferization(mlir::OpPassManager &pm);

} // namespace dlc

#endif // DLC_CODEGEN_COMMON_BUFFERIZE_H
