// convert-dlc-to-linalg: dlc.prelu with alpha shared along the spatial axes collapses alpha to its channels and broadcasts it over batch, height and width; dlc.prelu_grad sums alpha's gradient over those axes and expands it back to alpha's shape.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-LABEL: func.func @prelu_shared
// CHECK-SAME: (%[[X:.*]]: tensor<2x4x4x3xf32>, %[[A:.*]]: tensor<1x1x3xf32>, %[[DY:.*]]: tensor<2x4x4x3xf32>)
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[A]] {{\[\[}}0, 1, 2]] : tensor<1x1x3xf32> into tensor<3xf32>
// CHECK: %[[B:.*]] = linalg.broadcast ins(%[[C]] : tensor<3xf32>) outs(%{{.*}} : tensor<2x4x4x3xf32>) dimensions = [0, 1, 2]
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[B]] : tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>)
// CHECK: arith.cmpf ogt
// CHECK: arith.select
// CHECK: %[[G:.*]]:2 = linalg.generic
// CHECK: %[[S:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[CH]]], iterator_types = ["reduction", "reduction", "reduction", "parallel"]} ins(%[[G]]#1 : tensor<2x4x4x3xf32>)
// CHECK: %[[E:.*]] = tensor.expand_shape %[[S]] {{\[\[}}0, 1, 2]] output_shape [1, 1, 3] : tensor<3xf32> into tensor<1x1x3xf32>
// CHECK: return %[[Y]], %[[G]]#0, %[[E]]
func.func @prelu_shared(%x: tensor<2x4x4x3xf32>, %a: tensor<1x1x3xf32>, %dy: tensor<2x4x4x3xf32>)
    -> (tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>, tensor<1x1x3xf32>) {
  %y = dlc.prelu %x, %a : (tensor<2x4x4x3xf32>, tensor<1x1x3xf32>) -> tensor<2x4x4x3xf32>
  %dx, %da = dlc.prelu_grad %x, %a, %dy : (tensor<2x4x4x3xf32>, tensor<1x1x3xf32>, tensor<2x4x4x3xf32>) -> (tensor<2x4x4x3xf32>, tensor<1x1x3xf32>)
  return %y, %dx, %da : tensor<2x4x4x3xf32>, tensor<2x4x4x3xf32>, tensor<1x1x3xf32>
}
