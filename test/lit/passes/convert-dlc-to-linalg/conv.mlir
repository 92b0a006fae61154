// convert-dlc-to-linalg: conv2d is linalg.conv_2d_nhwc_hwcf ('same' via tensor.pad); the input gradient is a matmul of dy and the transposed filter followed by a gather of each input position's taps; the filter gradient a generic over the strided input with the reduction loops outermost.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[TAPS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[DX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[DWMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-DAG: #[[XMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d3, d2 + d4, d5)>
// CHECK-DAG: #[[DYMAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d6)>

// CHECK-LABEL: func.func @conv_same
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK: } : tensor<2x8x8x3xf32> to tensor<2x9x9x3xf32>
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] : tensor<4xf32>) outs(%{{.*}} : tensor<2x4x4x4xf32>) dimensions = [0, 1, 2]
// CHECK: %[[Y:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[W]] : tensor<2x9x9x3xf32>, tensor<3x3x3x4xf32>) outs(%[[BB]] : tensor<2x4x4x4xf32>)
// CHECK: return %[[Y]]
func.func @conv_same(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4x4x4xf32> {
  %y = dlc.conv2d %x, %w, %b padding(same) {strides = array<i64: 2, 2>} : (tensor<2x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<2x4x4x4xf32>
  return %y : tensor<2x4x4x4xf32>
}


// CHECK-LABEL: func.func @conv_dilated
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
func.func @conv_dilated(%x: tensor<1x9x8x2xf32>, %w: tensor<3x3x2x3xf32>) -> tensor<1x5x6x3xf32> {
  %y = dlc.conv2d %x, %w padding(valid) {dilations = array<i64: 2, 1>} : (tensor<1x9x8x2xf32>, tensor<3x3x2x3xf32>) -> tensor<1x5x6x3xf32>
  return %y : tensor<1x5x6x3xf32>
}


// The input gradient, in the reference kernel's summation order: T = dy (as
// [n oh ow, f]) times the filter transposed to [f, kh kw c]; then each input
// position sums its taps T[(n, oh, ow), (kh, kw, c)] over kh, kw descending
// (oh, ow ascending), where oh = (h + pad - kh) / stride exists.
// CHECK-LABEL: func.func @conv_grads
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x8x2xf32>, %[[W:.*]]: tensor<3x3x2x3xf32>, %[[DY:.*]]: tensor<2x4x6x3xf32>)
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[W]] : tensor<3x3x2x3xf32>) outs(%{{.*}} : tensor<3x3x3x2xf32>) permutation = [3, 0, 1, 2]
// CHECK: %[[W2:.*]] = tensor.collapse_shape %[[WT]] {{\[\[}}0], [1, 2, 3]] : tensor<3x3x3x2xf32> into tensor<3x18xf32>
// CHECK: %[[DY2:.*]] = tensor.collapse_shape %[[DY]] {{\[\[}}0, 1, 2], [3]] : tensor<2x4x6x3xf32> into tensor<48x3xf32>
// CHECK: %[[T:.*]] = linalg.matmul ins(%[[DY2]], %[[W2]] : tensor<48x3xf32>, tensor<3x18xf32>)
// CHECK: %[[DXV:.*]] = linalg.generic {indexing_maps = [#[[TAPS]], #[[DX]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.*}} : tensor<3x3xf32>) outs(%{{.*}} : tensor<2x9x8x2xf32>)
// CHECK: arith.remsi
// CHECK: tensor.extract %[[T]]
// CHECK: arith.addf
// CHECK: arith.select
// The filter gradient runs its reduction loops (n, oh, ow) outermost, like
// the reference kernel: the same per-element order, with dW in cache.
// CHECK: %[[DW:.*]] = linalg.generic {indexing_maps = [#[[XMAP]], #[[DYMAP]], #[[DWMAP]]], iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[DY]] : tensor<2x9x8x2xf32>, tensor<2x4x6x3xf32>) outs(%{{.*}} : tensor<3x3x2x3xf32>)
// CHECK: return %[[DXV]], %[[DW]]
func.func @conv_grads(%x: tensor<2x9x8x2xf32>, %w: tensor<3x3x2x3xf32>, %dy: tensor<2x4x6x3xf32>) -> (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>) {
  %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid) {strides = array<i64: 2, 1>} : (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<2x4x6x3xf32>) -> tensor<2x9x8x2xf32>
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) {strides = array<i64: 2, 1>} : (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<2x4x6x3xf32>) -> tensor<3x3x2x3xf32>
  return %dx, %dw : tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>
}


// 'same' padding of the filter gradient pads the input like the forward.
// CHECK-LABEL: func.func @conv_grad_filter_same
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.generic
// CHECK: } -> tensor<3x3x2x3xf32>
func.func @conv_grad_filter_same(%x: tensor<1x5x5x2xf32>, %w: tensor<3x3x2x3xf32>, %dy: tensor<1x5x5x3xf32>) -> tensor<3x3x2x3xf32> {
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(same) : (tensor<1x5x5x2xf32>, tensor<3x3x2x3xf32>, tensor<1x5x5x3xf32>) -> tensor<3x3x2x3xf32>
  return %dw : tensor<3x3x2x3xf32>
}

// With 16 or more input channels (a multiple of 4) the filter gradient runs
// as 4 parallel blocks of channels, each owning its slice of dW.
// CHECK-LABEL: func.func @conv_grad_filter_blocks
// CHECK: scf.forall (%[[B:.*]]) in (4) shared_outs(%[[O:.*]] = %{{.*}}) -> (tensor<3x3x16x8xf32>)
// CHECK: %[[C0:.*]] = arith.muli %[[B]], %{{.*}} : index
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, %[[C0]]] [2, 6, 6, 4] [1, 1, 1, 1]
// CHECK: tensor.extract_slice %[[O]][0, 0, %[[C0]], 0] [3, 3, 4, 8] [1, 1, 1, 1]
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[O]][0, 0, %[[C0]], 0] [3, 3, 4, 8] [1, 1, 1, 1]
func.func @conv_grad_filter_blocks(%x: tensor<2x6x6x16xf32>, %w: tensor<3x3x16x8xf32>, %dy: tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32> {
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) : (tensor<2x6x6x16xf32>, tensor<3x3x16x8xf32>, tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32>
  return %dw : tensor<3x3x16x8xf32>
}
