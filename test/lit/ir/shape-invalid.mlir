// Every verifier of flatten, reshape, transpose, add, concatenate, repeat_vector and embedding.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @flatten_rank(%x: tensor<10xf32>) {
  // expected-error @+2 {{input must have rank >= 2, got shape [10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.flatten %x : tensor<10xf32> -> tensor<10xf32>
  return
}

// -----

func.func @reshape_count(%x: tensor<32x784xf32>) {
  // expected-error @+2 {{cannot reshape [32, 784] (25088 elements) to [32, 28, 27] (24192 elements)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.reshape %x {shape = array<i64: 32, 28, 27>} : tensor<32x784xf32> -> tensor<32x28x27xf32>
  return
}

// -----

func.func @reshape_negative(%x: tensor<32x784xf32>) {
  // expected-error @+2 {{shape sizes must be positive, got [32, -1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.reshape %x {shape = array<i64: 32, -1>} : tensor<32x784xf32> -> tensor<32x784xf32>
  return
}

// -----

func.func @transpose_perm(%x: tensor<8x1x28x28xf32>) {
  // expected-error @+2 {{permutation [0, 2, 2, 1] is not a permutation of 0..3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.transpose %x {permutation = array<i64: 0, 2, 2, 1>} : tensor<8x1x28x28xf32> -> tensor<8x28x28x1xf32>
  return
}

// -----

func.func @transpose_rank(%x: tensor<8x28x28xf32>) {
  // expected-error @+2 {{permutation has 4 entries but the input has rank 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.transpose %x {permutation = array<i64: 0, 2, 3, 1>} : tensor<8x28x28xf32> -> tensor<8x28x28x1xf32>
  return
}

// -----

func.func @add_shapes(%a: tensor<4x10xf32>, %b: tensor<4x11xf32>) {
  // expected-error @+2 {{input 1 has shape [4, 11] but input 0 has [4, 10]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.add %a, %b : (tensor<4x10xf32>, tensor<4x11xf32>) -> tensor<4x10xf32>
  return
}

// -----

func.func @add_one(%a: tensor<4x10xf32>) {
  // expected-error @+2 {{needs at least 2 inputs, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.add %a : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return
}

// -----

func.func @concat_shapes(%a: tensor<8x4xf32>, %b: tensor<7x6xf32>) {
  // expected-error @+2 {{input 1 has shape [7, 6] which does not match input 0's [8, 4] on every axis but 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.concatenate %a, %b : (tensor<8x4xf32>, tensor<7x6xf32>) -> tensor<8x10xf32>
  return
}

// -----

func.func @concat_axis(%a: tensor<8x4xf32>, %b: tensor<8x6xf32>) {
  // expected-error @+2 {{axis -3 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.concatenate %a, %b {axis = -3} : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<8x10xf32>
  return
}

// -----

func.func @repeat_rank(%x: tensor<4x5x6xf32>) {
  // expected-error @+2 {{input (batch, features) must have rank 2, got shape [4, 5, 6]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.repeat_vector %x {n = 3} : tensor<4x5x6xf32> -> tensor<4x3x5xf32>
  return
}

// -----

func.func @repeat_n(%x: tensor<4x5xf32>) {
  // expected-error @+2 {{n must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.repeat_vector %x {n = 0} : tensor<4x5xf32> -> tensor<4x0x5xf32>
  return
}

// -----

func.func @embedding_table(%ids: tensor<4x5xi32>, %t: tensor<36xf32>) {
  // expected-error @+2 {{table (vocabulary, dim) must have rank 2, got shape [36]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.embedding %ids, %t : (tensor<4x5xi32>, tensor<36xf32>) -> tensor<4x5x36xf32>
  return
}

// -----

func.func @embedding_float_ids(%ids: tensor<4x5xf32>, %t: tensor<36x50xf32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of signless integer values}}
  %0 = dlc.embedding %ids, %t : (tensor<4x5xf32>, tensor<36x50xf32>) -> tensor<4x5x50xf32>
  return
}
