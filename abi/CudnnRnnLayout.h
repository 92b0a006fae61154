// Where a Keras recurrent layer's weights lie in a cuDNN RNN weight space, as
// the CUDA targets pack them (codegen/cuda/DlcCudaCudnnRnns.cpp) and the
// runtime checks against cudnnGetRNNWeightParams when a bundle is opened
// (runtime/backends/cuda/LibraryCalls.cpp): one layer, one direction, linear
// input, float32, CUDNN_RNN_DOUBLE_BIAS.
//
// The weight space of such an RNN with G gates (cuDNN's "linear layers" are
// 2G: IDs 0..G-1 multiply the input, G..2G-1 the previous hidden state), input
// size F and hidden size U, in floats:
//
//   [ W_0 .. W_{G-1} | R_0 .. R_{G-1} | bW_0 .. bW_{G-1} | bR_0 .. bR_{G-1} ]
//     each [U, F]      each [U, U]      each [U]           each [U]
//
// matrices row-major, so that W_j · x_t is row u of W_j times x_t. cuDNN's
// gate j is Keras gate g with j = cudnnGate(cell, g):
//
//   LSTM  Keras i, f, c, o   cuDNN i=0, f=1, c'=2, o=3   (the same order)
//   GRU   Keras z, r, h      cuDNN r=0, z=1, h'=2        (z and r swap)
//   RNN   one gate           0
//
// Keras' kernel [F, G·U] holds W_j transposed (kernel[f][g·U + u] is
// W_j[u][f]), its recurrent_kernel [U, G·U] likewise R_j; an LSTM's or
// SimpleRNN's one bias [G·U] is bW (bR zero), a reset_after GRU's bias
// [2, G·U] is bW (row 0) and bR (row 1).
#ifndef DLC_ABI_CUDNNRNNLAYOUT_H
#define DLC_ABI_CUDNNRNNLAYOUT_H

#include <cstdint>
#include <string_view>

namespace dlc::abi {

enum class RnnCell { Lstm, Gru, RnnTanh, RnnRelu };

/// The manifest's name of a cell ("lstm", "gru", "rnn_tanh", "rnn_relu").
constexpr std::string_view rnnCellName(RnnCell cell) {
  switch (cell) {
  case RnnCell::Lstm: return "lstm";
  case RnnCell::Gru: return "gru";
  case RnnCell::RnnTanh: return "rnn_tanh";
  case RnnCell::RnnRelu: return "rnn_relu";
  }
  return "";
}

/// The cell of a manifest name; false when there is none.
constexpr bool parseRnnCell(std::string_view name, RnnCell &out) {
  for (RnnCell c : {RnnCell::Lstm, RnnCell::Gru, RnnCell::RnnTanh, RnnCell::RnnRelu})
    if (rnnCellName(c) == name) {
      out = c;
      return true;
    }
  return false;
}

constexpr int rnnGates(RnnCell cell) {
  return cell == RnnCell::Lstm ? 4 : cell == RnnCell::Gru ? 3 : 1;
}

/// cuDNN's gate index of Keras gate `g`.
constexpr int cudnnGate(RnnCell cell, int g) {
  return cell == RnnCell::Gru && g < 2 ? 1 - g : g;
}

/// The float offsets of one weight space (F = input, U = hidden size).
struct RnnWeightSpace {
  RnnCell cell = RnnCell::Lstm;
  int64_t input = 0, hidden = 0;

  constexpr int gates() const { return rnnGates(cell); }
  /// cuDNN linear layer `id` (0..2G-1): its matrix's first float.
  constexpr int64_t matrixOffset(int id) const {
    const int g = gates();
    return id < g ? id * hidden * input : g * hidden * input + (id - g) * hidden * hidden;
  }
  /// Its matrix's columns (F for an input matrix, U for a recurrent one).
  constexpr int64_t matrixColumns(int id) const { return id < gates() ? input : hidden; }
  /// cuDNN linear layer `id`: its bias's first float.
  constexpr int64_t biasOffset(int id) const {
    return gates() * hidden * (input + hidden) + id * hidden;
  }
  /// Floats in all.
  constexpr int64_t size() const { return gates() * hidden * (input + hidden + 2); }

  /// Where Keras' kernel[f][g·U + u] goes.
  constexpr int64_t kernelIndex(int64_t f, int g, int64_t u) const {
    return matrixOffset(cudnnGate(cell, g)) + u * input + f;
  }
  /// Where Keras' recurrent_kernel[v][g·U + u] goes.
  constexpr int64_t recurrentIndex(int64_t v, int g, int64_t u) const {
    return matrixOffset(gates() + cudnnGate(cell, g)) + u * hidden + v;
  }
  /// Where bias row `row` (0: the input bias bW, 1: the recurrent bias bR)
  /// element g·U + u goes.
  constexpr int64_t biasIndex(int row, int g, int64_t u) const {
    return biasOffset(row * gates() + cudnnGate(cell, g)) + u;
  }
};

/// What the compiler reserves for the calls (bytes); the runtime checks
/// cuDNN's own sizes (cudnnGetRNNTempSpaceSizes) against what the bundle
/// says, so a bound too small is an error naming the layer when the bundle
/// is opened, never a silent overrun. Both are generous multiples of what
/// the standard algorithm keeps per step (the gate values and states of
/// every step and sequence: G + 2 vectors of U floats).
constexpr uint64_t rnnReserveBound(RnnCell cell, int64_t batch, int64_t steps, int64_t hidden) {
  return uint64_t(4) * uint64_t(steps) * uint64_t(batch) * uint64_t(hidden) *
             uint64_t(2 * rnnGates(cell) + 4) +
         (uint64_t(4) << 20);
}
constexpr uint64_t rnnWorkspaceBound(RnnCell cell, int64_t batch, int64_t steps,
                                     int64_t hidden) {
  return uint64_t(4) * uint64_t(steps) * uint64_t(batch) * uint64_t(hidden) *
             uint64_t(2 * rnnGates(cell)) +
         (uint64_t(16) << 20);
}

} // namespace dlc::abi

#endif // DLC_ABI_CUDNNRNNLAYOUT_H
