// dlc-fuse-conv-bias-act: an activation of a conv2d result becomes one
// dlc.fused_conv2d with the convolution's padding, strides and dilations; a
// relu gradient then reads the activation's result.
// RUN: dlc-opt %s --dlc-fuse-conv-bias-act --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @train_relu
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x9x3xf32>, %[[F:.*]]: tensor<4x4x3x5xf32>, %[[B:.*]]: tensor<5xf32>, %[[DA:.*]]: tensor<2x5x5x5xf32>)
// CHECK-NEXT: %[[A:.*]] = dlc.fused_conv2d %[[X]], %[[F]], %[[B]] padding(same) activation(relu) {strides = array<i64: 2, 2>} : (tensor<2x9x9x3xf32>, tensor<4x4x3x5xf32>, tensor<5xf32>) -> tensor<2x5x5x5xf32>
// CHECK-NEXT: %[[DZ:.*]] = dlc.activation_grad relu(%[[A]], %[[DA]])
// CHECK-NEXT: return %[[A]], %[[DZ]]
func.func @train_relu(%x: tensor<2x9x9x3xf32>, %f: tensor<4x4x3x5xf32>, %b: tensor<5xf32>, %da: tensor<2x5x5x5xf32>) -> (tensor<2x5x5x5xf32>, tensor<2x5x5x5xf32>) {
  %z = dlc.conv2d %x, %f, %b padding(same) {strides = array<i64: 2, 2>} : (tensor<2x9x9x3xf32>, tensor<4x4x3x5xf32>, tensor<5xf32>) -> tensor<2x5x5x5xf32>
  %a = dlc.activation relu(%z) : tensor<2x5x5x5xf32>
  %dz = dlc.activation_grad relu(%z, %da) : (tensor<2x5x5x5xf32>, tensor<2x5x5x5xf32>) -> tensor<2x5x5x5xf32>
  return %a, %dz : tensor<2x5x5x5xf32>, tensor<2x5x5x5xf32>
}

// -----

// sigmoid's gradient reads the pre-activation: nothing fuses in training.
// CHECK-LABEL: func.func @train_sigmoid
// CHECK-NOT: dlc.fused_conv2d
func.func @train_sigmoid(%x: tensor<1x6x5x2xf32>, %f: tensor<2x2x2x3xf32>, %da: tensor<1x5x4x3xf32>) -> (tensor<1x5x4x3xf32>, tensor<1x5x4x3xf32>) {
  %z = dlc.conv2d %x, %f padding(valid) : (tensor<1x6x5x2xf32>, tensor<2x2x2x3xf32>) -> tensor<1x5x4x3xf32>
  %a = dlc.activation sigmoid(%z) : tensor<1x5x4x3xf32>
  %dz = dlc.activation_grad sigmoid(%z, %da) : (tensor<1x5x4x3xf32>, tensor<1x5x4x3xf32>) -> tensor<1x5x4x3xf32>
  return %a, %dz : tensor<1x5x4x3xf32>, tensor<1x5x4x3xf32>
}

// -----

// Inference: tanh fuses; a dense activation is not this pass's business.
// CHECK-LABEL: func.func @predict
// CHECK-NEXT: %[[C:.*]] = dlc.fused_conv2d %{{.*}}, %{{.*}} padding(valid) activation(tanh) {dilations = array<i64: 2, 1>}
// CHECK-NEXT: dlc.flatten %[[C]]
// CHECK-NEXT: dlc.dense
// CHECK-NEXT: dlc.activation relu
func.func @predict(%x: tensor<1x6x5x2xf32>, %f: tensor<2x2x2x3xf32>, %w: tensor<48x2xf32>) -> tensor<1x2xf32> {
  %z = dlc.conv2d %x, %f padding(valid) {dilations = array<i64: 2, 1>} : (tensor<1x6x5x2xf32>, tensor<2x2x2x3xf32>) -> tensor<1x4x4x3xf32>
  %a = dlc.activation tanh(%z) : tensor<1x4x4x3xf32>
  %v = dlc.flatten %a : tensor<1x4x4x3xf32> -> tensor<1x48xf32>
  %d = dlc.dense %v, %w : (tensor<1x48xf32>, tensor<48x2xf32>) -> tensor<1x2xf32>
  %r = dlc.activation relu(%d) : tensor<1x2xf32>
  return %r : tensor<1x2xf32>
}
