// dlc-outer-parallel-loops: only the outermost scf.parallel of a nest with
// enough work (vector ops counting their elements) stays parallel, and so
// do those dlc-cpu-tile-contractions marked dlc.cpu.threads; nested ones
// and small nests become scf.for.
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

// Two iterations, but dlc-cpu-tile-contractions marked it: parallel.
// CHECK-LABEL: func.func @thread_tiles
// CHECK: scf.parallel
// CHECK: dlc.cpu.threads
func.func @thread_tiles(%m: memref<2x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  scf.parallel (%i) = (%c0) to (%c2) step (%c1) {
    %v = memref.load %m[%i, %c0] : memref<2x8xf32>
    memref.store %v, %m[%i, %c1] : memref<2x8xf32>
    scf.reduce
  } {dlc.cpu.threads}
  return
}

// 4 x 2 iterations of a vector op of 256 elements: 2048 counted, parallel.
// CHECK-LABEL: func.func @vector_work
// CHECK: scf.parallel
func.func @vector_work(%m: memref<4x8x32xf32>, %v: vector<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.for %k = %c0 to %c2 step %c1 {
      %w = arith.addf %v, %v : vector<8x32xf32>
      vector.transfer_write %w, %m[%i, %c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<4x8x32xf32>
    }
    scf.reduce
  }
  return
}
