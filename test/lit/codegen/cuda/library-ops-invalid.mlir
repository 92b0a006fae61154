// The dlc_cuda RNN calls' verifiers: the cell, the weight space's size
// (abi/CudnnRnnLayout.h: an LSTM of 2 inputs and 3 units has 4·3·7 = 84
// floats), x and y of the same sequences, one length per sequence, dy of y's
// shape, static shapes.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @cell(%x: tensor<2x4x2xf32>, %w: tensor<84xf32>, %n: tensor<2xi32>, %y: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+1 {{unknown cell 'peephole' (lstm, gru, rnn_tanh, rnn_relu)}}
  %r = dlc_cuda.rnn_forward ins(%x, %w, %n : tensor<2x4x2xf32>, tensor<84xf32>, tensor<2xi32>) outs(%y : tensor<2x4x3xf32>) {cell = "peephole", workspace_bytes = 0 : i64} -> tensor<2x4x3xf32>
  return %r : tensor<2x4x3xf32>
}

// -----

func.func @weights(%x: tensor<2x4x2xf32>, %w: tensor<80xf32>, %n: tensor<2xi32>, %y: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+1 {{the weight space of a lstm with 2 inputs and 3 units has 84 floats, got 'tensor<80xf32>'}}
  %r = dlc_cuda.rnn_forward ins(%x, %w, %n : tensor<2x4x2xf32>, tensor<80xf32>, tensor<2xi32>) outs(%y : tensor<2x4x3xf32>) {cell = "lstm", workspace_bytes = 0 : i64} -> tensor<2x4x3xf32>
  return %r : tensor<2x4x3xf32>
}

// -----

// A GRU's weights for the same sizes are 3·3·7 = 63 floats.
func.func @gru_weights(%x: tensor<2x4x2xf32>, %w: tensor<84xf32>, %n: tensor<2xi32>, %y: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+1 {{the weight space of a gru with 2 inputs and 3 units has 63 floats}}
  %r = dlc_cuda.rnn_forward ins(%x, %w, %n : tensor<2x4x2xf32>, tensor<84xf32>, tensor<2xi32>) outs(%y : tensor<2x4x3xf32>) {cell = "gru", workspace_bytes = 0 : i64} -> tensor<2x4x3xf32>
  return %r : tensor<2x4x3xf32>
}

// -----

func.func @steps(%x: tensor<2x4x2xf32>, %w: tensor<84xf32>, %n: tensor<2xi32>, %y: tensor<2x5x3xf32>) -> tensor<2x5x3xf32> {
  // expected-error @+1 {{x is 2 sequences of 4 steps, y 2 of 5}}
  %r = dlc_cuda.rnn_forward ins(%x, %w, %n : tensor<2x4x2xf32>, tensor<84xf32>, tensor<2xi32>) outs(%y : tensor<2x5x3xf32>) {cell = "lstm", workspace_bytes = 0 : i64} -> tensor<2x5x3xf32>
  return %r : tensor<2x5x3xf32>
}

// -----

func.func @lengths(%x: tensor<2x4x2xf32>, %w: tensor<84xf32>, %n: tensor<3xi32>, %y: tensor<2x4x3xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+1 {{needs one sequence length per sequence (2), got 'tensor<3xi32>'}}
  %r = dlc_cuda.rnn_forward ins(%x, %w, %n : tensor<2x4x2xf32>, tensor<84xf32>, tensor<3xi32>) outs(%y : tensor<2x4x3xf32>) {cell = "lstm", workspace_bytes = 0 : i64} -> tensor<2x4x3xf32>
  return %r : tensor<2x4x3xf32>
}

// -----

func.func @dy(%y: tensor<2x4x3xf32>, %dy: tensor<2x4x2xf32>, %w: tensor<84xf32>, %n: tensor<2xi32>, %dx: tensor<2x4x2xf32>, %r: tensor<64xf32>) -> (tensor<2x4x2xf32>, tensor<64xf32>) {
  // expected-error @+1 {{dy must have y's shape}}
  %d:2 = dlc_cuda.rnn_backward_data ins(%y, %dy, %w, %n : tensor<2x4x3xf32>, tensor<2x4x2xf32>, tensor<84xf32>, tensor<2xi32>) outs(%dx, %r : tensor<2x4x2xf32>, tensor<64xf32>) {cell = "lstm", workspace_bytes = 0 : i64} -> tensor<2x4x2xf32>, tensor<64xf32>
  return %d#0, %d#1 : tensor<2x4x2xf32>, tensor<64xf32>
}

// -----

func.func @dynamic(%x: tensor<?x4x2xf32>, %dw: tensor<84xf32>, %n: tensor<2xi32>, %y: tensor<2x4x3xf32>, %r: tensor<64xf32>) -> tensor<84xf32> {
  // expected-error @+1 {{needs static shapes (the launch list is static)}}
  %g = dlc_cuda.rnn_backward_weights ins(%x, %y, %n, %r : tensor<?x4x2xf32>, tensor<2x4x3xf32>, tensor<2xi32>, tensor<64xf32>) outs(%dw : tensor<84xf32>) {cell = "lstm", workspace_bytes = 0 : i64} -> tensor<84xf32>
  return %g : tensor<84xf32>
}
