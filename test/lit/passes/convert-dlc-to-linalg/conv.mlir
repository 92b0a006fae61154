// convert-dlc-to-linalg: conv2d is linalg.conv_2d_nhwc_hwcf ('same' via tensor.pad); the input gradient is a stride-1 convolution of dy spread on the stride's grid and padded by the transposed window with the filter flipped and its channel axes swapped; the filter gradient a generic over the strided input with the reduction loops outermost.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> (-d0 + 2, -d1 + 2, d3, d2)>
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


// The input gradient: dy (strides 2, 1) spread on the grid inside zeros with
// the transposed window's padding (2 before and after: an input position
// sees the output positions whose window covers it), convolved at stride 1
// with the filter flipped in (kh, kw) and transposed to [kh, kw, f, c].
// CHECK-LABEL: func.func @conv_grads
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x8x2xf32>, %[[W:.*]]: tensor<3x3x2x3xf32>, %[[DY:.*]]: tensor<2x4x6x3xf32>)
// CHECK: %[[Z:.*]] = linalg.fill {{.*}} -> tensor<2x11x10x3xf32>
// CHECK: %[[DYP:.*]] = tensor.insert_slice %[[DY]] into %[[Z]][0, 2, 2, 0] [2, 4, 6, 3] [1, 2, 1, 1]
// CHECK: %[[WF:.*]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.*}}]{{.*}} ins(%[[W]] : tensor<3x3x2x3xf32>) outs(%{{.*}} : tensor<3x3x3x2xf32>)
// CHECK: %[[DXV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[DYP]], %[[WF]] : tensor<2x11x10x3xf32>, tensor<3x3x3x2xf32>) outs(%{{.*}} : tensor<2x9x8x2xf32>)
// The filter gradient: one generic, its reduction loops (n, oh, ow)
// outermost; a target tiles it (the cpu target per tap and image).
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

// Whatever the channel count, the filter gradient is one op: threads are
// the target's choice (dlc-cpu-tile-contractions splits the filter tiles).
// CHECK-LABEL: func.func @conv_grad_filter_many_channels
// CHECK-NOT: scf.forall
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]
func.func @conv_grad_filter_many_channels(%x: tensor<2x6x6x16xf32>, %w: tensor<3x3x16x8xf32>, %dy: tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32> {
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) : (tensor<2x6x6x16xf32>, tensor<3x3x16x8xf32>, tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32>
  return %dw : tensor<3x3x16x8xf32>
}
