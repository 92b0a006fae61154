// dlc-cpu-hoist-accumulators: a register tile's read and write of C leave
// the reduction loop, which then carries the tile as an iteration argument;
// a loop of at least 16 iterations starts from zeros and C is read after it
// and added (a blocked sum); a 4-iteration loop keeps C as its start; a
// loop whose accumulator is used otherwise (here squared each step)
// is not blocked.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-cpu-hoist-accumulators))' | FileCheck %s

#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @blocked
// CHECK-SAME: (%[[A:.*]]: memref<8x512xf32>, %[[B:.*]]: memref<512x32xf32>, %[[C:.*]]: memref<8x32xf32>)
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// CHECK: %[[SUM:.*]] = scf.for %{{.*}} iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (vector<8x32xf32>)
// CHECK-NOT: vector.transfer_read %[[C]]
// CHECK: vector.contract {{.*}} %[[ACC]]
// CHECK: }
// CHECK: %[[OLD:.*]] = vector.transfer_read %[[C]]
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[SUM]]
// CHECK: vector.transfer_write %[[NEW]], %[[C]]
func.func @blocked(%a: memref<8x512xf32>, %b: memref<512x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %z = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c512 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %z {in_bounds = [true, true]} : memref<8x512xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %z {in_bounds = [true, true]} : memref<512x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %z {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"],
                          kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}

// CHECK-LABEL: func.func @short
// CHECK: %[[OLD:.*]] = vector.transfer_read
// CHECK: %[[SUM:.*]] = scf.for %{{.*}} iter_args(%{{.*}} = %[[OLD]])
// CHECK-NOT: arith.addf
// CHECK: vector.transfer_write %[[SUM]]
func.func @short(%a: memref<8x4xf32>, %b: memref<4x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c4 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %z {in_bounds = [true, true]} : memref<8x4xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %z {in_bounds = [true, true]} : memref<4x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %z {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"],
                          kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}

// CHECK-LABEL: func.func @not_additive
// CHECK: %[[OLD:.*]] = vector.transfer_read %{{.*}}[%c0, %c0]
// CHECK: scf.for %{{.*}} iter_args(%{{.*}} = %[[OLD]])
func.func @not_additive(%a: memref<8x512xf32>, %b: memref<512x32xf32>, %c: memref<8x32xf32>,
                        %d: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c512 = arith.constant 512 : index
  %z = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c512 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %z {in_bounds = [true, true]} : memref<8x512xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %z {in_bounds = [true, true]} : memref<512x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %z {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"],
                          kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    %m = arith.mulf %r, %r : vector<8x32xf32>
    vector.transfer_write %m, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}
