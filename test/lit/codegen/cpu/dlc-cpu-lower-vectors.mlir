// dlc-cpu-lower-vectors: an 8 x 1 by 1 x 32 contraction becomes one FMA per
// row of the tile, each the splat of one element of A times B's row plus the
// row of the accumulator (in the target's lowering these are 16 vfmadd on
// zmm registers); a 16 x 16 transpose becomes shuffles.
// RUN: dlc-opt %s -pass-pipeline='builtin.module(func.func(dlc-cpu-lower-vectors))' | FileCheck %s

// CHECK-LABEL: func.func @contract
// CHECK-SAME: (%[[A:.*]]: vector<8x1xf32>, %[[B:.*]]: vector<1x32xf32>, %[[C:.*]]: vector<8x32xf32>)
// CHECK-NOT: vector.contract
// CHECK-NOT: vector.outerproduct
// CHECK-COUNT-8: vector.fma %{{.*}}, %{{.*}}, %{{.*}} : vector<32xf32>
// CHECK-NOT: vector.fma
func.func @contract(%a: vector<8x1xf32>, %b: vector<1x32xf32>, %c: vector<8x32xf32>) -> vector<8x32xf32> {
  %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>,
                                         affine_map<(m, n, k) -> (m, n)>],
                        iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
       %a, %b, %c : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
  return %r : vector<8x32xf32>
}

// CHECK-LABEL: func.func @transpose
// CHECK-NOT: vector.transpose
// CHECK: vector.shuffle
func.func @transpose(%m: vector<16x16xf32>) -> vector<16x16xf32> {
  %t = vector.transpose %m, [1, 0] : vector<16x16xf32> to vector<16x16xf32>
  return %t : vector<16x16xf32>
}
