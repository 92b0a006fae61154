// dlc-strip-dropout forwards each dropout's input to its users and removes it, also inside time_distributed bodies.
// RUN: dlc-opt %s -dlc-strip-dropout | FileCheck %s

// CHECK-LABEL: func.func @mlp
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x4xf32>)
// CHECK-NOT: dlc.dropout
// CHECK: %[[A:.*]] = dlc.activation relu(%[[X]])
// CHECK: dlc.dense %[[A]], %[[W]]
func.func @mlp(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>) -> tensor<8x4xf32> {
  %d = dlc.dropout %x {rate = 0.5 : f64, seed = 1} : tensor<8x16xf32>
  %a = dlc.activation relu(%d) : tensor<8x16xf32>
  %e = dlc.dropout %a {rate = 0.25 : f64, seed = 2} : tensor<8x16xf32>
  %y = dlc.dense %e, %w : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @nested
// CHECK-NOT: dlc.dropout
// CHECK: ^bb0(%[[S:.*]]: tensor<2x5xf32>):
// CHECK-NEXT: %[[D:.*]] = dlc.dense %[[S]]
func.func @nested(%x: tensor<2x3x5xf32>, %w: tensor<5x4xf32>) -> tensor<2x3x4xf32> {
  %r = dlc.time_distributed %x : tensor<2x3x5xf32> -> tensor<2x3x4xf32> {
  ^bb0(%s: tensor<2x5xf32>):
    %d = dlc.dropout %s {rate = 0.3 : f64} : tensor<2x5xf32>
    %y = dlc.dense %d, %w : (tensor<2x5xf32>, tensor<5x4xf32>) -> tensor<2x4xf32>
    dlc.yield %y : tensor<2x4xf32>
  }
  return %r : tensor<2x3x4xf32>
}
