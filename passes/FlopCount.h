// The compiler's FLOP count of a dlc function: an analysis (no rewriting) that
// the bundle manifest records ("flops") and `dlc bench` divides by measured
// time. One multiply-add is 2 FLOPs; shape ops (reshape, flatten, slice, ...)
// and gathers (embedding) are 0. Per op, with E(x) the element count:
//
//   dense                      2*M*K*N (+ M*N with bias), M = rows of input
//   dense_grad_input/_kernel   2*M*K*N each
//   conv2d                     2*N*Ho*Wo*KH*KW*C*F (+ E(result) with bias)
//   conv2d_grad_input/_filter  2*N*Ho*Wo*KH*KW*C*F each
//   max/avg_pool2d(_grad)      E(pooled result) * PH*PW
//   lstm   per step            8*N*U*(F+U) + 13*N*U     (4 gates)
//   gru    per step            6*N*U*(F+U) + 10*N*U     (3 gates)
//   simple_rnn per step        2*N*U*(F+U) + 2*N*U
//   *_grad of a recurrent op   twice its forward count (BPTT: the input-side
//                              and the weight-side products), no recompute
//   lstm_record                as lstm; lstm_grad_recorded as lstm_grad (the
//                              recompute it drops was never counted)
//   activation(_grad), dropout, categorical_crossentropy_grad, accuracy
//                              1 per element; add: operands-1 per element
//   softmax(_grad)             3 per element; categorical_crossentropy 2
//   reduce_sum                 E(input); embedding_grad E(result_grad)
//   sgd_update                 2 per parameter element (4 with momentum, 7
//                              nesterov); rmsprop 9; adam 12; adadelta 16
//   time_distributed           its body's count times the time steps
//   any other op               1 per result element (counted under its name)
#ifndef DLC_PASSES_FLOPCOUNT_H
#define DLC_PASSES_FLOPCOUNT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <cstdint>
#include <map>
#include <string>

namespace dlc {

struct FlopCount {
  int64_t total = 0;
  /// FLOPs per op name without the "dlc." prefix ("dense", "lstm_grad", ...).
  std::map<std::string, int64_t> byOp;
};

/// FLOPs of one op (with the table above).
int64_t countOpFlops(mlir::Operation *op);

/// FLOPs of one call of `func`: the sum over its ops.
FlopCount countFlops(mlir::func::FuncOp func);

} // namespace dlc

#endif // DLC_PASSES_FLOPCOUNT_H
