// The cuDNN RNN weight-space layout the compiler packs and the runtime checks
// (abi/CudnnRnnLayout.h), against tables written by hand from cuDNN's
// documented order (per layer: the input matrices of linear layers 0..G-1,
// the recurrent ones G..2G-1, each [U, cols] row-major, then the input
// biases, then the recurrent biases; GRU gates r, z, h'; LSTM i, f, c', o).
#include "abi/CudnnRnnLayout.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace dlc::abi {
namespace {

TEST(CudnnRnnLayout, CellNames) {
  for (RnnCell c : {RnnCell::Lstm, RnnCell::Gru, RnnCell::RnnTanh, RnnCell::RnnRelu}) {
    RnnCell back = RnnCell::Lstm;
    ASSERT_TRUE(parseRnnCell(rnnCellName(c), back)) << rnnCellName(c);
    EXPECT_EQ(back, c);
  }
  RnnCell unused;
  EXPECT_FALSE(parseRnnCell("lstm_peephole", unused));
  EXPECT_EQ(rnnGates(RnnCell::Lstm), 4);
  EXPECT_EQ(rnnGates(RnnCell::Gru), 3);
  EXPECT_EQ(rnnGates(RnnCell::RnnRelu), 1);
}

// LSTM, F = 2 inputs, U = 1 unit: 4·1·(2 + 1 + 2) = 20 floats.
//   0..7   W_i, W_f, W_c, W_o, each [1, 2]   kernel[f][g] -> 2g + f
//   8..11  R_i, R_f, R_c, R_o, each [1, 1]   recurrent_kernel[0][g] -> 8 + g
//   12..15 bW                                bias[g] -> 12 + g
//   16..19 bR (zero for Keras' one bias)
TEST(CudnnRnnLayout, LstmAgainstHandTable) {
  const RnnWeightSpace s{RnnCell::Lstm, 2, 1};
  EXPECT_EQ(s.size(), 20);
  const int kernel[2][4] = {{0, 2, 4, 6}, {1, 3, 5, 7}}; // [f][g]
  for (int f = 0; f < 2; ++f)
    for (int g = 0; g < 4; ++g)
      EXPECT_EQ(s.kernelIndex(f, g, 0), kernel[f][g]) << "kernel[" << f << "][" << g << "]";
  for (int g = 0; g < 4; ++g) {
    EXPECT_EQ(s.recurrentIndex(0, g, 0), 8 + g);
    EXPECT_EQ(s.biasIndex(0, g, 0), 12 + g);
    EXPECT_EQ(s.biasIndex(1, g, 0), 16 + g);
  }
  const int64_t matrices[8] = {0, 2, 4, 6, 8, 9, 10, 11};
  for (int id = 0; id < 8; ++id) {
    EXPECT_EQ(s.matrixOffset(id), matrices[id]) << id;
    EXPECT_EQ(s.biasOffset(id), 12 + id) << id;
    EXPECT_EQ(s.matrixColumns(id), id < 4 ? 2 : 1) << id;
  }
}

// GRU, F = 1, U = 2: 3·2·(1 + 2 + 2) = 30 floats. cuDNN's gates are r, z, h'
// (Keras z, r, h: the first two swap).
//   0..5   W_r, W_z, W_h [2, 1]   6..17 R_r, R_z, R_h [2, 2]
//   18..23 bW_r, bW_z, bW_h       24..29 bR_r, bR_z, bR_h
TEST(CudnnRnnLayout, GruAgainstHandTable) {
  const RnnWeightSpace s{RnnCell::Gru, 1, 2};
  EXPECT_EQ(s.size(), 30);
  // kernel[0][g·2 + u] for Keras g = z, r, h.
  const int kernel[6] = {2, 3, 0, 1, 4, 5};
  for (int c = 0; c < 6; ++c)
    EXPECT_EQ(s.kernelIndex(0, c / 2, c % 2), kernel[c]) << "kernel[0][" << c << "]";
  // recurrent_kernel[v][g·2 + u]: R_j[u][v] at 6 + 4j + 2u + v.
  const int recurrent[2][6] = {{10, 12, 6, 8, 14, 16}, {11, 13, 7, 9, 15, 17}};
  for (int v = 0; v < 2; ++v)
    for (int c = 0; c < 6; ++c)
      EXPECT_EQ(s.recurrentIndex(v, c / 2, c % 2), recurrent[v][c])
          << "recurrent_kernel[" << v << "][" << c << "]";
  // bias[row][g·2 + u]: row 0 the input biases, row 1 the recurrent ones.
  const int bias[2][6] = {{20, 21, 18, 19, 22, 23}, {26, 27, 24, 25, 28, 29}};
  for (int row = 0; row < 2; ++row)
    for (int c = 0; c < 6; ++c)
      EXPECT_EQ(s.biasIndex(row, c / 2, c % 2), bias[row][c]) << "bias[" << row << "][" << c << "]";
}

// Every Keras element lands on its own float, and every float is one
// element's (so the pack leaves nothing unset and the unpack reads each
// gradient once).
TEST(CudnnRnnLayout, PackingIsABijection) {
  for (RnnCell cell : {RnnCell::Lstm, RnnCell::Gru, RnnCell::RnnTanh}) {
    const RnnWeightSpace s{cell, 3, 5};
    std::set<int64_t> seen;
    const int g = s.gates();
    for (int gate = 0; gate < g; ++gate)
      for (int64_t u = 0; u < 5; ++u) {
        for (int64_t f = 0; f < 3; ++f)
          EXPECT_TRUE(seen.insert(s.kernelIndex(f, gate, u)).second);
        for (int64_t v = 0; v < 5; ++v)
          EXPECT_TRUE(seen.insert(s.recurrentIndex(v, gate, u)).second);
        for (int row = 0; row < 2; ++row)
          EXPECT_TRUE(seen.insert(s.biasIndex(row, gate, u)).second);
      }
    EXPECT_EQ(int64_t(seen.size()), s.size()) << rnnCellName(cell);
    EXPECT_EQ(*seen.begin(), 0);
    EXPECT_EQ(*seen.rbegin(), s.size() - 1);
  }
}

TEST(CudnnRnnLayout, BoundsGrowWithTheProblem) {
  // 28 steps of 896 sequences, 128 units: 12 vectors per step of the LSTM
  // (2·4 gates + 4) plus 4 MiB; workspace 8 vectors plus 16 MiB.
  EXPECT_EQ(rnnReserveBound(RnnCell::Lstm, 896, 28, 128),
            uint64_t(4) * 28 * 896 * 128 * 12 + (uint64_t(4) << 20));
  EXPECT_EQ(rnnWorkspaceBound(RnnCell::Lstm, 896, 28, 128),
            uint64_t(4) * 28 * 896 * 128 * 8 + (uint64_t(16) << 20));
}

} // namespace
} // namespace dlc::abi
