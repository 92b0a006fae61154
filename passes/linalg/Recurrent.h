// Internal to convert-dlc-to-linalg: the builders the recurrent layers'
// forward lowerings (RNNLowering.cpp) and backpropagation through time
// (BPTTLowering.cpp) share.
#ifndef DLC_PASSES_LINALG_RECURRENT_H
#define DLC_PASSES_LINALG_RECURRENT_H

#include "passes/linalg/Lowering.h"

namespace dlc::linalg_lowering {

/// x [N, T, F] · kernel [F, G] + bias [G] for every step at once: [N, T, G].
Value projectInputs(OpBuilder &b, Location loc, Value x, Value kernel, Value bias);

/// Columns [from, from + size) of a matrix.
Value columns(OpBuilder &b, Location loc, Value m, int64_t from, int64_t size);

/// A generic over (n, u) of an [N, U] state whose inputs are column blocks of
/// wider matrices: input i is columns [block * U, (block + 1) * U) of its
/// value (a slice, which bufferizes to a view). Output i is written into
/// `outs[i]` where given, else into a new tensor.
llvm::SmallVector<Value>
cellGeneric(OpBuilder &b, Location loc, int64_t n, int64_t u, Type elt,
            llvm::ArrayRef<std::pair<Value, int64_t>> in, int64_t outputs,
            const BodyFn &body, ValueRange outs = {});

/// [N, 1, W] slice of an [N, T, W] tensor at time `at`, rank-reduced to [N, W].
Value timeSlice(OpBuilder &b, Location loc, Value seq, Value at);

/// Writes `value` [N, W] into `seq` [N, T, W'] at time `at`, columns from
/// `column`.
Value insertTimeSlice(OpBuilder &b, Location loc, Value value, Value seq,
                      Value at, int64_t column = 0);

/// The gradient reaching h at reverse-loop iteration `iv` (time `step` =
/// T - 1 - iv): `dhNext` from the later steps plus, with return_sequences,
/// the result gradient `dy` [N, T, U] at `step`; else `dy` [N, U] at the
/// first iteration (the last step) and `dhNext` after it.
Value hiddenGradAt(OpBuilder &b, Location loc, Value iv, Value step, Value dhNext,
                   Value dy, bool returnSequences);

/// The rows of a batch chunk: a recurrence's rows are independent, so with
/// `parallel` (the pass's parallel-chunks: the cpu target's host threads)
/// a time loop runs once per chunk of rows inside one scf.forall, each
/// thread stepping its own rows through every step (one fork per layer
/// and pass instead of one per step and op). 32 rows when the batch has
/// at least 64 and divides, else 8 when it divides; 0: no chunks.
int64_t batchChunkRows(int64_t batch, bool parallel);

/// Runs `body` on `inputs` (batch-major tensors) and returns its results of
/// batch-major types `resultTypes`: once over the whole batch, or with
/// `chunkRows` once per chunk of that many rows as an scf.forall (the
/// inputs sliced along dimension 0, each chunk's results inserted at its
/// rows). The body sees only its rows: it must take its sizes from them.
llvm::SmallVector<Value>
forEachBatchChunk(OpBuilder &b, Location loc, int64_t chunkRows, ValueRange inputs,
                  mlir::TypeRange resultTypes,
                  llvm::function_ref<llvm::SmallVector<Value>(OpBuilder &, Location, ValueRange)>
                      body);

/// lstm_grad, simple_rnn_grad, and the recording pair of dlc-fuse-lstm-step
/// (lstm_record, lstm_grad_recorded); `parallel`: batch chunks.
void populateBPTTLoweringPatterns(mlir::RewritePatternSet &patterns, bool parallel);

} // namespace dlc::linalg_lowering

#endif // DLC_PASSES_LINALG_RECURRENT_H
