// Round trip of dense, conv2d, pooling, activation, softmax and dropout; types are re-inferred on parse.
// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// RUN: dlc-opt %s --mlir-print-op-generic | dlc-opt | FileCheck %s

// CHECK-LABEL: func.func @dense
// CHECK-SAME: (%[[X:.*]]: tensor<128x784xf32>, %[[W:.*]]: tensor<784x512xf32>, %[[B:.*]]: tensor<512xf32>)
func.func @dense(%x: tensor<128x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<128x512xf32> {
  // CHECK: %[[Y:.*]] = dlc.dense %[[X]], %[[W]], %[[B]] : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
  %y = dlc.dense %x, %w, %b : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<128x512xf32>
  return %y : tensor<128x512xf32>
}

// CHECK-LABEL: func.func @dense_no_bias_rank3_f16
func.func @dense_no_bias_rank3_f16(%x: tensor<8x5x16xf16>, %w: tensor<16x3xf16>) -> tensor<8x5x3xf16> {
  // CHECK: dlc.dense %{{.*}}, %{{.*}} : (tensor<8x5x16xf16>, tensor<16x3xf16>) -> tensor<8x5x3xf16>
  %y = dlc.dense %x, %w : (tensor<8x5x16xf16>, tensor<16x3xf16>) -> tensor<8x5x3xf16>
  return %y : tensor<8x5x3xf16>
}

// CHECK-LABEL: func.func @dense_dynamic_batch
func.func @dense_dynamic_batch(%x: tensor<?x784xf32>, %w: tensor<784x10xf32>) -> tensor<?x10xf32> {
  // CHECK: -> tensor<?x10xf32>
  %y = dlc.dense %x, %w : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

// CHECK-LABEL: func.func @conv2d
func.func @conv2d(%x: tensor<32x32x32x3xf32>, %w: tensor<3x3x3x32xf32>, %b: tensor<32xf32>,
                  %w2: tensor<3x2x3x4xf32>) -> (tensor<32x16x16x32xf32>, tensor<32x28x31x4xf32>) {
  // CHECK: dlc.conv2d %{{.*}}, %{{.*}}, %{{.*}} padding(same) {strides = array<i64: 2, 2>} : (tensor<32x32x32x3xf32>, tensor<3x3x3x32xf32>, tensor<32xf32>) -> tensor<32x16x16x32xf32>
  %y = dlc.conv2d %x, %w, %b padding(same) {strides = array<i64: 2, 2>}
      : (tensor<32x32x32x3xf32>, tensor<3x3x3x32xf32>, tensor<32xf32>) -> tensor<32x16x16x32xf32>
  // Dilated valid window: height 3 taps * dilation 2 -> 5, so 32 - 5 + 1 = 28.
  // CHECK: dlc.conv2d %{{.*}}, %{{.*}} padding(valid) {dilations = array<i64: 2, 1>} : {{.*}} -> tensor<32x28x31x4xf32>
  %z = dlc.conv2d %x, %w2 padding(valid) {dilations = array<i64: 2, 1>}
      : (tensor<32x32x32x3xf32>, tensor<3x2x3x4xf32>) -> tensor<32x28x31x4xf32>
  return %y, %z : tensor<32x16x16x32xf32>, tensor<32x28x31x4xf32>
}

// CHECK-LABEL: func.func @pools
func.func @pools(%x: tensor<128x24x24x64xf32>, %y: tensor<8x7x7x16xf32>) -> (tensor<128x12x12x64xf32>, tensor<8x4x4x16xf32>) {
  // CHECK: dlc.max_pool2d %{{.*}} padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<128x24x24x64xf32> -> tensor<128x12x12x64xf32>
  %a = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>}
      : tensor<128x24x24x64xf32> -> tensor<128x12x12x64xf32>
  // CHECK: dlc.avg_pool2d %{{.*}} padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<8x7x7x16xf32> -> tensor<8x4x4x16xf32>
  %b = dlc.avg_pool2d %y padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>}
      : tensor<8x7x7x16xf32> -> tensor<8x4x4x16xf32>
  return %a, %b : tensor<128x12x12x64xf32>, tensor<8x4x4x16xf32>
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<4x10xf32>) -> tensor<4x10xf32> {
  // CHECK: dlc.activation relu(%{{.*}}) : tensor<4x10xf32>
  %0 = dlc.activation relu(%x) : tensor<4x10xf32>
  // CHECK: dlc.activation tanh(
  %1 = dlc.activation tanh(%0) : tensor<4x10xf32>
  // CHECK: dlc.activation sigmoid(
  %2 = dlc.activation sigmoid(%1) : tensor<4x10xf32>
  // CHECK: dlc.activation hard_sigmoid(
  %3 = dlc.activation hard_sigmoid(%2) : tensor<4x10xf32>
  // CHECK: dlc.activation hard_sigmoid6(
  %4 = dlc.activation hard_sigmoid6(%3) : tensor<4x10xf32>
  // CHECK: dlc.activation elu(%{{.*}}) {alpha = 5.000000e-01 : f64} : tensor<4x10xf32>
  %5 = dlc.activation elu(%4) {alpha = 0.5 : f64} : tensor<4x10xf32>
  // CHECK: dlc.activation linear(
  %6 = dlc.activation linear(%5) : tensor<4x10xf32>
  // CHECK: dlc.softmax %{{.*}} : tensor<4x10xf32>
  %7 = dlc.softmax %6 : tensor<4x10xf32>
  // CHECK: dlc.softmax %{{.*}} {axis = 0 : i64} : tensor<4x10xf32>
  %8 = dlc.softmax %7 {axis = 0} : tensor<4x10xf32>
  // CHECK: dlc.dropout %{{.*}} {rate = 2.000000e-01 : f64, seed = 3 : i64} : tensor<4x10xf32>
  %9 = dlc.dropout %8 {rate = 0.2 : f64, seed = 3} : tensor<4x10xf32>
  return %9 : tensor<4x10xf32>
}

// Keras' ReLU options on relu (LeakyReLU, ThresholdedReLU, ReLU(max_value)), and PReLU with alpha shared along the spatial axes.
// CHECK-LABEL: func.func @relu_options_and_prelu
func.func @relu_options_and_prelu(%x: tensor<2x4x4x3xf32>, %a: tensor<1x1x3xf32>, %v: tensor<5x7xf32>, %b: tensor<7xf32>)
    -> (tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>, tensor<5x7xf32>) {
  // CHECK: dlc.activation relu(%{{.*}}) {alpha = 3.000000e-01 : f64, max_value = 6.000000e+00 : f64, threshold = 5.000000e-01 : f64} : tensor<2x4x4x3xf32>
  %r = dlc.activation relu(%x) {alpha = 0.3 : f64, max_value = 6.0 : f64, threshold = 0.5 : f64} : tensor<2x4x4x3xf32>
  // CHECK: dlc.prelu %{{.*}}, %{{.*}} : (tensor<2x4x4x3xf32>, tensor<1x1x3xf32>) -> tensor<2x4x4x3xf32>
  %p = dlc.prelu %x, %a : (tensor<2x4x4x3xf32>, tensor<1x1x3xf32>) -> tensor<2x4x4x3xf32>
  // CHECK: dlc.prelu %{{.*}}, %{{.*}} : (tensor<5x7xf32>, tensor<7xf32>) -> tensor<5x7xf32>
  %q = dlc.prelu %v, %b : (tensor<5x7xf32>, tensor<7xf32>) -> tensor<5x7xf32>
  return %r, %p, %q : tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>, tensor<5x7xf32>
}
