// Verifiers of the backward, loss and optimizer ops reject mismatched gradients and hyper-parameters.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @dense_grad_shape(%x: tensor<8x784xf32>, %w: tensor<784x10xf32>, %dy: tensor<8x11xf32>) {
  // expected-error @+2 {{result_grad has type tensor<8x11xf32> but the forward result has type tensor<8x10xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense_grad_input %x, %w, %dy : (tensor<8x784xf32>, tensor<784x10xf32>, tensor<8x11xf32>) -> tensor<8x784xf32>
  return
}

// -----

func.func @conv_grad_stride(%i: tensor<8x28x28x1xf32>, %f: tensor<3x3x1x32xf32>, %dc: tensor<8x26x26x32xf32>) {
  // expected-error @+2 {{result_grad has type tensor<8x26x26x32xf32> but the forward result has type tensor<8x13x13x32xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d_grad_filter %i, %f, %dc padding(valid) {strides = array<i64: 2, 2>} : (tensor<8x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<8x26x26x32xf32>) -> tensor<3x3x1x32xf32>
  return
}

// -----

func.func @lstm_grad_sequence(%x: tensor<32x5x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>, %dh: tensor<32x50xf32>) {
  // expected-error @+2 {{result_grad has type tensor<32x50xf32> but the forward result has type tensor<32x5x50xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = dlc.lstm_grad %dh, %x, %k, %rk {return_sequences = true}
      : (tensor<32x50xf32>, tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>)
      -> tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>
  return
}

// -----

func.func @labels_shape(%p: tensor<8x10xf32>, %t: tensor<8x9xf32>) {
  // expected-error @+2 {{one-hot labels must have the probabilities' type and shape [8, 10], got [8, 9]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.categorical_crossentropy %p, %t : (tensor<8x10xf32>, tensor<8x9xf32>) -> tensor<f32>
  return
}

// -----

func.func @sparse_labels_shape(%p: tensor<8x10xf32>, %t: tensor<8x1xi32>) {
  // expected-error @+2 {{integer labels must be [8] (one class per sample), got [8, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.accuracy %p, %t : (tensor<8x10xf32>, tensor<8x1xi32>) -> tensor<i64>
  return
}

// -----

func.func @optimizer_slot(%w: tensor<10xf32>, %g: tensor<10xf32>, %s: tensor<9xf32>, %it: tensor<i64>) {
  // expected-error @+2 {{first slot has type tensor<9xf32> but the parameter has type tensor<10xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = dlc.rmsprop_update %w, %g, %s, %it {lr = 0.001 : f64, rho = 0.9 : f64, epsilon = 1.0e-8 : f64}
      : (tensor<10xf32>, tensor<10xf32>, tensor<9xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<9xf32>)
  return
}

// -----

func.func @optimizer_negative(%w: tensor<10xf32>, %g: tensor<10xf32>, %s: tensor<10xf32>, %it: tensor<i64>) {
  // expected-error @+2 {{hyper-parameters must be >= 0, got -1.000000e-03}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = dlc.rmsprop_update %w, %g, %s, %it {lr = -0.001 : f64, rho = 0.9 : f64, epsilon = 1.0e-8 : f64}
      : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
  return
}

// -----

func.func @reduce_axes(%x: tensor<4x10xf32>) {
  // expected-error @+2 {{axes [0, 0] must be distinct axes of a rank-2 tensor}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.reduce_sum %x {axes = array<i64: 0, 0>} : tensor<4x10xf32> -> tensor<10xf32>
  return
}

// -----

func.func @slice_bounds(%x: tensor<8x10xf32>) {
  // expected-error @+2 {{slice [8, 12) does not fit axis 1 of size 10}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.slice %x {axis = 1 : i64, start = 8 : i64, size = 4 : i64} : tensor<8x10xf32> -> tensor<8x4xf32>
  return
}

// -----

func.func @increment_needs_a_counter(%c: tensor<i32>) {
  // expected-error @+1 {{operand #0 must be 0D tensor of 64-bit signless integer values}}
  %0 = dlc.increment %c : tensor<i32>
  return
}
