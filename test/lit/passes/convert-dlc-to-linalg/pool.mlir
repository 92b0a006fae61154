// convert-dlc-to-linalg: pooling is linalg.pooling_nhwc_max/sum (+ a divide by the in-bounds count for avg); the gradients route dy back through the transposed window.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[WIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[TAP:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[OUT6:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[GATHER:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>

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
// CHECK-LABEL: func.func @pool_grads
// CHECK-SAME: (%[[X:.*]]: tensor<2x6x6x3xf32>, %[[DY:.*]]: tensor<2x3x3x3xf32>)
// CHECK: %[[WIN2:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK: %[[ARG:.*]]:2 = linalg.generic {indexing_maps = [#[[WIN]], #[[TAP]], #[[OUT6]], #[[OUT6]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X]], %[[WIN2]] : tensor<2x6x6x3xf32>, tensor<2x2xf32>)
// CHECK: %[[GT:.*]] = arith.cmpf ogt
// CHECK: %[[EQ:.*]] = arith.cmpf oeq
// CHECK: %[[LT:.*]] = arith.cmpi slt
// CHECK: } -> (tensor<2x3x3x3xf32>, tensor<2x3x3x3xi64>)
// CHECK: %[[TAPS:.*]] = tensor.insert_slice %[[ARG]]#1 into %{{.*}}[0, 1, 1, 0] [2, 3, 3, 3] [1, 2, 2, 1] : tensor<2x3x3x3xi64> into tensor<2x7x7x3xi64>
// CHECK: %[[G:.*]] = tensor.insert_slice %[[DY]] into %{{.*}}[0, 1, 1, 0] [2, 3, 3, 3] [1, 2, 2, 1] : tensor<2x3x3x3xf32> into tensor<2x7x7x3xf32>
// CHECK: %[[DXM:.*]] = linalg.generic {indexing_maps = [#[[GATHER]], #[[GATHER]], #[[TAP]], #[[OUT6]]], {{.*}}} ins(%[[TAPS]], %[[G]], %[[WIN2]] : tensor<2x7x7x3xi64>, tensor<2x7x7x3xf32>, tensor<2x2xf32>)
// CHECK: arith.cmpi eq
// CHECK: %[[SHARE:.*]] = linalg.generic {{.*}} ins(%[[DY]] : tensor<2x3x3x3xf32>)
// CHECK: arith.constant 4.000000e+00 : f32
// CHECK: %[[SG:.*]] = tensor.insert_slice %[[SHARE]] into %{{.*}}[0, 1, 1, 0] [2, 3, 3, 3] [1, 2, 2, 1]
// CHECK: %[[DXA:.*]] = linalg.pooling_nhwc_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[SG]], %{{.*}} : tensor<2x7x7x3xf32>, tensor<2x2xf32>)
// CHECK: return %[[DXM]], %[[DXA]]
func.func @pool_grads(%x: tensor<2x6x6x3xf32>, %dy: tensor<2x3x3x3xf32>) -> (tensor<2x6x6x3xf32>, tensor<2x6x6x3xf32>) {
  %dm = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x6x6x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x6x6x3xf32>
  %da = dlc.avg_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x6x6x3xf32>, tensor<2x3x3x3xf32>) -> tensor<2x6x6x3xf32>
  return %dm, %da : tensor<2x6x6x3xf32>, tensor<2x6x6x3xf32>
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
