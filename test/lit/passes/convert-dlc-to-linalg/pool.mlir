// convert-dlc-to-linalg: pooling is linalg.pooling_nhwc_max/sum (+ a divide by the in-bounds count for avg); the gradients route dy back through the transposed window, or, for max windows that tile the input, element-wise over the windows.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[TAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT6:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[GATHER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>
// CHECK-DAG: #[[WDY:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d3, d5)>
// CHECK-DAG: #[[ID6:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>

// 'same' avg divides each window by its in-bounds count, computed from the
// output position; 'valid' max pads nothing.
// CHECK-LABEL: func.func @pools
// CHECK-SAME: (%[[X:.*]]: tensor<2x7x7x3xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[ZERO]]
// CHECK: %[[W3:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[SUM:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[P]], %[[W3]] : tensor<2x9x9x3xf32>, tensor<3x3xf32>)
// CHECK: %[[AVG:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ID4]]], {{.*}}} ins(%[[SUM]] : tensor<2x4x4x3xf32>)
// CHECK: linalg.index 1
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: linalg.index 2
// CHECK: %[[CNT:.*]] = arith.sitofp
// CHECK: arith.divf %{{.*}}, %[[CNT]]
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[W2:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[INIT:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<2x3x3x3xf32>)
// CHECK: %[[MAX:.*]] = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %[[W2]] : tensor<2x7x7x3xf32>, tensor<2x2xf32>) outs(%[[INIT]] : tensor<2x3x3x3xf32>)
// CHECK: return %[[AVG]], %[[MAX]]
func.func @pools(%x: tensor<2x7x7x3xf32>) -> (tensor<2x4x4x3xf32>, tensor<2x3x3x3xf32>) {
  %a = dlc.avg_pool2d %x padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : tensor<2x7x7x3xf32> -> tensor<2x4x4x3xf32>
  %m = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x7x7x3xf32> -> tensor<2x3x3x3xf32>
  return %a, %m : tensor<2x4x4x3xf32>, tensor<2x3x3x3xf32>
}

// max: (1) the tap of each window's first maximum (larger value, then
// smaller tap), (2) each input position sums the dy of the windows whose
// chosen tap it is. avg: dy / count spread on the stride grid, then a
// stride-1 sum pool.
// Max with windows that tile the input (2x2, stride 2, nothing padded): one
// element-wise generic over the input viewed as [n, oh, kh, ow, kw, c] reads
// the window's four taps and its dy; a position takes dy when it is the
// window's first (strictly larger later) maximum.
// CHECK-LABEL: func.func @pool_grads
// CHECK-SAME: (%[[X:.*]]: tensor<2x6x6x3xf32>, %[[DY:.*]]: tensor<2x3x3x3xf32>)
// CHECK: %[[XW:.*]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1, 2], [3, 4], [5]] output_shape [2, 3, 2, 3, 2, 3]
// CHECK: %[[T00:.*]] = tensor.extract_slice %[[XW]][0, 0, 0, 0, 0, 0] [2, 3, 1, 3, 1, 3] [1, 1, 1, 1, 1, 1] : tensor<2x3x2x3x2x3xf32> to tensor<2x3x3x3xf32>
// CHECK: %[[T01:.*]] = tensor.extract_slice %[[XW]][0, 0, 0, 0, 1, 0]
// CHECK: %[[T10:.*]] = tensor.extract_slice %[[XW]][0, 0, 1, 0, 0, 0]
// CHECK: %[[T11:.*]] = tensor.extract_slice %[[XW]][0, 0, 1, 0, 1, 0]
// CHECK: %[[DXW:.*]] = linalg.generic {indexing_maps = [#[[WDY]], #[[WDY]], #[[WDY]], #[[WDY]], #[[WDY]], #[[ID6]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[T00]], %[[T01]], %[[T10]], %[[T11]], %[[DY]] :
// CHECK-COUNT-3: arith.cmpf ogt
// CHECK: linalg.index 2
// CHECK: arith.cmpi eq
// CHECK: %[[DXM:.*]] = tensor.collapse_shape %[[DXW]] {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<2x3x2x3x2x3xf32> into tensor<2x6x6x3xf32>
// Avg with the same tiling windows: each position of the windows' view
// takes its window's dy / 4, one element-wise generic (no pooling).
// CHECK: %[[DXAW:.*]] = linalg.generic {indexing_maps = [#[[WDY]], #[[ID6]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%[[DY]] : tensor<2x3x3x3xf32>) outs(%{{.*}} : tensor<2x3x2x3x2x3xf32>)
// CHECK: arith.constant 4.000000e+00 : f32
// CHECK: arith.divf
// CHECK: %[[DXA:.*]] = tensor.collapse_shape %[[DXAW]] {{\[\[}}0], [1, 2], [3, 4], [5]] : tensor<2x3x2x3x2x3xf32> into tensor<2x6x6x3xf32>
// CHECK-NOT: linalg.pooling_nhwc_sum
// CHECK: return %[[DXM]], %[[DXA]]
func.func @pool_grads(%x: tensor<2x6x6x3xf32>, %dy: tensor<2x3x3x3xf32>) -> (tensor<2x6x6x3xf32>, tensor<2x6x6x3xf32>) {
  %dm = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x6x6x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x6x6x3xf32>
  %da = dlc.avg_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x6x6x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x6x6x3xf32>
  return %dm, %da : tensor<2x6x6x3xf32>, tensor<2x6x6x3xf32>
}

// Overlapping windows (3x3, stride 2): (1) the tap of each window's first
// maximum (larger value, then smaller tap), (2) each input position sums the
// dy of the windows whose chosen tap it is, over the dilated tap map.
// CHECK-LABEL: func.func @max_grad_overlap
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x7x2xf32>, %[[DY:.*]]: tensor<1x3x3x2xf32>)
// CHECK: %[[ARG:.*]]:2 = linalg.generic {indexing_maps = [{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X]], %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3xf32>)
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi slt
// CHECK: } -> (tensor<1x3x3x2xf32>, tensor<1x3x3x2xi64>)
// CHECK: %[[TAPS:.*]] = tensor.insert_slice %[[ARG]]#1 into
// CHECK: %[[G:.*]] = tensor.insert_slice %[[DY]] into
// CHECK: linalg.generic {indexing_maps = [#[[GATHER]], #[[GATHER]], #[[TAP]], #[[OUT6]]], {{.*}}} ins(%[[TAPS]], %[[G]], %{{.*}} :
// CHECK: arith.cmpi eq
func.func @max_grad_overlap(%x: tensor<1x7x7x2xf32>, %dy: tensor<1x3x3x2xf32>) -> tensor<1x7x7x2xf32> {
  %dx = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x7x7x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x7x7x2xf32>
  return %dx : tensor<1x7x7x2xf32>
}

// 'same' max: a padded tap (value -inf) never wins, even on a tie.
// CHECK-LABEL: func.func @max_grad_same
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.generic
// CHECK: arith.ori
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi slt
// CHECK: } -> (tensor<1x3x3x2xf32>, tensor<1x3x3x2xi64>)
func.func @max_grad_same(%x: tensor<1x5x5x2xf32>, %dy: tensor<1x3x3x2xf32>) -> tensor<1x5x5x2xf32> {
  %dx = dlc.max_pool2d_grad %x, %dy padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x5x5x2xf32>, tensor<1x3x3x2xf32>) -> tensor<1x5x5x2xf32>
  return %dx : tensor<1x5x5x2xf32>
}

// Avg with overlapping windows (3x3, stride 2, 'same'): dy / the in-bounds
// count spread on the stride grid, then a stride-1 sum pool over the
// transposed window.
// CHECK-LABEL: func.func @avg_grad_overlap
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x7x2xf32>, %[[DY:.*]]: tensor<1x4x4x2xf32>)
// CHECK: %[[SHARE:.*]] = linalg.generic {{.*}} ins(%[[DY]] : tensor<1x4x4x2xf32>)
// CHECK: arith.sitofp
// CHECK: arith.divf
// CHECK: %[[SG:.*]] = tensor.insert_slice %[[SHARE]] into %{{.*}}[0, 1, 1, 0] [1, 4, 4, 2] [1, 2, 2, 1]
// CHECK: %[[DXA:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[SG]], %{{.*}} : tensor<1x9x9x2xf32>, tensor<3x3xf32>)
// CHECK: return %[[DXA]]
func.func @avg_grad_overlap(%x: tensor<1x7x7x2xf32>, %dy: tensor<1x4x4x2xf32>) -> tensor<1x7x7x2xf32> {
  %da = dlc.avg_pool2d_grad %x, %dy padding(same) {pool_size = array<i64: 3, 3>, strides = array<i64: 2, 2>} : (tensor<1x7x7x2xf32>, tensor<1x4x4x2xf32>) -> tensor<1x7x7x2xf32>
  return %da : tensor<1x7x7x2xf32>
}
