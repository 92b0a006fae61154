// dlc-linalg-loop-order: contractions get the loop of the output's contiguous
// dimension innermost; matmul_transpose_b becomes a transpose and a matmul;
// ops without a reduction, or whose inputs are not contiguous along that
// loop (a row sum), are left alone, and so are the f32 matmuls and
// width-stride-1 convolutions dlc-cpu-tile-contractions register-tiles.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-linalg-loop-order))' | FileCheck %s

// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>

// An f64 matmul (not register-tiled) becomes (m, k, n).
// CHECK-LABEL: func.func @matmul_f64
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @matmul_f64(%a: tensor<8x16xf64>, %b: tensor<16x4xf64>, %c: tensor<8x4xf64>) -> tensor<8x4xf64> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x16xf64>, tensor<16x4xf64>) outs(%c : tensor<8x4xf64>) -> tensor<8x4xf64>
  return %0 : tensor<8x4xf64>
}

// An f32 matmul keeps its named form for dlc-cpu-tile-contractions.
// CHECK-LABEL: func.func @matmul_f32
// CHECK: linalg.matmul ins
func.func @matmul_f32(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// CHECK-LABEL: func.func @transpose_b
// CHECK-SAME: (%[[X:.*]]: tensor<8x16xf32>, %[[W:.*]]: tensor<4x16xf32>
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[W]] : tensor<4x16xf32>) outs(%{{.*}} : tensor<16x4xf32>) permutation = [1, 0]
// CHECK: linalg.matmul ins(%[[X]], %[[T]] : tensor<8x16xf32>, tensor<16x4xf32>)
func.func @transpose_b(%a: tensor<8x16xf32>, %b: tensor<4x16xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %0 = linalg.matmul_transpose_b ins(%a, %b : tensor<8x16xf32>, tensor<4x16xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// A convolution strided along the width is not register-tiled:
// conv_2d_nhwc_hwcf (n, oh, ow, f, kh, kw, c) becomes (n, oh, ow, kh, kw, c, f).
// CHECK-LABEL: func.func @conv_strided
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "reduction", "parallel"]
func.func @conv_strided(%x: tensor<2x6x6x3xf32>, %w: tensor<3x3x3x5xf32>, %y: tensor<2x2x2x5xf32>) -> tensor<2x2x2x5xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<2x6x6x3xf32>, tensor<3x3x3x5xf32>) outs(%y : tensor<2x2x2x5xf32>) -> tensor<2x2x2x5xf32>
  return %0 : tensor<2x2x2x5xf32>
}

// A stride-1 convolution keeps its named form.
// CHECK-LABEL: func.func @conv_stride1
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @conv_stride1(%x: tensor<2x6x6x3xf32>, %w: tensor<3x3x3x5xf32>, %y: tensor<2x4x4x5xf32>) -> tensor<2x4x4x5xf32> {
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<2x6x6x3xf32>, tensor<3x3x3x5xf32>) outs(%y : tensor<2x4x4x5xf32>) -> tensor<2x4x4x5xf32>
  return %0 : tensor<2x4x4x5xf32>
}

// A row sum (the reduction innermost, no input contiguous along the output
// dimension) keeps its order; so does an element-wise op.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
func.func @row_sum(%x: tensor<8x10xf32>, %s: tensor<8xf32>) -> tensor<8xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                       iterator_types = ["parallel", "reduction"]} ins(%x : tensor<8x10xf32>) outs(%s : tensor<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %1 = arith.addf %acc, %in : f32
    linalg.yield %1 : f32
  } -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// In a loop, B's transpose goes before the loop when B does not depend on it.
// CHECK-LABEL: func.func @transpose_b_in_loop
// CHECK: linalg.transpose
// CHECK: scf.for
// CHECK-NOT: linalg.transpose
// CHECK: linalg.matmul
func.func @transpose_b_in_loop(%a: tensor<8x16xf32>, %b: tensor<4x16xf32>, %c: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %r = scf.for %i = %c0 to %c5 step %c1 iter_args(%acc = %c) -> (tensor<8x4xf32>) {
    %0 = linalg.matmul_transpose_b ins(%a, %b : tensor<8x16xf32>, tensor<4x16xf32>) outs(%acc : tensor<8x4xf32>) -> tensor<8x4xf32>
    scf.yield %0 : tensor<8x4xf32>
  }
  return %r : tensor<8x4xf32>
}
