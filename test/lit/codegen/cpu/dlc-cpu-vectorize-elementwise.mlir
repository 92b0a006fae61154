// dlc-cpu-vectorize-elementwise: an element-wise op becomes rows of 16-lane
// vectors, split among threads when big enough (scf.parallel marked
// dlc.cpu.threads); a row of 50 is 3 vectors and a 2-wide remainder; rows
// narrower than 8 are left to the loop lowering; a 2-D transpose becomes
// 16 x 16 tiles read transposed (a 40-row one: 32 rows and an 8-row piece).
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-cpu-vectorize-elementwise))' | FileCheck %s

// CHECK-LABEL: func.func @relu
// CHECK: scf.parallel (%[[I:.*]]) = (%c0) to (%c128) step (%c1)
// CHECK: scf.for %[[J:.*]] = %c0 to %c512 step %c16
// CHECK: %[[V:.*]] = vector.transfer_read %{{.*}}[%[[I]], %[[J]]], %{{.*}} {in_bounds = [true, true]} : memref<128x512xf32>, vector<1x16xf32>
// CHECK: arith.maximumf %[[V]], %{{.*}} : vector<1x16xf32>
// CHECK: vector.transfer_write
// CHECK: } {dlc.cpu.threads}
func.func @relu(%y: memref<128x512xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      outs(%y : memref<128x512xf32>) {
  ^bb0(%o: f32):
    %r = arith.maximumf %o, %z : f32
    linalg.yield %r : f32
  }
  return
}

// CHECK-LABEL: func.func @row50
// CHECK-NOT: scf.parallel
// CHECK: scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK: arith.addf {{.*}} : vector<1x16xf32>
// CHECK: arith.addf {{.*}} : vector<1x2xf32>
func.func @row50(%x: memref<4x50xf32>, %b: memref<50xf32>, %y: memref<4x50xf32>) {
  linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%x, %b : memref<4x50xf32>, memref<50xf32>) outs(%y : memref<4x50xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  }
  return
}

// CHECK-LABEL: func.func @narrow
// CHECK: linalg.copy
func.func @narrow(%x: memref<4x3xf32>, %y: memref<4x3xf32>) {
  linalg.copy ins(%x : memref<4x3xf32>) outs(%y : memref<4x3xf32>)
  return
}

// CHECK-LABEL: func.func @transpose
// CHECK-NOT: linalg.transpose
// CHECK: vector.transfer_read {{.*}} : memref<512x40xf32>, vector<16x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<16x16xf32>, memref<40x512xf32>
// CHECK: vector.transfer_read {{.*}} : memref<512x40xf32>, vector<8x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<8x16xf32>, memref<40x512xf32>
func.func @transpose(%w: memref<512x40xf32>, %t: memref<40x512xf32>) {
  linalg.transpose ins(%w : memref<512x40xf32>) outs(%t : memref<40x512xf32>) permutation = [1, 0]
  return
}
