// The shared op cases (see OpCases.h).
#include "test/unit/codegen/OpCases.h"

#include "codegen/Target.h"
#include "ir/DlcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir;

namespace dlc::test {

const std::vector<Case> &opCases() {
  static const std::vector<Case> cases = {
      {"dense", R"(
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"}, %w1: tensor<6x5xf32> PARAM("d1/kernel"),
                     %b1: tensor<5xf32> PARAM("d1/bias"), %w2: tensor<5x3xf32> PARAM("d2/kernel")) -> tensor<4x3xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<4x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    %r = dlc.activation relu(%h) : tensor<4x5xf32>
    %y = dlc.dense %r, %w2 : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %y : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  })"},
      {"conv_max", R"(
  func.func @forward(%x: tensor<2x7x7x2xf32> {dlc.input = "x"}, %f: tensor<3x3x2x4xf32> PARAM("c/kernel"),
                     %b: tensor<4xf32> PARAM("c/bias"), %w: tensor<16x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(same) {strides = array<i64: 2, 2>} : (tensor<2x7x7x2xf32>, tensor<3x3x2x4xf32>, tensor<4xf32>) -> tensor<2x4x4x4xf32>
    %e = dlc.activation elu(%c) {alpha = 0.7 : f64} : tensor<2x4x4x4xf32>
    %m = dlc.max_pool2d %e padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x4x4x4xf32> -> tensor<2x2x2x4xf32>
    %v = dlc.flatten %m : tensor<2x2x2x4xf32> -> tensor<2x16xf32>
    %y = dlc.dense %v, %w : (tensor<2x16xf32>, tensor<16x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
      {"conv_avg", R"(
  func.func @forward(%x: tensor<2x8x8x1xf32> {dlc.input = "x"}, %f: tensor<3x3x1x3xf32> PARAM("c/kernel"),
                     %w: tensor<12x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f padding(valid) {dilations = array<i64: 2, 2>} : (tensor<2x8x8x1xf32>, tensor<3x3x1x3xf32>) -> tensor<2x4x4x3xf32>
    %t = dlc.activation tanh(%c) : tensor<2x4x4x3xf32>
    %a = dlc.avg_pool2d %t padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<2x4x4x3xf32> -> tensor<2x2x2x3xf32>
    %v = dlc.reshape %a {shape = array<i64: 2, 12>} : tensor<2x2x2x3xf32> -> tensor<2x12xf32>
    %y = dlc.dense %v, %w : (tensor<2x12xf32>, tensor<12x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
      {"lstm", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k1: tensor<5x16xf32> PARAM("l1/kernel"), %r1: tensor<4x16xf32> PARAM("l1/recurrent_kernel"),
                     %b1: tensor<16xf32> PARAM("l1/bias"),
                     %k2: tensor<4x12xf32> PARAM("l2/kernel"), %r2: tensor<3x12xf32> PARAM("l2/recurrent_kernel"),
                     %w: tensor<3x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %s = dlc.lstm %x, %k1, %r1, %b1 recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true}
        : (tensor<3x4x5xf32>, tensor<5x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<3x4x4xf32>
    %h = dlc.lstm %s, %k2, %r2 : (tensor<3x4x4xf32>, tensor<4x12xf32>, tensor<3x12xf32>) -> tensor<3x3xf32>
    %y = dlc.dense %h, %w : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      // The two step orders apart: return_sequences alone (sequence in
      // step order), then go_backwards alone (h after the first position).
      {"lstm_orders", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k1: tensor<5x16xf32> PARAM("l1/kernel"), %r1: tensor<4x16xf32> PARAM("l1/recurrent_kernel"),
                     %b1: tensor<16xf32> PARAM("l1/bias"),
                     %k2: tensor<4x12xf32> PARAM("l2/kernel"), %r2: tensor<3x12xf32> PARAM("l2/recurrent_kernel"),
                     %b2: tensor<12xf32> PARAM("l2/bias"), %w: tensor<3x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %s = dlc.lstm %x, %k1, %r1, %b1 {return_sequences = true}
        : (tensor<3x4x5xf32>, tensor<5x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<3x4x4xf32>
    %h = dlc.lstm %s, %k2, %r2, %b2 recurrent_activation(hard_sigmoid) {go_backwards = true}
        : (tensor<3x4x4xf32>, tensor<4x12xf32>, tensor<3x12xf32>, tensor<12xf32>) -> tensor<3x3xf32>
    %y = dlc.dense %h, %w : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      {"gru_rnn", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k1: tensor<5x12xf32> PARAM("g/kernel"), %r1: tensor<4x12xf32> PARAM("g/recurrent_kernel"),
                     %b1: tensor<2x12xf32> PARAM("g/bias"),
                     %k2: tensor<4x3xf32> PARAM("s/kernel"), %r2: tensor<3x3xf32> PARAM("s/recurrent_kernel"),
                     %b2: tensor<3xf32> PARAM("s/bias")) -> tensor<3x3xf32> {
    %s = dlc.gru %x, %k1, %r1, %b1 {reset_after = true, return_sequences = true}
        : (tensor<3x4x5xf32>, tensor<5x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<3x4x4xf32>
    %h = dlc.simple_rnn %s, %k2, %r2, %b2 : (tensor<3x4x4xf32>, tensor<4x3xf32>, tensor<3x3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %h : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      {"gru2", R"(
  func.func @forward(%x: tensor<3x4x5xf32> {dlc.input = "x"},
                     %k: tensor<5x9xf32> PARAM("g/kernel"), %r: tensor<3x9xf32> PARAM("g/recurrent_kernel"),
                     %b: tensor<9xf32> PARAM("g/bias")) -> tensor<3x3xf32> {
    %h = dlc.gru %x, %k, %r, %b recurrent_activation(hard_sigmoid) {go_backwards = true}
        : (tensor<3x4x5xf32>, tensor<5x9xf32>, tensor<3x9xf32>, tensor<9xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %h : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      {"babi", R"(
  func.func @forward(%story: tensor<3x5xi32> {dlc.input = "story"}, %question: tensor<3x2xi32> {dlc.input = "question"},
                     %es: tensor<7x4xf32> PARAM("es/embeddings"), %eq: tensor<7x4xf32> PARAM("eq/embeddings"),
                     %k1: tensor<4x16xf32> PARAM("l1/kernel"), %r1: tensor<4x16xf32> PARAM("l1/recurrent_kernel"),
                     %k2: tensor<4x16xf32> PARAM("l2/kernel"), %r2: tensor<4x16xf32> PARAM("l2/recurrent_kernel"),
                     %w: tensor<8x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %s = dlc.embedding %story, %es : (tensor<3x5xi32>, tensor<7x4xf32>) -> tensor<3x5x4xf32>
    %q = dlc.embedding %question, %eq : (tensor<3x2xi32>, tensor<7x4xf32>) -> tensor<3x2x4xf32>
    %qh = dlc.lstm %q, %k1, %r1 : (tensor<3x2x4xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<3x4xf32>
    %rq = dlc.repeat_vector %qh {n = 5} : tensor<3x4xf32> -> tensor<3x5x4xf32>
    %m = dlc.add %s, %rq : (tensor<3x5x4xf32>, tensor<3x5x4xf32>) -> tensor<3x5x4xf32>
    %h = dlc.lstm %m, %k2, %r2 : (tensor<3x5x4xf32>, tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<3x4xf32>
    %c = dlc.concatenate %h, %qh : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x8xf32>
    %y = dlc.dense %c, %w : (tensor<3x8xf32>, tensor<8x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      {"td", R"(
  func.func @forward(%x: tensor<2x3x4xf32> {dlc.input = "x"}, %w: tensor<4x5xf32> PARAM("td/d/kernel"),
                     %b: tensor<5xf32> PARAM("td/d/bias"), %v: tensor<15x3xf32> PARAM("out/kernel")) -> tensor<2x3xf32> {
    %t = dlc.time_distributed %x : tensor<2x3x4xf32> -> tensor<2x3x5xf32> {
    ^bb0(%s: tensor<2x4xf32>):
      %d = dlc.dense %s, %w, %b : (tensor<2x4xf32>, tensor<4x5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
      %g = dlc.activation sigmoid(%d) : tensor<2x5xf32>
      dlc.yield %g : tensor<2x5xf32>
    }
    %tr = dlc.transpose %t {permutation = array<i64: 0, 2, 1>} : tensor<2x3x5xf32> -> tensor<2x5x3xf32>
    %hs = dlc.activation hard_sigmoid(%tr) : tensor<2x5x3xf32>
    %f = dlc.flatten %hs : tensor<2x5x3xf32> -> tensor<2x15xf32>
    %y = dlc.dense %f, %v : (tensor<2x15xf32>, tensor<15x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
      // Shapes large enough for the cpu target's register tiles (8 rows by
      // 32 columns) and their remainders: 19 = 16 + 3 rows, 72 = 64 + 8 and
      // 10 columns, 300-long and 19-long reductions; the weight gradients are
      // the transposed products (300 = 296 + 4 rows).
      {"dense_tiles", R"(
  func.func @forward(%x: tensor<19x300xf32> {dlc.input = "x"}, %w1: tensor<300x72xf32> PARAM("d1/kernel"),
                     %b1: tensor<72xf32> PARAM("d1/bias"), %w2: tensor<72x10xf32> PARAM("d2/kernel"),
                     %b2: tensor<10xf32> PARAM("d2/bias")) -> tensor<19x10xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<19x300xf32>, tensor<300x72xf32>, tensor<72xf32>) -> tensor<19x72xf32>
    %r = dlc.activation relu(%h) : tensor<19x72xf32>
    %y = dlc.dense %r, %w2, %b2 : (tensor<19x72xf32>, tensor<72x10xf32>, tensor<10xf32>) -> tensor<19x10xf32>
    %p = dlc.softmax %y : tensor<19x10xf32>
    return %p : tensor<19x10xf32>
  })"},
      // Column remainders wider than one vector, split again at its width:
      // 50 = 32 + 16 + 2 and 26 = 16 + 10 output columns (babi_rnn's 50
      // units), the weight gradients' 50 rows (48 + 2).
      {"dense_wide_remainders", R"(
  func.func @forward(%x: tensor<9x40xf32> {dlc.input = "x"}, %w1: tensor<40x50xf32> PARAM("d1/kernel"),
                     %b1: tensor<50xf32> PARAM("d1/bias"), %w2: tensor<50x26xf32> PARAM("d2/kernel")) -> tensor<9x26xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<9x40xf32>, tensor<40x50xf32>, tensor<50xf32>) -> tensor<9x50xf32>
    %r = dlc.activation tanh(%h) : tensor<9x50xf32>
    %y = dlc.dense %r, %w2 : (tensor<9x50xf32>, tensor<50x26xf32>) -> tensor<9x26xf32>
    %p = dlc.softmax %y : tensor<9x26xf32>
    return %p : tensor<9x26xf32>
  })"},
      // Convolutions with register tiles and remainders: 9 = 8 + 1 output
      // pixels per row, 40 = 32 + 8 filters, 5 and 40 input channels (the
      // filter gradient's rows); a 2x2 max pooling that leaves the last
      // column of 9 unused; a 'same' second convolution whose input gradient
      // is a convolution too, and a tanh after it: without it the logits
      // (sums of 360 and then 160 terms) saturate the softmax, and the
      // gradients of saturated rows are rounding noise on every target.
      {"conv_tiles", R"(
  func.func @forward(%x: tensor<3x12x11x5xf32> {dlc.input = "x"}, %f1: tensor<3x3x5x40xf32> PARAM("c1/kernel"),
                     %b1: tensor<40xf32> PARAM("c1/bias"), %f2: tensor<3x3x40x8xf32> PARAM("c2/kernel"),
                     %w: tensor<160x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %c = dlc.conv2d %x, %f1, %b1 padding(valid) : (tensor<3x12x11x5xf32>, tensor<3x3x5x40xf32>, tensor<40xf32>) -> tensor<3x10x9x40xf32>
    %r = dlc.activation relu(%c) : tensor<3x10x9x40xf32>
    %m = dlc.max_pool2d %r padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<3x10x9x40xf32> -> tensor<3x5x4x40xf32>
    %d = dlc.conv2d %m, %f2 padding(same) : (tensor<3x5x4x40xf32>, tensor<3x3x40x8xf32>) -> tensor<3x5x4x8xf32>
    %t = dlc.activation tanh(%d) : tensor<3x5x4x8xf32>
    %v = dlc.flatten %t : tensor<3x5x4x8xf32> -> tensor<3x160xf32>
    %y = dlc.dense %v, %w : (tensor<3x160xf32>, tensor<160x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      // An LSTM whose batch (10 = 8 + 2) and gates (80 = 64 + 16) leave
      // remainders, over 6 steps, then a dense layer of 128 inputs.
      {"lstm_tiles", R"(
  func.func @forward(%x: tensor<10x6x7xf32> {dlc.input = "x"},
                     %k: tensor<7x80xf32> PARAM("l/kernel"), %r: tensor<20x80xf32> PARAM("l/recurrent_kernel"),
                     %b: tensor<80xf32> PARAM("l/bias"), %w: tensor<20x10xf32> PARAM("d/kernel"),
                     %bd: tensor<10xf32> PARAM("d/bias")) -> tensor<10x10xf32> {
    %h = dlc.lstm %x, %k, %r, %b : (tensor<10x6x7xf32>, tensor<7x80xf32>, tensor<20x80xf32>, tensor<80xf32>) -> tensor<10x20xf32>
    %y = dlc.dense %h, %w, %bd : (tensor<10x20xf32>, tensor<20x10xf32>, tensor<10xf32>) -> tensor<10x10xf32>
    %p = dlc.softmax %y : tensor<10x10xf32>
    return %p : tensor<10x10xf32>
  })"},
      // A batch of 16: the cpu target runs each LSTM's time loops (the
      // forward, the recording one and the reverse one) once per chunk of 8
      // rows, in parallel; a SimpleRNN too.
      {"rnn_chunks", R"(
  func.func @forward(%x: tensor<16x5x3xf32> {dlc.input = "x"},
                     %k1: tensor<3x24xf32> PARAM("l1/kernel"), %r1: tensor<6x24xf32> PARAM("l1/recurrent_kernel"),
                     %b1: tensor<24xf32> PARAM("l1/bias"),
                     %k2: tensor<6x4xf32> PARAM("s/kernel"), %r2: tensor<4x4xf32> PARAM("s/recurrent_kernel"),
                     %w: tensor<4x3xf32> PARAM("d/kernel")) -> tensor<16x3xf32> {
    %s = dlc.lstm %x, %k1, %r1, %b1 {return_sequences = true, go_backwards = true}
        : (tensor<16x5x3xf32>, tensor<3x24xf32>, tensor<6x24xf32>, tensor<24xf32>) -> tensor<16x5x6xf32>
    %h = dlc.simple_rnn %s, %k2, %r2 : (tensor<16x5x6xf32>, tensor<6x4xf32>, tensor<4x4xf32>) -> tensor<16x4xf32>
    %y = dlc.dense %h, %w : (tensor<16x4xf32>, tensor<4x3xf32>) -> tensor<16x3xf32>
    %p = dlc.softmax %y : tensor<16x3xf32>
    return %p : tensor<16x3xf32>
  })"},
      // Keras' advanced activations: LeakyReLU, ReLU with a cap, a slope and
      // a negative threshold (continuous), ThresholdedReLU (a jump at theta,
      // which the finite differences' steps do not cross here) and PReLU, per
      // feature on a dense output and shared along height and width on a
      // convolution's.
      {"relu_options", R"(
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"}, %w1: tensor<6x5xf32> PARAM("d1/kernel"),
                     %w2: tensor<5x5xf32> PARAM("d2/kernel"), %w3: tensor<5x3xf32> PARAM("d3/kernel")) -> tensor<4x3xf32> {
    %h = dlc.dense %x, %w1 : (tensor<4x6xf32>, tensor<6x5xf32>) -> tensor<4x5xf32>
    %l = dlc.activation relu(%h) {alpha = 0.3 : f64} : tensor<4x5xf32>
    %h2 = dlc.dense %l, %w2 : (tensor<4x5xf32>, tensor<5x5xf32>) -> tensor<4x5xf32>
    %c = dlc.activation relu(%h2) {alpha = 0.2 : f64, max_value = 0.4 : f64, threshold = -0.1 : f64} : tensor<4x5xf32>
    %t = dlc.activation relu(%h2) {threshold = 0.7 : f64} : tensor<4x5xf32>
    %s = dlc.add %c, %t : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
    %y = dlc.dense %s, %w3 : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %y : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  })"},
      {"prelu", R"(
  func.func @forward(%x: tensor<2x5x5x1xf32> {dlc.input = "x"}, %f: tensor<3x3x1x3xf32> PARAM("c/kernel"),
                     %a1: tensor<1x1x3xf32> PARAM("p1/alpha"), %w: tensor<27x4xf32> PARAM("d/kernel"),
                     %a2: tensor<4xf32> PARAM("p2/alpha"), %w2: tensor<4x3xf32> PARAM("o/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f padding(valid) : (tensor<2x5x5x1xf32>, tensor<3x3x1x3xf32>) -> tensor<2x3x3x3xf32>
    %p1 = dlc.prelu %c, %a1 : (tensor<2x3x3x3xf32>, tensor<1x1x3xf32>) -> tensor<2x3x3x3xf32>
    %v = dlc.flatten %p1 : tensor<2x3x3x3xf32> -> tensor<2x27xf32>
    %d = dlc.dense %v, %w : (tensor<2x27xf32>, tensor<27x4xf32>) -> tensor<2x4xf32>
    %p2 = dlc.prelu %d, %a2 : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
    %y = dlc.dense %p2, %w2 : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
      // Edge shapes: batch 1 and odd sizes; 'same' padding with an even
      // kernel and stride 2 on an odd input; an even valid kernel.
      {"batch1_odd", R"(
  func.func @forward(%x: tensor<1x7xf32> {dlc.input = "x"}, %w1: tensor<7x5xf32> PARAM("d1/kernel"),
                     %b1: tensor<5xf32> PARAM("d1/bias"), %w2: tensor<5x3xf32> PARAM("d2/kernel"),
                     %b2: tensor<3xf32> PARAM("d2/bias")) -> tensor<1x3xf32> {
    %h = dlc.dense %x, %w1, %b1 : (tensor<1x7xf32>, tensor<7x5xf32>, tensor<5xf32>) -> tensor<1x5xf32>
    %r = dlc.activation sigmoid(%h) : tensor<1x5xf32>
    %y = dlc.dense %r, %w2, %b2 : (tensor<1x5xf32>, tensor<5x3xf32>, tensor<3xf32>) -> tensor<1x3xf32>
    %p = dlc.softmax %y : tensor<1x3xf32>
    return %p : tensor<1x3xf32>
  })"},
      {"conv_even_same_stride2", R"(
  func.func @forward(%x: tensor<3x9x9x3xf32> {dlc.input = "x"}, %f: tensor<4x4x3x5xf32> PARAM("c/kernel"),
                     %b: tensor<5xf32> PARAM("c/bias"), %w: tensor<45x3xf32> PARAM("d/kernel")) -> tensor<3x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(same) {strides = array<i64: 2, 2>} : (tensor<3x9x9x3xf32>, tensor<4x4x3x5xf32>, tensor<5xf32>) -> tensor<3x5x5x5xf32>
    %r = dlc.activation relu(%c) : tensor<3x5x5x5xf32>
    %m = dlc.max_pool2d %r padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<3x5x5x5xf32> -> tensor<3x3x3x5xf32>
    %v = dlc.flatten %m : tensor<3x3x3x5xf32> -> tensor<3x45xf32>
    %y = dlc.dense %v, %w : (tensor<3x45xf32>, tensor<45x3xf32>) -> tensor<3x3xf32>
    %p = dlc.softmax %y : tensor<3x3xf32>
    return %p : tensor<3x3xf32>
  })"},
      {"conv_even_valid_batch1", R"(
  func.func @forward(%x: tensor<1x6x5x2xf32> {dlc.input = "x"}, %f: tensor<2x2x2x3xf32> PARAM("c/kernel"),
                     %b: tensor<3xf32> PARAM("c/bias"), %w: tensor<12x3xf32> PARAM("d/kernel")) -> tensor<1x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(valid) : (tensor<1x6x5x2xf32>, tensor<2x2x2x3xf32>, tensor<3xf32>) -> tensor<1x5x4x3xf32>
    %t = dlc.activation tanh(%c) : tensor<1x5x4x3xf32>
    %a = dlc.avg_pool2d %t padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x5x4x3xf32> -> tensor<1x2x2x3xf32>
    %v = dlc.flatten %a : tensor<1x2x2x3xf32> -> tensor<1x12xf32>
    %y = dlc.dense %v, %w : (tensor<1x12xf32>, tensor<12x3xf32>) -> tensor<1x3xf32>
    %p = dlc.softmax %y : tensor<1x3xf32>
    return %p : tensor<1x3xf32>
  })"},
      // A global average pooling (the window is the whole 6x6 image): its
      // gradient is the element-wise spread over tiling windows.
      {"conv_global_avg", R"(
  func.func @forward(%x: tensor<2x6x6x2xf32> {dlc.input = "x"}, %f: tensor<3x3x2x4xf32> PARAM("c/kernel"),
                     %b: tensor<4xf32> PARAM("c/bias"), %w: tensor<4x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f, %b padding(same) : (tensor<2x6x6x2xf32>, tensor<3x3x2x4xf32>, tensor<4xf32>) -> tensor<2x6x6x4xf32>
    %t = dlc.activation tanh(%c) : tensor<2x6x6x4xf32>
    %a = dlc.avg_pool2d %t padding(valid) {pool_size = array<i64: 6, 6>, strides = array<i64: 6, 6>} : tensor<2x6x6x4xf32> -> tensor<2x1x1x4xf32>
    %v = dlc.flatten %a : tensor<2x1x1x4xf32> -> tensor<2x4xf32>
    %y = dlc.dense %v, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
      // A second convolution, so the input gradient of a strided 'same'
      // convolution with an even kernel is computed.
      {"conv_conv_input_grad", R"(
  func.func @forward(%x: tensor<2x7x7x2xf32> {dlc.input = "x"}, %f1: tensor<3x3x2x3xf32> PARAM("c1/kernel"),
                     %b1: tensor<3xf32> PARAM("c1/bias"), %f2: tensor<2x2x3x4xf32> PARAM("c2/kernel"),
                     %w: tensor<64x3xf32> PARAM("d/kernel")) -> tensor<2x3xf32> {
    %c = dlc.conv2d %x, %f1, %b1 padding(same) : (tensor<2x7x7x2xf32>, tensor<3x3x2x3xf32>, tensor<3xf32>) -> tensor<2x7x7x3xf32>
    %r = dlc.activation tanh(%c) : tensor<2x7x7x3xf32>
    %d = dlc.conv2d %r, %f2 padding(same) {strides = array<i64: 2, 2>} : (tensor<2x7x7x3xf32>, tensor<2x2x3x4xf32>) -> tensor<2x4x4x4xf32>
    %v = dlc.flatten %d : tensor<2x4x4x4xf32> -> tensor<2x64xf32>
    %y = dlc.dense %v, %w : (tensor<2x64xf32>, tensor<64x3xf32>) -> tensor<2x3xf32>
    %p = dlc.softmax %y : tensor<2x3xf32>
    return %p : tensor<2x3xf32>
  })"},
  };
  return cases;
}

namespace {
/// `PARAM("w")` -> the attributes of a parameter drawn uniformly in [-0.5, 0.5].
std::string expandParams(std::string text) {
  const std::string open = "PARAM(\"";
  for (size_t at; (at = text.find(open)) != std::string::npos;) {
    size_t end = text.find("\")", at);
    std::string name = text.substr(at + open.size(), end - at - open.size());
    text.replace(at, end + 2 - at,
                 "{dlc.param = \"" + name +
                     "\", dlc.init = {kind = \"random_uniform\", minval = -5.0e-01 : "
                     "f64, maxval = 5.0e-01 : f64}}");
  }
  return "module attributes {dlc.training = {loss = \"categorical_crossentropy\", "
         "optimizer = {class_name = \"SGD\", config = {lr = 1.0 : f64}}}} {\n" +
         text + "\n}";
}

} // namespace

std::shared_ptr<const rt::bundle::Bundle> compileCase(const Case &c,
                                                      const std::string &targetName,
                                                      const PipelineOptions &pipeline) {
  const dlc::Target *target = dlc::lookupTarget(targetName);
  if (!target) {
    ADD_FAILURE() << "no target " << targetName;
    return nullptr;
  }
  return compileCase(c, *target, pipeline);
}

std::shared_ptr<const rt::bundle::Bundle> compileCase(const Case &c, const dlc::Target &target,
                                                      const PipelineOptions &pipeline) {
  const std::string targetName = target.name().str();
  DialectRegistry registry;
  registry.insert<dlc::DlcDialect, func::FuncDialect>();
  MLIRContext context(registry);
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return success();
  });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(expandParams(c.forward), &context);
  if (!module)
    return nullptr;
  PassManager pm(&context);
  target.buildTrainingStage(pm, pipeline);
  if (failed(pm.run(*module))) {
    ADD_FAILURE() << c.name << ": the " << targetName << " pipeline failed: " << diagnostics;
    return nullptr;
  }
  auto bytes = target.serialize(*module, {7, c.name}, pipeline);
  if (failed(bytes)) {
    ADD_FAILURE() << c.name << ": " << targetName << " did not serialise: " << diagnostics;
    return nullptr;
  }
  auto bundle = rt::bundle::readBundleBytes(std::move(*bytes), c.name);
  if (!bundle.ok()) {
    ADD_FAILURE() << bundle.status().message();
    return nullptr;
  }
  return std::make_shared<const rt::bundle::Bundle>(std::move(*bundle));
}

rt::data::Dataset randomBatch(const rt::bundle::Manifest &m, int64_t vocabulary) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  rt::data::Dataset ds;
  ds.name = "random";
  ds.numSamples = m.batchSize;
  std::vector<int32_t> classes;
  for (int index : m.requireFunction("train_step").value()->inputs) {
    const rt::bundle::TensorDesc &t = m.tensors[index];
    if (t.role == rt::bundle::Role::Label) {
      ds.numClasses = t.shape.back();
      std::uniform_int_distribution<int32_t> cls(0, ds.numClasses - 1);
      for (int64_t i = 0; i < m.batchSize; ++i)
        classes.push_back(cls(rng));
      continue;
    }
    rt::data::InputTensor in;
    in.name = t.name;
    in.sampleShape.assign(t.shape.begin() + 1, t.shape.end());
    int64_t n = t.numElements();
    if (t.dtype == rt::bundle::DType::I32) {
      in.type = rt::data::ElementType::kInt32;
      std::uniform_int_distribution<int32_t> id(0, vocabulary - 1);
      for (int64_t i = 0; i < n; ++i)
        in.i32.push_back(id(rng));
    } else {
      for (int64_t i = 0; i < n; ++i)
        in.f32.push_back(value(rng));
    }
    ds.inputs.push_back(std::move(in));
  }
  EXPECT_TRUE(rt::data::setOneHotLabels(ds, classes, ds.numClasses).ok());
  return ds;
}

} // namespace dlc::test
