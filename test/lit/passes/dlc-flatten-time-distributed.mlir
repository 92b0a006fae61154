// dlc-flatten-time-distributed: the body runs once on the [N*T, ...] reshape; batch-mixing bodies are refused.
// RUN: dlc-opt %s -dlc-flatten-time-distributed -split-input-file -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @hrnn_rows
// CHECK-SAME: (%[[X:.*]]: tensor<32x28x28x1xf32>, %[[K:.*]]: tensor<1x512xf32>, %[[RK:.*]]: tensor<128x512xf32>)
// CHECK-NOT: dlc.time_distributed
// CHECK: %[[F:.*]] = dlc.reshape %[[X]] {shape = array<i64: 896, 28, 1>} : tensor<32x28x28x1xf32> -> tensor<896x28x1xf32>
// CHECK: %[[H:.*]] = dlc.lstm %[[F]], %[[K]], %[[RK]] : (tensor<896x28x1xf32>, tensor<1x512xf32>, tensor<128x512xf32>) -> tensor<896x128xf32>
// CHECK: %[[R:.*]] = dlc.reshape %[[H]] {shape = array<i64: 32, 28, 128>} : tensor<896x128xf32> -> tensor<32x28x128xf32>
// CHECK: return %[[R]]
func.func @hrnn_rows(%x: tensor<32x28x28x1xf32>, %k: tensor<1x512xf32>, %rk: tensor<128x512xf32>) -> tensor<32x28x128xf32> {
  %r = dlc.time_distributed %x : tensor<32x28x28x1xf32> -> tensor<32x28x128xf32> {
  ^bb0(%row: tensor<32x28x1xf32>):
    %h = dlc.lstm %row, %k, %rk : (tensor<32x28x1xf32>, tensor<1x512xf32>, tensor<128x512xf32>) -> tensor<32x128xf32>
    dlc.yield %h : tensor<32x128xf32>
  }
  return %r : tensor<32x28x128xf32>
}

// -----

// A reshape inside the body gets the flattened batch size.
// CHECK-LABEL: func.func @body_reshape
// CHECK: dlc.reshape %{{.*}} {shape = array<i64: 6, 2, 2>} : tensor<2x3x2x2xf32> -> tensor<6x2x2xf32>
// CHECK: dlc.flatten %{{.*}} : tensor<6x2x2xf32> -> tensor<6x4xf32>
// CHECK: dlc.reshape %{{.*}} {shape = array<i64: 6, 2, 2>} : tensor<6x4xf32> -> tensor<6x2x2xf32>
// CHECK: dlc.flatten %{{.*}} : tensor<6x2x2xf32> -> tensor<6x4xf32>
// CHECK: dlc.reshape %{{.*}} {shape = array<i64: 2, 3, 4>} : tensor<6x4xf32> -> tensor<2x3x4xf32>
func.func @body_reshape(%x: tensor<2x3x2x2xf32>) -> tensor<2x3x4xf32> {
  %r = dlc.time_distributed %x : tensor<2x3x2x2xf32> -> tensor<2x3x4xf32> {
  ^bb0(%s: tensor<2x2x2xf32>):
    %f = dlc.flatten %s : tensor<2x2x2xf32> -> tensor<2x4xf32>
    %g = dlc.reshape %f {shape = array<i64: 2, 2, 2>} : tensor<2x4xf32> -> tensor<2x2x2xf32>
    %h = dlc.flatten %g : tensor<2x2x2xf32> -> tensor<2x4xf32>
    dlc.yield %h : tensor<2x4xf32>
  }
  return %r : tensor<2x3x4xf32>
}

// -----

func.func @mixes_batch(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %r = dlc.time_distributed %x : tensor<2x3x4xf32> -> tensor<2x3x4xf32> {
  ^bb0(%s: tensor<2x4xf32>):
    // expected-error @+1 {{mixes the batch axis, so the enclosing time_distributed cannot be flattened}}
    %p = dlc.softmax %s {axis = 0} : tensor<2x4xf32>
    dlc.yield %p : tensor<2x4xf32>
  }
  return %r : tensor<2x3x4xf32>
}
