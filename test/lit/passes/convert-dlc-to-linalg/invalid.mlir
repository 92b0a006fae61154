// convert-dlc-to-linalg refuses dynamic shapes and dropout seeds wider than 28 bits, naming the op, before rewriting anything; time_distributed bodies that mix the batch axis are refused by the flattening it runs first.
// RUN: dlc-opt %s -convert-dlc-to-linalg -split-input-file -verify-diagnostics

func.func @dynamic(%x: tensor<?x16xf32>, %w: tensor<16x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{convert-dlc-to-linalg: dlc.dense has a dynamic shape; the lowering needs static shapes}}
  %y = dlc.dense %x, %w : (tensor<?x16xf32>, tensor<16x4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

// -----

func.func @time_distributed_mixing(%x: tensor<2x3x5xf32>) -> tensor<2x3x5xf32> {
  %r = dlc.time_distributed %x : tensor<2x3x5xf32> -> tensor<2x3x5xf32> {
  ^bb0(%s: tensor<2x5xf32>):
    // expected-error @+1 {{'dlc.softmax' op mixes the batch axis, so the enclosing time_distributed cannot be flattened}}
    %y = dlc.softmax %s {axis = 0 : i64} : tensor<2x5xf32>
    dlc.yield %y : tensor<2x5xf32>
  }
  return %r : tensor<2x3x5xf32>
}

// -----

func.func @dropout_seed(%x: tensor<4xf32>, %s: tensor<i64>) -> tensor<4xf32> {
  // expected-error @+1 {{convert-dlc-to-linalg: dlc.dropout seed 268435456 does not fit in the 28 bits below the Philox stream id}}
  %y = dlc.dropout %x step %s {rate = 0.5 : f64, seed = 268435456 : i64} : tensor<4xf32>
  return %y : tensor<4xf32>
}
