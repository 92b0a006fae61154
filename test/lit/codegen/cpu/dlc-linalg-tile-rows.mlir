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

// A matmul's in-place epilogue (the activation of a fused dense) stays after
// the row-tiled matmul (fusing it into the row blocks measured slower).
// CHECK-LABEL: func.func @epilogue
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<32x4xf32>)
// CHECK: %[[F:.*]] = scf.forall (%[[I:.*]]) = (0) to (32) step (8)
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<8x16xf32>, tensor<16x4xf32>)
// CHECK: tensor.parallel_insert_slice
// CHECK: %[[R:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} outs(%[[F]] : tensor<32x4xf32>)
// CHECK: arith.maximumf
// CHECK: return %[[R]]
func.func @epilogue(%a: tensor<32x16xf32>, %b: tensor<16x4xf32>, %bias: tensor<4xf32>) -> tensor<32x4xf32> {
  %e = tensor.empty() : tensor<32x4xf32>
  %init = linalg.broadcast ins(%bias : tensor<4xf32>) outs(%e : tensor<32x4xf32>) dimensions = [0]
  %0 = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%a, %b : tensor<32x16xf32>, tensor<16x4xf32>) outs(%init : tensor<32x4xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<32x4xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      outs(%0 : tensor<32x4xf32>) {
  ^bb0(%o: f32):
    %z = arith.constant 0.0 : f32
    %r = arith.maximumf %o, %z : f32
    linalg.yield %r : f32
  } -> tensor<32x4xf32>
  return %1 : tensor<32x4xf32>
}

#in = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d3, d2 + d4, d5)>
#fl = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
#out = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d6)>

// A convolution with an in-place epilogue: one image per tile.
// CHECK-LABEL: func.func @conv_epilogue
// CHECK: scf.forall (%[[N:.*]]) in (2)
// CHECK: tensor.extract_slice %{{.*}}[%[[N]], 0, 0, 0] [1, 7, 7, 1]
// CHECK: %[[C:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x7x7x1xf32>, tensor<3x3x1x4xf32>) outs(%{{.*}} : tensor<1x5x5x4xf32>)
// CHECK: linalg.generic {{.*}} outs(%[[C]] : tensor<1x5x5x4xf32>)
// CHECK: tensor.parallel_insert_slice
func.func @conv_epilogue(%x: tensor<2x7x7x1xf32>, %f: tensor<3x3x1x4xf32>, %init: tensor<2x5x5x4xf32>) -> tensor<2x5x5x4xf32> {
  %0 = linalg.generic {indexing_maps = [#in, #fl, #out], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]}
      ins(%x, %f : tensor<2x7x7x1xf32>, tensor<3x3x1x4xf32>) outs(%init : tensor<2x5x5x4xf32>) {
  ^bb0(%i: f32, %w: f32, %acc: f32):
    %m = arith.mulf %i, %w : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x5x5x4xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%0 : tensor<2x5x5x4xf32>) {
  ^bb0(%o: f32):
    %t = math.tanh %o : f32
    linalg.yield %t : f32
  } -> tensor<2x5x5x4xf32>
  return %1 : tensor<2x5x5x4xf32>
}
