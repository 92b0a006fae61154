// convert-dlc-to-linalg refuses, by name, the ops it cannot lower yet (gru_grad), dynamic shapes and un-flattened time_distributed, before rewriting anything.
// RUN: dlc-opt %s -convert-dlc-to-linalg -split-input-file -verify-diagnostics

func.func @gru_grad(%dh: tensor<4x8xf32>, %x: tensor<4x5x3xf32>, %k: tensor<3x24xf32>, %rk: tensor<8x24xf32>) -> tensor<4x5x3xf32> {
  // expected-error @+1 {{convert-dlc-to-linalg: dlc.gru_grad is not lowered yet}}
  %0:3 = dlc.gru_grad %dh, %x, %k, %rk
      : (tensor<4x8xf32>, tensor<4x5x3xf32>, tensor<3x24xf32>, tensor<8x24xf32>)
      -> tensor<4x5x3xf32>, tensor<3x24xf32>, tensor<8x24xf32>
  return %0#0 : tensor<4x5x3xf32>
}

// -----

func.func @dynamic(%x: tensor<?x16xf32>, %w: tensor<16x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{convert-dlc-to-linalg: dlc.dense has a dynamic shape; the lowering needs static shapes}}
  %y = dlc.dense %x, %w : (tensor<?x16xf32>, tensor<16x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

func.func @time_distributed(%x: tensor<2x3x5xf32>, %w: tensor<5x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+1 {{convert-dlc-to-linalg: dlc.time_distributed is not lowered; run dlc-flatten-time-distributed first}}
  %r = dlc.time_distributed %x : tensor<2x3x5xf32> -> tensor<2x3x4xf32> {
  ^bb0(%s: tensor<2x5xf32>):
    %y = dlc.dense %s, %w : (tensor<2x5xf32>, tensor<5x4xf32>) -> tensor<2x4xf32>
    dlc.yield %y : tensor<2x4xf32>
  }
  return %r : tensor<2x3x4xf32>
}
