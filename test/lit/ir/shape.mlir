// Round trip of flatten, reshape, transpose, add, concatenate, repeat_vector and embedding.
// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// RUN: dlc-opt %s --mlir-print-op-generic | dlc-opt | FileCheck %s

// CHECK-LABEL: func.func @flatten_reshape_transpose
func.func @flatten_reshape_transpose(%x: tensor<128x12x12x64xf32>, %y: tensor<32x784xf32>,
                                     %z: tensor<8x1x28x28xf32>)
    -> (tensor<128x9216xf32>, tensor<32x28x28x1xf32>, tensor<8x28x28x1xf32>) {
  // CHECK: dlc.flatten %{{.*}} : tensor<128x12x12x64xf32> -> tensor<128x9216xf32>
  %a = dlc.flatten %x : tensor<128x12x12x64xf32> -> tensor<128x9216xf32>
  // CHECK: dlc.reshape %{{.*}} {shape = array<i64: 32, 28, 28, 1>} : tensor<32x784xf32> -> tensor<32x28x28x1xf32>
  %b = dlc.reshape %y {shape = array<i64: 32, 28, 28, 1>} : tensor<32x784xf32> -> tensor<32x28x28x1xf32>
  // CHECK: dlc.transpose %{{.*}} {permutation = array<i64: 0, 2, 3, 1>} : tensor<8x1x28x28xf32> -> tensor<8x28x28x1xf32>
  %c = dlc.transpose %z {permutation = array<i64: 0, 2, 3, 1>} : tensor<8x1x28x28xf32> -> tensor<8x28x28x1xf32>
  return %a, %b, %c : tensor<128x9216xf32>, tensor<32x28x28x1xf32>, tensor<8x28x28x1xf32>
}

// CHECK-LABEL: func.func @merge
func.func @merge(%a: tensor<32x552x50xf32>, %b: tensor<32x552x50xf32>, %c: tensor<8x4xf32>,
                 %d: tensor<8x6xf32>, %e: tensor<3x8x4xf32>, %f: tensor<5x8x4xf32>)
    -> (tensor<32x552x50xf32>, tensor<8x10xf32>, tensor<8x8x4xf32>) {
  // CHECK: dlc.add %{{.*}}, %{{.*}}, %{{.*}} : (tensor<32x552x50xf32>, tensor<32x552x50xf32>, tensor<32x552x50xf32>) -> tensor<32x552x50xf32>
  %s = dlc.add %a, %b, %a : (tensor<32x552x50xf32>, tensor<32x552x50xf32>, tensor<32x552x50xf32>) -> tensor<32x552x50xf32>
  // CHECK: dlc.concatenate %{{.*}}, %{{.*}} : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<8x10xf32>
  %t = dlc.concatenate %c, %d : (tensor<8x4xf32>, tensor<8x6xf32>) -> tensor<8x10xf32>
  // CHECK: dlc.concatenate %{{.*}}, %{{.*}} {axis = 0 : i64} : (tensor<3x8x4xf32>, tensor<5x8x4xf32>) -> tensor<8x8x4xf32>
  %u = dlc.concatenate %e, %f {axis = 0} : (tensor<3x8x4xf32>, tensor<5x8x4xf32>) -> tensor<8x8x4xf32>
  return %s, %t, %u : tensor<32x552x50xf32>, tensor<8x10xf32>, tensor<8x8x4xf32>
}

// CHECK-LABEL: func.func @embedding_repeat
func.func @embedding_repeat(%ids: tensor<32x552xi32>, %table: tensor<36x50xf32>, %q: tensor<32x50xf32>)
    -> (tensor<32x552x50xf32>, tensor<32x552x50xf32>) {
  // CHECK: dlc.embedding %{{.*}}, %{{.*}} : (tensor<32x552xi32>, tensor<36x50xf32>) -> tensor<32x552x50xf32>
  %e = dlc.embedding %ids, %table : (tensor<32x552xi32>, tensor<36x50xf32>) -> tensor<32x552x50xf32>
  // CHECK: dlc.repeat_vector %{{.*}} {n = 552 : i64} : tensor<32x50xf32> -> tensor<32x552x50xf32>
  %r = dlc.repeat_vector %q {n = 552} : tensor<32x50xf32> -> tensor<32x552x50xf32>
  return %e, %r : tensor<32x552x50xf32>, tensor<32x552x50xf32>
}
