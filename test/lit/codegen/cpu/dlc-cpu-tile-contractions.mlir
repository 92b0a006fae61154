// dlc-cpu-tile-contractions: GEMMs get thread tiles (an scf.parallel marked
// dlc.cpu.threads), (MC, NC, KC) cache tiles and 8 x 32 register tiles
// vectorised to vector.contract; extents that are no multiple of a tile are
// split off into pieces with smaller static tiles; matmul_transpose_a reads
// A transposed; a stride-1 convolution and the filter gradient become
// loops around the same 8 x 1 by 1 x 32 contraction.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-cpu-tile-contractions))' | FileCheck %s


// The register tile's map of A when it is read transposed (K x M).
// CHECK-DAG: #[[AT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>

// CHECK-LABEL: func.func @matmul
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c2, %c2)
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c512
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c256 step %c32
// CHECK: scf.for %{{.*}} = %c0 to %c512 step %c1
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {dlc.cpu.threads}
func.func @matmul(%a: memref<128x512xf32>, %b: memref<512x512xf32>, %c: memref<128x512xf32>) {
  linalg.matmul ins(%a, %b : memref<128x512xf32>, memref<512x512xf32>) outs(%c : memref<128x512xf32>)
  return
}

// 19 x 72 = (16 + 3) x (64 + 8): four pieces, each with full static tiles;
// the 16 x 64 one as 4 thread tiles of 8 x 32 (at least 4 where the
// register tiles allow), the small remainders on one thread.
// CHECK-LABEL: func.func @remainders
// CHECK: scf.parallel (%{{.*}}, %{{.*}}) = (%c0, %c0) to (%c2, %c2)
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK: vector.contract {{.*}} : vector<3x1xf32>, vector<1x32xf32> into vector<3x32xf32>
// CHECK: vector.contract {{.*}} : vector<3x1xf32>, vector<1x8xf32> into vector<3x8xf32>
// CHECK-NOT: linalg.matmul
func.func @remainders(%a: memref<19x300xf32>, %b: memref<300x72xf32>, %c: memref<19x72xf32>) {
  linalg.matmul ins(%a, %b : memref<19x300xf32>, memref<300x72xf32>) outs(%c : memref<19x72xf32>)
  return
}

// 50 columns (babi_rnn's units) = 32 + 16 + 2: a remainder wider than one
// vector is split again at the vector width, never an 18-lane tile.
// CHECK-LABEL: func.func @wide_remainder
// CHECK-NOT: vector<1x18xf32>
// CHECK-DAG: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-DAG: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK-DAG: vector.contract {{.*}} : vector<8x1xf32>, vector<1x2xf32> into vector<8x2xf32>
// CHECK-NOT: vector<1x18xf32>
func.func @wide_remainder(%a: memref<16x64xf32>, %b: memref<64x50xf32>, %c: memref<16x50xf32>) {
  linalg.matmul ins(%a, %b : memref<16x64xf32>, memref<64x50xf32>) outs(%c : memref<16x50xf32>)
  return
}

// C[300, 72] = Aᵀ · B: A's tile is read as K x M (1 x 8).
// CHECK-LABEL: func.func @transpose_a
// CHECK: scf.parallel
// CHECK: vector.contract {indexing_maps = [#[[AT]], {{.*}} : vector<1x8xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {dlc.cpu.threads}
func.func @transpose_a(%a: memref<19x300xf32>, %b: memref<19x72xf32>, %c: memref<300x72xf32>) {
  linalg.matmul_transpose_a ins(%a, %b : memref<19x300xf32>, memref<19x72xf32>) outs(%c : memref<300x72xf32>)
  return
}

// Images split among threads; per output row, 8 pixels x 32 filters summed
// over the taps (kh, kw) and channels (c) in that order.
// CHECK-LABEL: func.func @conv
// CHECK: scf.parallel (%[[N:.*]]) = (%c0) to (%c4) step (%c1)
// CHECK: scf.for %[[OH:.*]] = %c0 to %c10 step %c1
// CHECK: scf.for %[[OW:.*]] = %c0 to %c8 step %c8
// CHECK: scf.for %[[F:.*]] = %c0 to %c64 step %c32
// CHECK: scf.for %[[KH:.*]] = %c0 to %c3 step %c1
// CHECK: scf.for %[[KW:.*]] = %c0 to %c3 step %c1
// CHECK: scf.for %[[C:.*]] = %c0 to %c8 step %c1
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {dlc.cpu.threads}
// The last two pixels of each row: a 2 x 32 tile.
// CHECK: scf.parallel
// CHECK: vector.contract {{.*}} : vector<2x1xf32>, vector<1x32xf32> into vector<2x32xf32>
func.func @conv(%x: memref<4x12x12x8xf32>, %w: memref<3x3x8x64xf32>, %y: memref<4x10x10x64xf32>) {
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<4x12x12x8xf32>, memref<3x3x8x64xf32>) outs(%y : memref<4x10x10x64xf32>)
  return
}

// dW[kh, kw, c, f]: filter tiles split among threads, images outermost, then
// the taps and 8 channels x 32 filters, summed over one image's pixels
// (rows, then columns) with A (the input's channels) read transposed.
// CHECK-LABEL: func.func @filter_gradient
// CHECK: scf.parallel (%{{.*}}) = (%c0) to (%c2) step (%c1)
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c32
// CHECK: scf.for %{{.*}} = %c0 to %c10 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c10 step %c1
// CHECK: vector.contract {indexing_maps = [#[[AT]], {{.*}} : vector<1x8xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {dlc.cpu.threads}
func.func @filter_gradient(%x: memref<4x12x12x8xf32>, %dy: memref<4x10x10x64xf32>, %dw: memref<3x3x8x64xf32>) {
  linalg.generic {indexing_maps = [affine_map<(n, oh, ow, kh, kw, c, f) -> (n, oh + kh, ow + kw, c)>,
                                   affine_map<(n, oh, ow, kh, kw, c, f) -> (n, oh, ow, f)>,
                                   affine_map<(n, oh, ow, kh, kw, c, f) -> (kh, kw, c, f)>],
                  iterator_types = ["reduction", "reduction", "reduction", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %dy : memref<4x12x12x8xf32>, memref<4x10x10x64xf32>) outs(%dw : memref<3x3x8x64xf32>) {
  ^bb0(%in: f32, %g: f32, %acc: f32):
    %m = arith.mulf %in, %g : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  }
  return
}

// Not scheduled: an f64 matmul, a convolution strided along the width.
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.matmul
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @left_alone(%a: memref<16x16xf64>, %b: memref<16x16xf64>, %c: memref<16x16xf64>,
                      %x: memref<2x6x6x3xf32>, %w: memref<3x3x3x5xf32>, %y: memref<2x2x2x5xf32>) {
  linalg.matmul ins(%a, %b : memref<16x16xf64>, memref<16x16xf64>) outs(%c : memref<16x16xf64>)
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : memref<2x6x6x3xf32>, memref<3x3x3x5xf32>) outs(%y : memref<2x2x2x5xf32>)
  return
}
