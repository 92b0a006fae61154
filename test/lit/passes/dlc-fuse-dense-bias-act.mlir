// dlc-fuse-dense-bias-act: an activation of a dense result becomes one
// dlc.fused_dense; a relu gradient then reads the activation's result. Other
// kinds whose gradient reads the pre-activation are left alone, as are
// products with other users.
// RUN: dlc-opt %s --dlc-fuse-dense-bias-act --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @train_relu
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x4xf32>, %[[B:.*]]: tensor<4xf32>, %[[DA:.*]]: tensor<8x4xf32>)
// CHECK-NEXT: %[[A:.*]] = dlc.fused_dense %[[X]], %[[W]], %[[B]] activation(relu) : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
// CHECK-NEXT: %[[DZ:.*]] = dlc.activation_grad relu(%[[A]], %[[DA]])
// CHECK-NEXT: return %[[A]], %[[DZ]]
func.func @train_relu(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %b: tensor<4xf32>, %da: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %z = dlc.dense %x, %w, %b : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  %a = dlc.activation relu(%z) : tensor<8x4xf32>
  %dz = dlc.activation_grad relu(%z, %da) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %a, %dz : tensor<8x4xf32>, tensor<8x4xf32>
}

// -----

// tanh's gradient reads the pre-activation: nothing fuses in training.
// CHECK-LABEL: func.func @train_tanh
// CHECK-NOT: dlc.fused_dense
// CHECK: dlc.dense
// CHECK: dlc.activation tanh
func.func @train_tanh(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %da: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %z = dlc.dense %x, %w : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %a = dlc.activation tanh(%z) : tensor<8x4xf32>
  %dz = dlc.activation_grad tanh(%z, %da) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
  return %a, %dz : tensor<8x4xf32>, tensor<8x4xf32>
}

// -----

// Inference: any kind fuses, elu keeps its alpha, a 3-D input stays 3-D.
// CHECK-LABEL: func.func @predict_elu
// CHECK-NEXT: dlc.fused_dense %{{.*}}, %{{.*}} activation(elu) {alpha = 5.000000e-01 : f64} : (tensor<2x3x16xf32>, tensor<16x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: return
func.func @predict_elu(%x: tensor<2x3x16xf32>, %w: tensor<16x4xf32>) -> tensor<2x3x4xf32> {
  %z = dlc.dense %x, %w : (tensor<2x3x16xf32>, tensor<16x4xf32>) -> tensor<2x3x4xf32>
  %a = dlc.activation elu(%z) {alpha = 0.5 : f64} : tensor<2x3x4xf32>
  return %a : tensor<2x3x4xf32>
}

// -----

// The product is also returned: it must exist, so nothing fuses.
// CHECK-LABEL: func.func @product_used
// CHECK-NOT: dlc.fused_dense
func.func @product_used(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %z = dlc.dense %x, %w : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %a = dlc.activation sigmoid(%z) : tensor<8x4xf32>
  return %z, %a : tensor<8x4xf32>, tensor<8x4xf32>
}

// -----

// relu with Keras' options (here LeakyReLU's slope and a cap) is not a fused op's activation: the dense and the activation stay apart.
// CHECK-LABEL: func.func @relu_options_stay
// CHECK-NOT: dlc.fused_dense
// CHECK: dlc.dense
// CHECK: dlc.activation relu(%{{.*}}) {alpha = 3.000000e-01 : f64}
// CHECK: dlc.dense
// CHECK: dlc.activation relu(%{{.*}}) {max_value = 6.000000e+00 : f64}
func.func @relu_options_stay(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>) -> (tensor<8x4xf32>, tensor<8x4xf32>) {
  %z = dlc.dense %x, %w : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %a = dlc.activation relu(%z) {alpha = 0.3 : f64} : tensor<8x4xf32>
  %z2 = dlc.dense %x, %w : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32>
  %c = dlc.activation relu(%z2) {max_value = 6.0 : f64} : tensor<8x4xf32>
  return %a, %c : tensor<8x4xf32>, tensor<8x4xf32>
}
