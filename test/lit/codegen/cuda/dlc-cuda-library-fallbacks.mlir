// dlc-cuda-library-fallbacks: after bufferization, a bgrad GEMM is followed
// by a dlc_cuda.fallback with the plain GEMM (same operands and transposes,
// no epilogue) and the bias gradient as a zero fill and a column sum of b;
// a fused convolution by one with the plain convolution and the bias and
// relu in place on y (the bias without relu when the activation is none).
// Other library calls get none; a fused call still on tensors is an error.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics -dlc-cuda-library-fallbacks | FileCheck %s

// CHECK-LABEL: func.func @bgrad
// CHECK-SAME: (%[[X:.*]]: memref<128x784xf32>, %[[DY:.*]]: memref<128x512xf32>, %[[DW:.*]]: memref<784x512xf32>, %[[DB:.*]]: memref<512xf32>)
// CHECK: dlc_cuda.gemm ins(%[[X]], %[[DY]] : memref<128x784xf32>, memref<128x512xf32>) outs(%[[DW]] : memref<784x512xf32>) bias_grad(%[[DB]] : memref<512xf32>) {epilogue = "bgrad", transpose_a = true}
// CHECK-NEXT: dlc_cuda.fallback {
// CHECK-NEXT: dlc_cuda.gemm ins(%[[X]], %[[DY]] : memref<128x784xf32>, memref<128x512xf32>) outs(%[[DW]] : memref<784x512xf32>) {transpose_a = true}
// CHECK-NEXT: linalg.generic {indexing_maps = [#{{.*}}], iterator_types = ["parallel"]} outs(%[[DB]] : memref<512xf32>)
// CHECK: linalg.yield %{{.*}} : f32
// CHECK: linalg.generic {indexing_maps = [#[[ID:.*]], #[[COL:.*]]], iterator_types = ["reduction", "parallel"]} ins(%[[DY]] : memref<128x512xf32>) outs(%[[DB]] : memref<512xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f32, %[[OUT:.*]]: f32):
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[IN]], %[[OUT]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: memref.alloc
// CHECK-NEXT: dlc_cuda.gemm {{.*}}epilogue = "relu_bias"
// CHECK-NOT: dlc_cuda.fallback
// CHECK: return
func.func @bgrad(%x: memref<128x784xf32>, %dy: memref<128x512xf32>, %dw: memref<784x512xf32>, %db: memref<512xf32>) {
  dlc_cuda.gemm ins(%x, %dy : memref<128x784xf32>, memref<128x512xf32>) outs(%dw : memref<784x512xf32>) bias_grad(%db : memref<512xf32>) {epilogue = "bgrad", transpose_a = true}
  %y = memref.alloc() : memref<128x512xf32>
  dlc_cuda.gemm ins(%x, %dw : memref<128x784xf32>, memref<784x512xf32>) bias(%db : memref<512xf32>) outs(%y : memref<128x512xf32>) {epilogue = "relu_bias"}
  return
}

// -----

// The bias is read per channel (the last dimension of NHWC).
// CHECK: #map = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-NEXT: #map1 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.*]]: memref<2x8x8x3xf32>, %[[W:.*]]: memref<4x3x3x3xf32>, %[[B:.*]]: memref<4xf32>, %[[Y:.*]]: memref<2x6x6x4xf32>, %[[Y2:.*]]: memref<2x6x6x4xf32>)
// CHECK: dlc_cuda.conv2d_bias_activation ins(%[[X]], %[[W]], %[[B]] : {{.*}}) outs(%[[Y]] : memref<2x6x6x4xf32>) {activation = "relu"
// CHECK-NEXT: dlc_cuda.fallback {
// CHECK-NEXT: dlc_cuda.conv2d_forward ins(%[[X]], %[[W]] : memref<2x8x8x3xf32>, memref<4x3x3x3xf32>) outs(%[[Y]] : memref<2x6x6x4xf32>) {dilations = array<i64: 1, 1>, post_padding = array<i64: 0, 0>, pre_padding = array<i64: 0, 0>, strides = array<i64: 1, 1>}
// CHECK-NEXT: linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[B]] : memref<4xf32>) outs(%[[Y]] : memref<2x6x6x4xf32>)
// CHECK-NEXT: ^bb0(%[[BIAS:.*]]: f32, %[[V:.*]]: f32):
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[V]], %[[BIAS]] : f32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R:.*]] = arith.maximumf %[[SUM]], %[[ZERO]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: dlc_cuda.conv2d_bias_activation {{.*}} outs(%[[Y2]] : memref<2x6x6x4xf32>) {activation = "none"
// CHECK-NEXT: dlc_cuda.fallback {
// CHECK-NEXT: dlc_cuda.conv2d_forward
// CHECK-NEXT: linalg.generic
// CHECK-NEXT: ^bb0(%[[BIAS2:.*]]: f32, %[[V2:.*]]: f32):
// CHECK-NEXT: %[[SUM2:.*]] = arith.addf %[[V2]], %[[BIAS2]] : f32
// CHECK-NEXT: linalg.yield %[[SUM2]] : f32
func.func @conv(%x: memref<2x8x8x3xf32>, %w: memref<4x3x3x3xf32>, %b: memref<4xf32>, %y: memref<2x6x6x4xf32>, %y2: memref<2x6x6x4xf32>) {
  dlc_cuda.conv2d_bias_activation ins(%x, %w, %b : memref<2x8x8x3xf32>, memref<4x3x3x3xf32>, memref<4xf32>) outs(%y : memref<2x6x6x4xf32>) {activation = "relu", pre_padding = array<i64: 0, 0>, post_padding = array<i64: 0, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>}
  dlc_cuda.conv2d_bias_activation ins(%x, %w, %b : memref<2x8x8x3xf32>, memref<4x3x3x3xf32>, memref<4xf32>) outs(%y2 : memref<2x6x6x4xf32>) {activation = "none", pre_padding = array<i64: 0, 0>, post_padding = array<i64: 0, 0>, strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>}
  return
}

// -----

func.func @on_tensors(%x: tensor<4x4xf32>, %dy: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4x4xf32>
  %e1 = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{is still on tensors; dlc-cuda-library-fallbacks runs after bufferization}}
  %r:2 = dlc_cuda.gemm ins(%x, %dy : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) bias_grad(%e1 : tensor<4xf32>) {epilogue = "bgrad", transpose_a = true} -> tensor<4x4xf32>, tensor<4xf32>
  return %r#0, %r#1 : tensor<4x4xf32>, tensor<4xf32>
}

// -----

func.func @stray(%x: memref<4x4xf32>, %y: memref<4x4xf32>) {
  dlc_cuda.gemm ins(%x, %x : memref<4x4xf32>, memref<4x4xf32>) outs(%y : memref<4x4xf32>)
  // expected-error @+1 {{must follow the fused library call it replaces}}
  dlc_cuda.fallback {
  }
  return
}
