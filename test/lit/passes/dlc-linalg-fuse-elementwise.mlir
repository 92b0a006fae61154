// dlc-linalg-fuse-elementwise: element-wise producers fuse into their
// consumers as upstream's pass fuses them, except a producer that updates
// its init in place (it would run again at every extra loop of the consumer)
// and a producer that would run more than once per element where that is
// not worth it (a contraction's operand; an expensive producer broadcast).
// RUN: dlc-opt %s --dlc-linalg-fuse-elementwise --split-input-file | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#a = affine_map<(d0, d1, d2) -> (d0, d1)>
#b = affine_map<(d0, d1, d2) -> (d1, d2)>
#c = affine_map<(d0, d1, d2) -> (d0, d2)>

// CHECK-LABEL: func.func @in_place_producer
// CHECK: %[[S:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x5xf32>)
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} ins(%[[S]], %{{.*}} : tensor<1x5xf32>, tensor<5x3xf32>)
// CHECK-NOT: math.exp
func.func @in_place_producer(%z: tensor<1x5xf32>, %w: tensor<5x3xf32>, %acc: tensor<1x3xf32>) -> tensor<1x3xf32> {
  %s = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel"]} outs(%z : tensor<1x5xf32>) {
  ^bb0(%o: f32):
    %e = math.exp %o : f32
    linalg.yield %e : f32
  } -> tensor<1x5xf32>
  %y = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%s, %w : tensor<1x5xf32>, tensor<5x3xf32>) outs(%acc : tensor<1x3xf32>) {
  ^bb0(%x: f32, %v: f32, %r: f32):
    %m = arith.mulf %x, %v : f32
    %t = arith.addf %r, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>

// A producer that reads only its inputs fuses.
// CHECK-LABEL: func.func @pure_producer
// CHECK: linalg.generic
// CHECK: math.exp
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @pure_producer(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %e0 = tensor.empty() : tensor<4x4xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4xf32>) outs(%e0 : tensor<4x4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %v = math.exp %i : f32
    linalg.yield %v : f32
  } -> tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<4x4xf32>
  %p = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%e, %y : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e1 : tensor<4x4xf32>) {
  ^bb0(%i: f32, %j: f32, %o: f32):
    %v = arith.mulf %i, %j : f32
    linalg.yield %v : f32
  } -> tensor<4x4xf32>
  return %p : tensor<4x4xf32>
}

// -----

#a = affine_map<(d0, d1, d2) -> (d0, d1)>
#b = affine_map<(d0, d1, d2) -> (d1, d2)>
#c = affine_map<(d0, d1, d2) -> (d0, d2)>
#id = affine_map<(d0, d1) -> (d0, d1)>

// A pure producer of a contraction's operand stays its own op: fused, it
// would run once per output column, and the product would no longer be a
// contraction.
// CHECK-LABEL: func.func @producer_of_contraction
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<4x5xf32>, tensor<4x5xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}} ins(%[[S]], %{{.*}} : tensor<4x5xf32>, tensor<5x3xf32>)
func.func @producer_of_contraction(%x: tensor<4x5xf32>, %p: tensor<4x5xf32>, %w: tensor<5x3xf32>, %acc: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %e0 = tensor.empty() : tensor<4x5xf32>
  %s = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %p : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e0 : tensor<4x5xf32>) {
  ^bb0(%i: f32, %j: f32, %o: f32):
    %v = arith.addf %i, %j : f32
    linalg.yield %v : f32
  } -> tensor<4x5xf32>
  %y = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%s, %w : tensor<4x5xf32>, tensor<5x3xf32>) outs(%acc : tensor<4x3xf32>) {
  ^bb0(%l: f32, %r: f32, %o: f32):
    %m = arith.mulf %l, %r : f32
    %t = arith.addf %o, %m : f32
    linalg.yield %t : f32
  } -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// A reduction that reads each element of the producer once takes it.
// CHECK-LABEL: func.func @producer_of_row_sum
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: math.exp
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
func.func @producer_of_row_sum(%x: tensor<4x5xf32>, %acc: tensor<4xf32>) -> tensor<4xf32> {
  %e0 = tensor.empty() : tensor<4x5xf32>
  %e = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x5xf32>) outs(%e0 : tensor<4x5xf32>) {
  ^bb0(%i: f32, %o: f32):
    %v = math.exp %i : f32
    linalg.yield %v : f32
  } -> tensor<4x5xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%e : tensor<4x5xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %v = arith.addf %o, %i : f32
    linalg.yield %v : f32
  } -> tensor<4xf32>
  return %s : tensor<4xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#v = affine_map<(d0) -> (d0)>

// Read along a broadcast (each element once per column), a producer of
// more than four operations stays its own op; a cheap one fuses.
// CHECK-LABEL: func.func @broadcast_producers
// CHECK: %[[DEAR:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4xf32>) outs(%{{.*}} : tensor<4xf32>)
// CHECK: math.exp
// CHECK: math.log
// CHECK: linalg.generic {{.*}} ins(%[[DEAR]], %{{.*}} : tensor<4xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<4x5xf32>)
// CHECK-NOT: math.exp
// CHECK: arith.negf
// CHECK: arith.mulf
// CHECK-NOT: linalg.generic
func.func @broadcast_producers(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4x5xf32> {
  %e0 = tensor.empty() : tensor<4xf32>
  %dear = linalg.generic {indexing_maps = [#v, #v], iterator_types = ["parallel"]} ins(%a : tensor<4xf32>) outs(%e0 : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %x1 = math.exp %i : f32
    %x2 = math.log %x1 : f32
    %x3 = math.exp %x2 : f32
    %x4 = math.log %x3 : f32
    %x5 = math.exp %x4 : f32
    linalg.yield %x5 : f32
  } -> tensor<4xf32>
  %cheap = linalg.generic {indexing_maps = [#v, #v], iterator_types = ["parallel"]} ins(%b : tensor<4xf32>) outs(%e0 : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %n = arith.negf %i : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  %e1 = tensor.empty() : tensor<4x5xf32>
  %p = linalg.generic {indexing_maps = [#row, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%dear, %cheap : tensor<4xf32>, tensor<4xf32>) outs(%e1 : tensor<4x5xf32>) {
  ^bb0(%i: f32, %j: f32, %o: f32):
    %v = arith.mulf %i, %j : f32
    linalg.yield %v : f32
  } -> tensor<4x5xf32>
  return %p : tensor<4x5xf32>
}
