// dlc-fuse-optimizer-update: the optimizer ops of a function move into one
// dlc.fused_optimizer_update at the place of the last one; the return takes
// the group's results. One update alone, or an update result used before the
// last update, is left alone.
// RUN: dlc-opt %s --dlc-fuse-optimizer-update --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[W:.*]]: tensor<4x2xf32>, %[[GW:.*]]: tensor<4x2xf32>, %[[AW:.*]]: tensor<4x2xf32>, %[[B:.*]]: tensor<2xf32>, %[[GB:.*]]: tensor<2xf32>, %[[MB:.*]]: tensor<2xf32>, %[[VB:.*]]: tensor<2xf32>, %[[IT:.*]]: tensor<i64>)
// CHECK-NEXT: %[[R:.*]]:5 = dlc.fused_optimizer_update : tensor<4x2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32> {
// CHECK-NEXT: %[[U:.*]]:2 = dlc.rmsprop_update %[[W]], %[[GW]], %[[AW]], %[[IT]]
// CHECK-NEXT: %[[V:.*]]:3 = dlc.adam_update %[[B]], %[[GB]], %[[MB]], %[[VB]], %[[IT]]
// CHECK-NEXT: dlc.yield %[[U]]#0, %[[U]]#1, %[[V]]#0, %[[V]]#1, %[[V]]#2
// CHECK-NEXT: }
// CHECK-NEXT: return %[[R]]#0, %[[R]]#2, %[[R]]#1, %[[R]]#3, %[[R]]#4
func.func @step(%w: tensor<4x2xf32>, %gw: tensor<4x2xf32>, %aw: tensor<4x2xf32>, %b: tensor<2xf32>, %gb: tensor<2xf32>, %mb: tensor<2xf32>, %vb: tensor<2xf32>, %it: tensor<i64>) -> (tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %w2, %aw2 = dlc.rmsprop_update %w, %gw, %aw, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>)
  %b2, %mb2, %vb2 = dlc.adam_update %b, %gb, %mb, %vb, %it {lr = 1.0e-03 : f64, beta_1 = 9.0e-01 : f64, beta_2 = 9.99e-01 : f64, epsilon = 1.0e-08 : f64} : (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<i64>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>)
  return %w2, %b2, %aw2, %mb2, %vb2 : tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @one
// CHECK-NOT: dlc.fused_optimizer_update
func.func @one(%w: tensor<4x2xf32>, %gw: tensor<4x2xf32>, %m: tensor<4x2xf32>, %it: tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>) {
  %w2, %m2 = dlc.sgd_update %w, %gw, %m, %it {lr = 1.0e-02 : f64} : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>)
  return %w2, %m2 : tensor<4x2xf32>, tensor<4x2xf32>
}

// -----

// The first update's result is read before the second update.
// CHECK-LABEL: func.func @used_between
// CHECK-NOT: dlc.fused_optimizer_update
func.func @used_between(%w: tensor<4x2xf32>, %gw: tensor<4x2xf32>, %m: tensor<4x2xf32>, %it: tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>) {
  %w2, %m2 = dlc.sgd_update %w, %gw, %m, %it {lr = 1.0e-02 : f64} : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>)
  %g2 = dlc.activation relu(%w2) : tensor<4x2xf32>
  %w3, %m3 = dlc.sgd_update %w, %g2, %m, %it {lr = 1.0e-02 : f64} : (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<i64>) -> (tensor<4x2xf32>, tensor<4x2xf32>)
  return %w2, %m2, %w3, %m3 : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf32>
}
