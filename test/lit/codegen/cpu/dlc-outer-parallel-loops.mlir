// dlc-outer-parallel-loops: only the outermost scf.parallel of a nest with
// enough work stays parallel; nested ones and small nests become scf.for.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-outer-parallel-loops{min-iterations=1000}))' | FileCheck %s

// CHECK-LABEL: func.func @nest
// CHECK: scf.parallel (%[[I:.*]]) = (%{{.*}}) to (%{{.*}}) step (%{{.*}})
// CHECK: scf.for %[[K:.*]] =
// CHECK-NOT: scf.parallel
// CHECK: scf.for %[[J:.*]] =
// CHECK: memref.load %{{.*}}[%[[I]], %[[J]]]
func.func @nest(%m: memref<64x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    scf.for %k = %c0 to %c64 step %c1 {
      scf.parallel (%j) = (%c0) to (%c64) step (%c1) {
        %v = memref.load %m[%i, %j] : memref<64x64xf32>
        %w = arith.addf %v, %v : f32
        memref.store %w, %m[%i, %j] : memref<64x64xf32>
        scf.reduce
      }
    }
    scf.reduce
  }
  return
}

// 8 x 8 = 64 iterations, below min-iterations: serial.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.parallel
// CHECK: scf.for
// CHECK: scf.for
func.func @small(%m: memref<8x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c8) step (%c1, %c1) {
    %v = memref.load %m[%i, %j] : memref<8x8xf32>
    memref.store %v, %m[%j, %i] : memref<8x8xf32>
    scf.reduce
  }
  return
}
