// convert-dlc-to-linalg: reshapes are collapse/expand_shape, transpose linalg.transpose, concatenate/slice insert/extract_slice, repeat_vector a broadcast, reduce_sum a reduction generic (over many leading rows, in blocks), embedding a gather generic and its gradient an scf.for scatter-add.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[LAST:.*]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[IDMAP:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>

// CHECK-LABEL: func.func @reshapes
// CHECK-SAME: (%[[X:.*]]: tensor<8x4x4x2xf32>, %[[Y:.*]]: tensor<8x32xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0], [1, 2, 3]] : tensor<8x4x4x2xf32> into tensor<8x32xf32>
// CHECK: %[[R:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1, 2]] output_shape [8, 2, 16] : tensor<8x32xf32> into tensor<8x2x16xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x2x4x4xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<8x4x4x2xf32>) outs(%[[E]] : tensor<8x2x4x4xf32>) permutation = [0, 3, 1, 2]
// CHECK: return %[[F]], %[[R]], %[[T]]
func.func @reshapes(%x: tensor<8x4x4x2xf32>, %y: tensor<8x32xf32>) -> (tensor<8x32xf32>, tensor<8x2x16xf32>, tensor<8x2x4x4xf32>) {
  %f = dlc.flatten %x : tensor<8x4x4x2xf32> -> tensor<8x32xf32>
  %r = dlc.reshape %y {shape = array<i64: 8, 2, 16>} : tensor<8x32xf32> -> tensor<8x2x16xf32>
  %t = dlc.transpose %x {permutation = array<i64: 0, 3, 1, 2>} : tensor<8x4x4x2xf32> -> tensor<8x2x4x4xf32>
  return %f, %r, %t : tensor<8x32xf32>, tensor<8x2x16xf32>, tensor<8x2x4x4xf32>
}

// CHECK-LABEL: func.func @merge
// CHECK-SAME: (%[[A:.*]]: tensor<8x4xf32>, %[[B:.*]]: tensor<8x6xf32>, %[[Q:.*]]: tensor<8x5xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<8x10xf32>
// CHECK: %[[C1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [8, 4] [1, 1]
// CHECK: %[[C:.*]] = tensor.insert_slice %[[B]] into %[[C1]][0, 4] [8, 6] [1, 1]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[C]][0, 4] [8, 6] [1, 1] : tensor<8x10xf32> to tensor<8x6xf32>
// CHECK: %[[RV:.*]] = linalg.broadcast ins(%[[Q]] : tensor<8x5xf32>) outs(%{{.*}} : tensor<8x3x5xf32>) dimensions = [1]
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<5xf32>)
// CHECK: %[[D:.*]] = linalg.generic {indexing_maps = [#[[ID3]], #[[LAST]]], iterator_types = ["reduction", "reduction", "parallel"]} ins(%[[RV]] : tensor<8x3x5xf32>) outs(%[[Z]] : tensor<5xf32>)
// CHECK: arith.addf
// CHECK: return %[[C]], %[[S]], %[[RV]], %[[D]]
func.func @merge(%a: tensor<8x4xf32>, %b: tensor<8x6xf32>, %q: tensor<8x5xf32>) -> (tensor<8x10xf32>, tensor<8x6xf32>, tensor<8x3x5xf32>, tensor<5xf32>) {
  %c = dlc.concatenate %a, %b {axis = -1 : i64} : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<8x10xf32>
  %s = dlc.slice %c {axis = 1 : i64, start = 4 : i64, size = 6 : i64} : tensor<8x10xf32> -> tensor<8x6xf32>
  %r = dlc.repeat_vector %q {n = 3 : i64} : tensor<8x5xf32> -> tensor<8x3x5xf32>
  %d = dlc.reduce_sum %r {axes = array<i64: 0, 1>} : tensor<8x3x5xf32> -> tensor<5xf32>
  return %c, %s, %r, %d : tensor<8x10xf32>, tensor<8x6xf32>, tensor<8x3x5xf32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @embedding
// CHECK-SAME: (%[[IDS:.*]]: tensor<4x7xi32>, %[[TABLE:.*]]: tensor<20x3xf32>, %[[DY:.*]]: tensor<4x7x3xf32>)
// CHECK: %[[E:.*]] = linalg.generic {indexing_maps = [#[[IDMAP]], #[[ID3]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[IDS]] : tensor<4x7xi32>)
// CHECK: ^bb0(%[[ID:.*]]: i32, %{{.*}}: f32):
// CHECK: %[[RAW:.*]] = arith.index_cast %[[ID]] : i32 to index
// CHECK: %[[OK:.*]] = arith.andi
// CHECK: cf.assert %[[OK]], "dlc.embedding: index outside [0, 20) of the table"
// The row read is clamped, so code that reports the check instead of aborting stays in bounds.
// CHECK: %[[ROW:.*]] = arith.select %[[OK]], %[[RAW]], %{{.*}} : index
// CHECK: %[[COL:.*]] = linalg.index 2 : index
// CHECK: %[[V:.*]] = tensor.extract %[[TABLE]][%[[ROW]], %[[COL]]] : tensor<20x3xf32>
// CHECK: linalg.yield %[[V]]
// CHECK: %[[FIDS:.*]] = tensor.collapse_shape %[[IDS]] {{\[}}[0, 1]] : tensor<4x7xi32> into tensor<28xi32>
// CHECK: %[[FDY:.*]] = tensor.collapse_shape %[[DY]] {{\[}}[0, 1], [2]] : tensor<4x7x3xf32> into tensor<28x3xf32>
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<20x3xf32>)
// CHECK: %[[DT:.*]] = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[Z]]) -> (tensor<20x3xf32>) {
// CHECK: %[[K:.*]] = tensor.extract %[[FIDS]][%[[I]]] : tensor<28xi32>
// CHECK: %[[KRAW:.*]] = arith.index_cast %[[K]] : i32 to index
// CHECK: cf.assert %{{.*}}, "dlc.embedding_grad: index outside [0, 20) of the table"
// CHECK: %[[KR:.*]] = arith.select %{{.*}}, %[[KRAW]], %{{.*}} : index
// CHECK: %[[G:.*]] = tensor.extract_slice %[[FDY]][%[[I]], 0] [1, 3] [1, 1] : tensor<28x3xf32> to tensor<3xf32>
// CHECK: %[[CUR:.*]] = tensor.extract_slice %[[ACC]][%[[KR]], 0] [1, 3] [1, 1] : tensor<20x3xf32> to tensor<3xf32>
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[G]] : tensor<3xf32>) outs(%[[CUR]] : tensor<3xf32>)
// CHECK: %[[NEXT:.*]] = tensor.insert_slice %[[SUM]] into %[[ACC]][%[[KR]], 0] [1, 3] [1, 1]
// CHECK: scf.yield %[[NEXT]]
// CHECK: return %[[E]], %[[DT]]
func.func @embedding(%ids: tensor<4x7xi32>, %table: tensor<20x3xf32>, %dy: tensor<4x7x3xf32>) -> (tensor<4x7x3xf32>, tensor<20x3xf32>) {
  %e = dlc.embedding %ids, %table : (tensor<4x7xi32>, tensor<20x3xf32>) -> tensor<4x7x3xf32>
  %dt = dlc.embedding_grad %ids, %table, %dy : (tensor<4x7xi32>, tensor<20x3xf32>, tensor<4x7x3xf32>) -> tensor<20x3xf32>
  return %e, %dt : tensor<4x7x3xf32>, tensor<20x3xf32>
}

// time_distributed is flattened (reshape to [N*T, ...], body once, reshape back) and lowered.
// CHECK-LABEL: func.func @time_distributed
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x5xf32>, %[[W:.*]]: tensor<5x4xf32>)
// CHECK: %[[R:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x5xf32> into tensor<6x5xf32>
// CHECK: %[[Y:.*]] = linalg.matmul ins(%[[R]], %[[W]] : tensor<6x5xf32>, tensor<5x4xf32>)
// CHECK: tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2]] output_shape [2, 3, 4] : tensor<6x4xf32> into tensor<2x3x4xf32>
// CHECK-NOT: dlc.
func.func @time_distributed(%x: tensor<2x3x5xf32>, %w: tensor<5x4xf32>) -> tensor<2x3x4xf32> {
  %r = dlc.time_distributed %x : tensor<2x3x5xf32> -> tensor<2x3x4xf32> {
  ^bb0(%s: tensor<2x5xf32>):
    %y = dlc.dense %s, %w : (tensor<2x5xf32>, tensor<5x4xf32>) -> tensor<2x4xf32>
    dlc.yield %y : tensor<2x4xf32>
  }
  return %r : tensor<2x3x4xf32>
}

// Shapes that do not group into each other go through one flat axis.
// CHECK-LABEL: func.func @reshape_regroup
// CHECK: %[[F:.*]] = tensor.collapse_shape %{{.*}} {{\[}}[0, 1]] : tensor<6x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [8, 3] : tensor<24xf32> into tensor<8x3xf32>
func.func @reshape_regroup(%x: tensor<6x4xf32>) -> tensor<8x3xf32> {
  %r = dlc.reshape %x {shape = array<i64: 8, 3>} : tensor<6x4xf32> -> tensor<8x3xf32>
  return %r : tensor<8x3xf32>
}

// A sum over 4 x 8 x 10 = 320 leading rows (a convolution's bias gradient):
// blocks of 16 rows (the largest divisor of 320 up to sqrt(320)) summed
// first, then the 20 block sums.
// CHECK-LABEL: func.func @blocked_sum
// CHECK: %[[ROWS:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] : tensor<4x8x10x6xf32> into tensor<320x6xf32>
// CHECK: %[[BLOCKS:.*]] = tensor.expand_shape %[[ROWS]] {{\[\[}}0, 1], [2]] output_shape [20, 16, 6] : tensor<320x6xf32> into tensor<20x16x6xf32>
// CHECK: %[[PART:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[BLOCKS]] : tensor<20x16x6xf32>) outs(%{{.*}} : tensor<20x6xf32>)
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[PART]] : tensor<20x6xf32>) outs(%{{.*}} : tensor<6xf32>)
func.func @blocked_sum(%x: tensor<4x8x10x6xf32>) -> tensor<6xf32> {
  %s = dlc.reduce_sum %x {axes = array<i64: 0, 1, 2>} : tensor<4x8x10x6xf32> -> tensor<6xf32>
  return %s : tensor<6xf32>
}
