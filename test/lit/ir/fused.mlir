// Round trip of the ops the fusion passes form; types are re-inferred on parse.
// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// RUN: dlc-opt %s --mlir-print-op-generic | dlc-opt | FileCheck %s

// CHECK-LABEL: func.func @fused_dense
// CHECK: dlc.fused_dense %{{.*}}, %{{.*}}, %{{.*}} activation(relu) : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
// CHECK: dlc.fused_dense %{{.*}}, %{{.*}} activation(elu) {alpha = 2.500000e-01 : f64} : (tensor<128x784xf32>, tensor<784x512xf32>) -> tensor<128x512xf32>
func.func @fused_dense(%x: tensor<128x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> (tensor<128x512xf32>, tensor<128x512xf32>) {
  %y = dlc.fused_dense %x, %w, %b activation(relu) : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
  %z = dlc.fused_dense %x, %w activation(elu) {alpha = 0.25 : f64} : (tensor<128x784xf32>, tensor<784x512xf32>) -> tensor<128x512xf32>
  return %y, %z : tensor<128x512xf32>, tensor<128x512xf32>
}

// CHECK-LABEL: func.func @fused_conv2d
// CHECK: dlc.fused_conv2d %{{.*}}, %{{.*}}, %{{.*}} padding(same) activation(relu) {strides = array<i64: 2, 2>} : (tensor<32x32x32x3xf32>, tensor<3x3x3x32xf32>, tensor<32xf32>) -> tensor<32x16x16x32xf32>
func.func @fused_conv2d(%x: tensor<32x32x32x3xf32>, %f: tensor<3x3x3x32xf32>, %b: tensor<32xf32>) -> tensor<32x16x16x32xf32> {
  %y = dlc.fused_conv2d %x, %f, %b padding(same) activation(relu) {strides = array<i64: 2, 2>} : (tensor<32x32x32x3xf32>, tensor<3x3x3x32xf32>, tensor<32xf32>) -> tensor<32x16x16x32xf32>
  return %y : tensor<32x16x16x32xf32>
}

// CHECK-LABEL: func.func @fused_optimizer_update
// CHECK: %[[R:.*]]:2 = dlc.fused_optimizer_update : tensor<10xf32>, tensor<10xf32> {
// CHECK: %[[U:.*]]:2 = dlc.sgd_update
// CHECK: dlc.yield %[[U]]#0, %[[U]]#1 : tensor<10xf32>, tensor<10xf32>
func.func @fused_optimizer_update(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %it: tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>) {
  %r:2 = dlc.fused_optimizer_update : tensor<10xf32>, tensor<10xf32> {
    %p2, %m2 = dlc.sgd_update %p, %g, %m, %it {lr = 1.0e-02 : f64} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
    dlc.yield %p2, %m2 : tensor<10xf32>, tensor<10xf32>
  }
  return %r#0, %r#1 : tensor<10xf32>, tensor<10xf32>
}

// CHECK-LABEL: func.func @lstm_record
// CHECK: %{{.*}}, %[[G:.*]], %[[HP:.*]], %[[CP:.*]] = dlc.lstm_record %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} recurrent_activation(hard_sigmoid) {go_backwards = true} : (tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>) -> (tensor<32x128xf32>, tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
// CHECK: dlc.lstm_grad_recorded %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} tape(%[[G]], %[[HP]], %[[CP]]) recurrent_activation(hard_sigmoid) {go_backwards = true} : (tensor<32x128xf32>, tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>) tape(tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>) -> tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>
func.func @lstm_record(%x: tensor<32x28x28xf32>, %k: tensor<28x512xf32>, %rk: tensor<128x512xf32>, %b: tensor<512xf32>, %dh: tensor<32x128xf32>)
    -> (tensor<32x128xf32>, tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>) {
  %h, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b recurrent_activation(hard_sigmoid) {go_backwards = true}
      : (tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>)
      -> (tensor<32x128xf32>, tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
  %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b tape(%g, %hp, %cp) recurrent_activation(hard_sigmoid) {go_backwards = true}
      : (tensor<32x128xf32>, tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>) tape(tensor<32x28x512xf32>, tensor<32x28x128xf32>, tensor<32x28x128xf32>)
      -> tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>
  return %h, %dx, %dk, %drk, %db : tensor<32x128xf32>, tensor<32x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>
}

// Without a bias, with return_sequences: a sequence result and three gradients.
// CHECK-LABEL: func.func @lstm_record_sequences
// CHECK: dlc.lstm_record %{{.*}}, %{{.*}}, %{{.*}} {return_sequences = true} : (tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) -> (tensor<2x3x2xf32>, tensor<2x3x8xf32>, tensor<2x3x2xf32>, tensor<2x3x2xf32>)
// CHECK: dlc.lstm_grad_recorded {{.*}} -> tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>{{$}}
func.func @lstm_record_sequences(%x: tensor<2x3x4xf32>, %k: tensor<4x8xf32>, %rk: tensor<2x8xf32>, %dy: tensor<2x3x2xf32>)
    -> (tensor<2x3x2xf32>, tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) {
  %s, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk {return_sequences = true}
      : (tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) -> (tensor<2x3x2xf32>, tensor<2x3x8xf32>, tensor<2x3x2xf32>, tensor<2x3x2xf32>)
  %dx, %dk, %drk = dlc.lstm_grad_recorded %dy, %x, %k, %rk tape(%g, %hp, %cp) {return_sequences = true}
      : (tensor<2x3x2xf32>, tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) tape(tensor<2x3x8xf32>, tensor<2x3x2xf32>, tensor<2x3x2xf32>)
      -> tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>
  return %s, %dx, %dk, %drk : tensor<2x3x2xf32>, tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>
}
