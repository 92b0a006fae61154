// dlc-linalg-fuse-elementwise{gathers=false}: a producer whose payload reads
// a tensor by index (an embedding's gather) stays a loop of its own, so its
// element-wise consumer (here a dropout-like scaling) can be vectorised
// along its rows; by default it fuses like any element-wise producer.
// RUN: dlc-opt %s --dlc-linalg-fuse-elementwise | FileCheck %s --check-prefix=FUSE
// RUN: dlc-opt %s --dlc-linalg-fuse-elementwise="gathers=false" | FileCheck %s --check-prefix=KEEP

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>

// FUSE-LABEL: func.func @gather_then_scale
// FUSE: linalg.generic
// FUSE: tensor.extract
// FUSE: arith.mulf
// FUSE-NOT: linalg.generic
// KEEP-LABEL: func.func @gather_then_scale
// KEEP: %[[G:.*]] = linalg.generic
// KEEP: tensor.extract
// KEEP-NOT: arith.mulf
// KEEP: linalg.generic {{.*}} ins(%[[G]], %{{.*}} : tensor<4x8xf32>, tensor<4x8xf32>)
// KEEP: arith.mulf
func.func @gather_then_scale(%ids: tensor<4xindex>, %table: tensor<10x8xf32>, %mask: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %e = tensor.empty() : tensor<4x8xf32>
  %g = linalg.generic {indexing_maps = [#row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%ids : tensor<4xindex>) outs(%e : tensor<4x8xf32>) {
  ^bb0(%i: index, %o: f32):
    %j = linalg.index 1 : index
    %v = tensor.extract %table[%i, %j] : tensor<10x8xf32>
    linalg.yield %v : f32
  } -> tensor<4x8xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %y = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%g, %mask : tensor<4x8xf32>, tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %p = arith.mulf %a, %m : f32
    linalg.yield %p : f32
  } -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
