// convert-dlc-to-linalg: dense and its gradients become (transposed) matmuls, leading axes collapsed.
// RUN: dlc-opt %s -convert-dlc-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @dense_bias
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x4xf32>
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%[[E]] : tensor<8x4xf32>) dimensions = [0]
// CHECK: %[[Y:.*]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<8x16xf32>, tensor<16x4xf32>) outs(%[[BB]] : tensor<8x4xf32>)
// CHECK: return %[[Y]]
func.func @dense_bias(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %b: tensor<4xf32>) -> tensor<8x4xf32> {
  %y = dlc.dense %x, %w, %b : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}

// -----

// CHECK-LABEL: func.func @dense_rank3
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x16xf32>, %[[W:.*]]: tensor<16x4xf32>)
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x16xf32> into tensor<6x16xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x4xf32>)
// CHECK: %[[Y:.*]] = linalg.matmul ins(%[[C]], %[[W]] : tensor<6x16xf32>, tensor<16x4xf32>) outs(%[[Z]] : tensor<6x4xf32>)
// CHECK: %[[R:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
// CHECK: return %[[R]]
func.func @dense_rank3(%x: tensor<2x3x16xf32>, %w: tensor<16x4xf32>) -> tensor<2x3x4xf32> {
  %y = dlc.dense %x, %w : (tensor<2x3x16xf32>, tensor<16x4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// CHECK-LABEL: func.func @dense_grads
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<16x4xf32>, %[[DY:.*]]: tensor<8x4xf32>)
// CHECK: %[[Z1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x16xf32>)
// CHECK: %[[DX:.*]] = linalg.matmul_transpose_b ins(%[[DY]], %[[W]] : tensor<8x4xf32>, tensor<16x4xf32>) outs(%[[Z1]] : tensor<8x16xf32>)
// CHECK: %[[Z2:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<16x4xf32>)
// CHECK: %[[DW:.*]] = linalg.matmul_transpose_a ins(%[[X]], %[[DY]] : tensor<8x16xf32>, tensor<8x4xf32>) outs(%[[Z2]] : tensor<16x4xf32>)
// CHECK: return %[[DX]], %[[DW]]
func.func @dense_grads(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %dy: tensor<8x4xf32>) -> (tensor<8x16xf32>, tensor<16x4xf32>) {
  %dx = dlc.dense_grad_input %x, %w, %dy : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<8x4xf32>) -> tensor<8x16xf32>
  %dw = dlc.dense_grad_kernel %x, %w, %dy : (tensor<8x16xf32>, tensor<16x4xf32>, tensor<8x4xf32>) -> tensor<16x4xf32>
  return %dx, %dw : tensor<8x16xf32>, tensor<16x4xf32>
}
