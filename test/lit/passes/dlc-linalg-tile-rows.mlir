// dlc-linalg-tile-rows: a (parallel m, reduction k, parallel n) contraction
// becomes an scf.forall over blocks of `rows` rows, each block run as
// (k, m, n); too few rows, or another loop structure, are left alone.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-linalg-tile-rows{rows=8}))' | FileCheck %s

#a = affine_map<(d0, d1, d2) -> (d0, d1)>
#b = affine_map<(d0, d1, d2) -> (d1, d2)>
#c = affine_map<(d0, d1, d2) -> (d0, d2)>

// CHECK-LABEL: func.func @rows
// CHECK-SAME: (%[[A:.*]]: tensor<32x16xf32>, %[[B:.*]]: tensor<16x4xf32>, %[[C:.*]]: tensor<32x4xf32>)
// CHECK: scf.forall (%[[I:.*]]) = (0) to (32) step (8) shared_outs(%[[O:.*]] = %[[C]])
// CHECK: %[[AS:.*]] = tensor.extract_slice %[[A]][%[[I]], 0] [8, 16] [1, 1]
// CHECK: %[[BS:.*]] = tensor.extract_slice %[[B]][0, 0] [16, 4] [1, 1]
// CHECK: %[[CS:.*]] = tensor.extract_slice %[[O]][%[[I]], 0] [8, 4] [1, 1]
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "parallel"]} ins(%[[AS]], %[[BS]] : tensor<8x16xf32>, tensor<16x4xf32>) outs(%[[CS]] : tensor<8x4xf32>)
// CHECK: tensor.parallel_insert_slice
func.func @rows(%a: tensor<32x16xf32>, %b: tensor<16x4xf32>, %c: tensor<32x4xf32>) -> tensor<32x4xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : tensor<32x16xf32>, tensor<16x4xf32>) outs(%c : tensor<32x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<32x4xf32>
  return %0 : tensor<32x4xf32>
}

// CHECK-LABEL: func.func @few_rows
// CHECK-NOT: scf.forall
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
func.func @few_rows(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : tensor<8x16xf32>, tensor<16x4xf32>) outs(%c : tensor<8x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}
