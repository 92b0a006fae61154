// Internal to convert-dlc-to-linalg: the per-kind pattern sets and the small
// builders (element-wise generics, reductions, activations) they share.
#ifndef DLC_PASSES_LINALG_LOWERING_H
#define DLC_PASSES_LINALG_LOWERING_H

#include "ir/DlcOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <functional>
#include <optional>
#include <string>

namespace dlc::linalg_lowering {

using mlir::Location;
using mlir::OpBuilder;
using mlir::RankedTensorType;
using mlir::Type;
using mlir::Value;
using mlir::ValueRange;

/// Options every pattern may read (the pass's options).
struct LoweringOptions {
  /// The Philox key of dropout masks: the run's --seed.
  uint64_t runSeed = 0;
  /// When set, the key is read at run time from this i64 memref.global.
  std::string seedSymbol;
  /// Split the fused optimizer update and the recurrences' batches into
  /// scf.forall chunks for host threads (the cpu target); off, they are plain
  /// ops and loops for a target that maps its own parallelism (a GPU).
  bool parallelChunks = true;
  /// Lower dlc.embedding_grad as a reduction over the ids for every table
  /// element (table rows × width × ids work, no data-dependent host loop: a
  /// GPU target) instead of a sequential scatter-add loop over the ids.
  bool scatterAsReduction = false;
};

void populateNNLoweringPatterns(mlir::RewritePatternSet &patterns,
                                const LoweringOptions &options);
void populateShapeLoweringPatterns(mlir::RewritePatternSet &patterns);
void populateRNNLoweringPatterns(mlir::RewritePatternSet &patterns,
                                 const LoweringOptions &options);
void populateGradLoweringPatterns(mlir::RewritePatternSet &patterns,
                                  const LoweringOptions &options);
void populateTrainLoweringPatterns(mlir::RewritePatternSet &patterns,
                                   const LoweringOptions &options);

/// The body of an element-wise or reduction generic: block arguments in,
/// yielded values out.
using BodyFn =
    std::function<llvm::SmallVector<Value>(OpBuilder &, Location, ValueRange)>;

/// A float (or index/integer) constant of type `type`.
Value constFloat(OpBuilder &b, Location loc, Type type, double value);
Value constIndex(OpBuilder &b, Location loc, int64_t value);

/// tensor.empty of `type`, and the same filled with `value`.
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type);
Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   Value value);

/// A linalg.generic over `resultTypes`' (common) shape whose inputs all have
/// that shape (identity maps, all loops parallel).
llvm::SmallVector<Value> elementwise(OpBuilder &b, Location loc,
                                     mlir::TypeRange resultTypes,
                                     ValueRange inputs, const BodyFn &body);

/// The same, writing into `inits` (so one-shot bufferization can update
/// them in place: the optimizer ops write over parameter and slots).
llvm::SmallVector<Value> elementwiseInto(OpBuilder &b, Location loc,
                                         ValueRange inits, ValueRange inputs,
                                         const BodyFn &body);

/// `input` with `axes` summed out: a reduction generic into zeros. The body
/// gets (input element, accumulator).
Value reduceAxes(OpBuilder &b, Location loc, Value input,
                 llvm::ArrayRef<int64_t> axes, Value init, const BodyFn &body);

/// The sum of `input` over `axes` added to `init`. When the axes are the
/// leading ones and span at least 256 rows R, the rows are summed in blocks
/// of B (the largest divisor of R in [16, sqrt(R)]): first each block, then
/// the R / B block sums, so the rounding error grows with B + R / B rather
/// than R (a convolution's bias gradient sums 86,528 rows on mnist_cnn), and
/// the blocks are parallel work. Else one reduction, as reduceAxes.
Value blockedSum(OpBuilder &b, Location loc, Value input, llvm::ArrayRef<int64_t> axes,
                 Value init);

/// Broadcasts `small` (the shape of `type` without `axes`) to `type`.
Value broadcastAlong(OpBuilder &b, Location loc, Value small,
                     RankedTensorType type, llvm::ArrayRef<int64_t> axes);

/// a(x) and a'(x) of a dlc activation on one scalar.
Value applyActivation(OpBuilder &b, Location loc, Activation kind, Value x,
                      double alpha);
Value activationDerivative(OpBuilder &b, Location loc, Activation kind,
                           Value x, double alpha);

/// Keras' relu options on dlc.activation relu (ir/NNOps.td): the negative
/// slope, the cap and the threshold.
struct ReluOptions {
  double alpha = 0;
  std::optional<double> maxValue;
  double threshold = 0;
  /// Those of `op` (dlc.activation or dlc.activation_grad), when it is a relu
  /// with any of them; nullopt otherwise.
  template <typename Op> static std::optional<ReluOptions> of(Op op) {
    if (op.getKind() != Activation::relu ||
        !(op.getAlpha() || op.getMaxValue() || op.getThreshold()))
      return std::nullopt;
    ReluOptions o;
    if (op.getAlpha())
      o.alpha = op.getAlpha()->convertToDouble();
    if (op.getMaxValue())
      o.maxValue = op.getMaxValue()->convertToDouble();
    if (op.getThreshold())
      o.threshold = op.getThreshold()->convertToDouble();
    return o;
  }
};
/// relu with options, and its derivative (0 at the kinks), on one scalar.
Value applyReluOptions(OpBuilder &b, Location loc, Value x, const ReluOptions &o);
Value reluOptionsDerivative(OpBuilder &b, Location loc, Value x, const ReluOptions &o);

void populatePReLULoweringPatterns(mlir::RewritePatternSet &patterns);

/// [M, K] x [K, N] (or with the `transposeA`/`transposeB` variants) into
/// `init`, accumulating.
Value matmul(OpBuilder &b, Location loc, Value lhs, Value rhs, Value init);

/// Collapses every axis but the last into one ([d0..dk-1, dk] -> [M, dk]),
/// and its inverse.
Value collapseToMatrix(OpBuilder &b, Location loc, Value t);
Value expandFromMatrix(OpBuilder &b, Location loc, Value t,
                       RankedTensorType type);

/// Spreads an NHWC tensor on a strided grid inside a tensor filled with
/// `fill`: element (h, w) lands at (before[0] + h * stride[0], ...), and
/// `after` more rows/columns follow the last one.
Value dilateAndPad(OpBuilder &b, Location loc, Value t,
                   llvm::ArrayRef<int64_t> strides,
                   llvm::ArrayRef<int64_t> before,
                   llvm::ArrayRef<int64_t> after, Value fill);

/// tensor.pad of the H and W axes of an NHWC tensor with `fill`.
Value padHW(OpBuilder &b, Location loc, Value t, llvm::ArrayRef<int64_t> low,
            llvm::ArrayRef<int64_t> high, Value fill);

/// The window geometry of one spatial axis (dlc/TensorFlow rules).
struct Window {
  int64_t in, out, size, stride, dilation, padBefore, padAfter;
};
Window windowOf(int64_t in, int64_t size, int64_t stride, int64_t dilation,
                bool same);

/// Number of in-bounds (unpadded) positions of window `o` along one axis, as
/// an index value (average pooling's divisor).
Value inBoundsCount(OpBuilder &b, Location loc, Value o, const Window &w);

/// cf.assert that 0 <= row < rows (an id outside the table is a run-time
/// error in every target), and the row to read: `row`, or 0 when the check
/// failed, so that code which reports the failure instead of aborting (the
/// error word of dlc-checks-to-error-word) never reads outside the table.
Value checkedRow(OpBuilder &b, Location loc, Value row, int64_t rows, llvm::StringRef what);

} // namespace dlc::linalg_lowering

#endif // DLC_PASSES_LINALG_LOWERING_H
