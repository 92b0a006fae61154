// The scalar code of a linalg.generic (its payload) inside a kernel: cloned
// with its block arguments, loop indices and outside values supplied, and the
// operand loads and result stores around it.
#ifndef DLC_CODEGEN_CUDA_PAYLOAD_H
#define DLC_CODEGEN_CUDA_PAYLOAD_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

namespace dlc::cuda {

/// Clones `op`'s payload at `b`: block argument i is `args[i]`, `linalg.index d`
/// is `ivs[d]`, and each value defined outside the op is materialised in the
/// kernel by materializeOutside. Returns the yielded values.
mlir::FailureOr<llvm::SmallVector<mlir::Value>>
clonePayload(mlir::OpBuilder &b, mlir::linalg::GenericOp op, mlir::ValueRange args,
             mlir::ValueRange ivs);

/// `v`, defined outside a kernel, as the kernel reads it: memrefs and index
/// values as they are (kernel parameters the launch list fills in);
/// constants, the pure arithmetic on them, loads of memrefs and reads of
/// globals cloned in front of `b`, so that no scalar is computed on the host.
/// Fails (naming the op) for a value computed otherwise.
mlir::FailureOr<mlir::Value> materializeOutside(mlir::OpBuilder &b, mlir::Value v,
                                                mlir::IRMapping &cloned);

/// Loads operand `operand` of `op` at loop indices `ivs` (through its
/// indexing map); a scalar operand is itself.
mlir::Value loadOperand(mlir::OpBuilder &b, mlir::Location loc, mlir::linalg::GenericOp op,
                        mlir::OpOperand &operand, mlir::ValueRange ivs);

/// Stores `value` into output `result` of `op` at loop indices `ivs`.
void storeResult(mlir::OpBuilder &b, mlir::Location loc, mlir::linalg::GenericOp op,
                 unsigned result, mlir::Value value, mlir::ValueRange ivs);

/// Whether the payload reads output `result`'s block argument (its initial
/// value or running accumulator).
bool readsOutput(mlir::linalg::GenericOp op, unsigned result);

/// The first name a location carries (the layer the lowering kept), "" when
/// none: what a kernel computes, for names, reports and messages.
std::string locationName(mlir::Location loc);

/// The initial value of output `result` of `op` at loop indices `ivs`: loaded
/// from the output buffer, or, with a `producer` (an element-wise op that
/// would have written that buffer just before, folded into `op`'s kernel),
/// computed as the producer computes it at the same output element.
mlir::FailureOr<mlir::Value> loadInit(mlir::OpBuilder &b, mlir::Location loc,
                                      mlir::linalg::GenericOp op, unsigned result,
                                      mlir::ValueRange ivs, mlir::linalg::GenericOp producer);

} // namespace dlc::cuda

#endif // DLC_CODEGEN_CUDA_PAYLOAD_H
