// dlc-cuda-cublaslt-gemms: linalg matrix products become cuBLASLt GEMMs. A
// product into a bias broadcast along the rows takes the bias as the `bias`
// epilogue, and an in-place relu after it makes it `relu_bias`; a product
// into zeros overwrites its output (no accumulate; `relu` when a relu
// follows); the dense gradients are the transposed forms; any other initial
// value is accumulated into (beta = 1). Every choice is in dlc.paths;
// policy=default (--target=cuda) keeps GEMMs under 2^21 multiply-adds as
// generated kernels.
// RUN: dlc-opt %s -dlc-cuda-cublaslt-gemms | FileCheck %s
// RUN: dlc-opt %s '-dlc-cuda-cublaslt-gemms=policy=default' | FileCheck %s --check-prefix=DEFAULT

// CHECK: module attributes {dlc.paths = [
// CHECK-SAME: layer = "dense_a", path = "cuBLASLt", what = "GEMM A\C2\B7B 128x512x784 with the relu_bias epilogue", why = "cuda-cudnn calls cuBLASLt for every GEMM"}
// CHECK-SAME: layer = "dense_b", path = "cuBLASLt", what = "GEMM A\C2\B7B 128x10x512 with the bias epilogue"
// CHECK-SAME: layer = "dense_c", path = "cuBLASLt", what = "GEMM A\C2\B7B 128x64x512 with the relu epilogue"
// CHECK-SAME: layer = "grad_x", path = "cuBLASLt", what = "GEMM A\C2\B7B\E1\B5\80 128x784x512"
// CHECK-SAME: layer = "grad_w", path = "cuBLASLt", what = "GEMM A\E1\B5\80\C2\B7B 784x512x128"
// CHECK-SAME: layer = "step", path = "cuBLASLt", what = "GEMM A\C2\B7B 32x512x128 accumulating"
// CHECK-SAME: layer = "small", path = "cuBLASLt", what = "GEMM A\C2\B7B 32x10x128 accumulating"

// CHECK-LABEL: func.func @dense_relu
// CHECK-SAME: (%[[X:.*]]: tensor<128x784xf32>, %[[W:.*]]: tensor<784x512xf32>, %[[B:.*]]: tensor<512xf32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<128x512xf32>
// CHECK: %[[Y:.*]] = dlc_cuda.gemm ins(%[[X]], %[[W]] : tensor<128x784xf32>, tensor<784x512xf32>) bias(%[[B]] : tensor<512xf32>) outs(%[[E]] : tensor<128x512xf32>) {epilogue = "relu_bias"} -> tensor<128x512xf32>
// CHECK-NOT: linalg.generic
// CHECK: return %[[Y]]
func.func @dense_relu(%x: tensor<128x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<128x512xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x512xf32>
  %bb = linalg.broadcast ins(%b : tensor<512xf32>) outs(%e : tensor<128x512xf32>) dimensions = [0]
  %y = linalg.matmul ins(%x, %w : tensor<128x784xf32>, tensor<784x512xf32>) outs(%bb : tensor<128x512xf32>) -> tensor<128x512xf32> loc("dense_a")
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%y : tensor<128x512xf32>) {
  ^bb0(%out: f32):
    %m = arith.maximumf %out, %c0 : f32
    linalg.yield %m : f32
  } -> tensor<128x512xf32>
  return %r : tensor<128x512xf32>
}

// CHECK-LABEL: func.func @dense_bias
// CHECK: dlc_cuda.gemm ins(%{{.*}}, %{{.*}} : tensor<128x512xf32>, tensor<512x10xf32>) bias(%{{.*}} : tensor<10xf32>) outs(%{{.*}} : tensor<128x10xf32>) {epilogue = "bias"}
func.func @dense_bias(%x: tensor<128x512xf32>, %w: tensor<512x10xf32>, %b: tensor<10xf32>) -> tensor<128x10xf32> {
  %e = tensor.empty() : tensor<128x10xf32>
  %bb = linalg.broadcast ins(%b : tensor<10xf32>) outs(%e : tensor<128x10xf32>) dimensions = [0]
  %y = linalg.matmul ins(%x, %w : tensor<128x512xf32>, tensor<512x10xf32>) outs(%bb : tensor<128x10xf32>) -> tensor<128x10xf32> loc("dense_b")
  return %y : tensor<128x10xf32>
}

// CHECK-LABEL: func.func @relu_only
// CHECK: %[[E:.*]] = tensor.empty() : tensor<128x64xf32>
// CHECK: %[[Y:.*]] = dlc_cuda.gemm ins(%{{.*}}, %{{.*}} : tensor<128x512xf32>, tensor<512x64xf32>) outs(%[[E]] : tensor<128x64xf32>) {epilogue = "relu"}
// CHECK: return %[[Y]]
func.func @relu_only(%x: tensor<128x512xf32>, %w: tensor<512x64xf32>) -> tensor<128x64xf32> {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x64xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<128x64xf32>) -> tensor<128x64xf32>
  %y = linalg.matmul ins(%x, %w : tensor<128x512xf32>, tensor<512x64xf32>) outs(%z : tensor<128x64xf32>) -> tensor<128x64xf32> loc("dense_c")
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%y : tensor<128x64xf32>) {
  ^bb0(%out: f32):
    %m = arith.maximumf %out, %c0 : f32
    linalg.yield %m : f32
  } -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}

// CHECK-LABEL: func.func @grads
// CHECK-SAME: (%[[X:.*]]: tensor<128x784xf32>, %[[W:.*]]: tensor<784x512xf32>, %[[DY:.*]]: tensor<128x512xf32>)
// CHECK: dlc_cuda.gemm ins(%[[DY]], %[[W]] : tensor<128x512xf32>, tensor<784x512xf32>) outs(%{{.*}} : tensor<128x784xf32>) {transpose_b = true}
// CHECK: dlc_cuda.gemm ins(%[[X]], %[[DY]] : tensor<128x784xf32>, tensor<128x512xf32>) outs(%{{.*}} : tensor<784x512xf32>) {transpose_a = true}
func.func @grads(%x: tensor<128x784xf32>, %w: tensor<784x512xf32>, %dy: tensor<128x512xf32>) -> (tensor<128x784xf32>, tensor<784x512xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x784xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<128x784xf32>) -> tensor<128x784xf32>
  %dx = linalg.matmul_transpose_b ins(%dy, %w : tensor<128x512xf32>, tensor<784x512xf32>) outs(%z : tensor<128x784xf32>) -> tensor<128x784xf32> loc("grad_x")
  %e2 = tensor.empty() : tensor<784x512xf32>
  %z2 = linalg.fill ins(%c0 : f32) outs(%e2 : tensor<784x512xf32>) -> tensor<784x512xf32>
  %dw = linalg.matmul_transpose_a ins(%x, %dy : tensor<128x784xf32>, tensor<128x512xf32>) outs(%z2 : tensor<784x512xf32>) -> tensor<784x512xf32> loc("grad_w")
  return %dx, %dw : tensor<128x784xf32>, tensor<784x512xf32>
}

// A recurrent step's product adds into the input projection (beta = 1).
// CHECK-LABEL: func.func @accumulate
// CHECK-SAME: (%[[H:.*]]: tensor<32x128xf32>, %[[U:.*]]: tensor<128x512xf32>, %[[ACC:.*]]: tensor<32x512xf32>)
// CHECK: dlc_cuda.gemm ins(%[[H]], %[[U]] : tensor<32x128xf32>, tensor<128x512xf32>) outs(%[[ACC]] : tensor<32x512xf32>) {accumulate = true}
func.func @accumulate(%h: tensor<32x128xf32>, %u: tensor<128x512xf32>, %acc: tensor<32x512xf32>) -> tensor<32x512xf32> {
  %y = linalg.matmul ins(%h, %u : tensor<32x128xf32>, tensor<128x512xf32>) outs(%acc : tensor<32x512xf32>) -> tensor<32x512xf32> loc("step")
  return %y : tensor<32x512xf32>
}

// CHECK-LABEL: func.func @small
// CHECK: dlc_cuda.gemm {{.*}} {accumulate = true}
func.func @small(%x: tensor<32x128xf32>, %w: tensor<128x10xf32>, %acc: tensor<32x10xf32>) -> tensor<32x10xf32> {
  %y = linalg.matmul ins(%x, %w : tensor<32x128xf32>, tensor<128x10xf32>) outs(%acc : tensor<32x10xf32>) -> tensor<32x10xf32> loc("small")
  return %y : tensor<32x10xf32>
}

// The default table: 32·512·128 = 2^21 takes cuBLASLt, 32·10·128 does not.
// DEFAULT: module attributes {dlc.paths = [
// DEFAULT-SAME: layer = "step", path = "cuBLASLt", what = "GEMM A\C2\B7B 32x512x128 accumulating", why = "default table: 32\C2\B7512\C2\B7128 = 2097152 multiply-adds \E2\89\A5 2^21: cuBLASLt picks its tile shape and split for this size per GPU; the generated kernel has one (64\C3\9764 tiles)"}
// DEFAULT-SAME: layer = "small", path = "generated kernel", what = "GEMM A\C2\B7B 32x10x128", why = "default table: 32\C2\B710\C2\B7128 = 40960 multiply-adds < 2^21: a short GEMM either way; the generated kernel needs no library plan or workspace"}
// DEFAULT-LABEL: func.func @small
// DEFAULT: linalg.matmul
// DEFAULT-NOT: dlc_cuda.gemm

// A weight gradient xᵀ·dy whose dy is also summed over its rows into zeros
// (a dense layer's bias gradient) writes that sum with the bgrad epilogue:
// the reduction is gone. A sum of another tensor, a sum before the product,
// or a product whose b is transposed, keeps its generated reduction.
// DEFAULT-LABEL: func.func @weight_and_bias_grads
// CHECK-LABEL: func.func @weight_and_bias_grads
// CHECK-SAME: (%[[X:.*]]: tensor<128x784xf32>, %[[DY:.*]]: tensor<128x512xf32>, %[[O:.*]]: tensor<128x512xf32>)
// CHECK: %[[G:.*]]:2 = dlc_cuda.gemm ins(%[[X]], %[[DY]] : tensor<128x784xf32>, tensor<128x512xf32>) outs(%{{.*}} : tensor<784x512xf32>) bias_grad(%{{.*}} : tensor<512xf32>) {epilogue = "bgrad", transpose_a = true} -> tensor<784x512xf32>, tensor<512xf32>
// CHECK: %[[S:.*]] = linalg.generic {{.*}} ins(%[[O]] : tensor<128x512xf32>)
// CHECK: return %[[G]]#0, %[[G]]#1, %[[S]]
func.func @weight_and_bias_grads(%x: tensor<128x784xf32>, %dy: tensor<128x512xf32>, %o: tensor<128x512xf32>) -> (tensor<784x512xf32>, tensor<512xf32>, tensor<512xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<784x512xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<784x512xf32>) -> tensor<784x512xf32>
  %dw = linalg.matmul_transpose_a ins(%x, %dy : tensor<128x784xf32>, tensor<128x512xf32>) outs(%z : tensor<784x512xf32>) -> tensor<784x512xf32> loc("dense_g")
  %e1 = tensor.empty() : tensor<512xf32>
  %z1 = linalg.fill ins(%c0 : f32) outs(%e1 : tensor<512xf32>) -> tensor<512xf32>
  %db = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%dy : tensor<128x512xf32>) outs(%z1 : tensor<512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  %os = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%o : tensor<128x512xf32>) outs(%z1 : tensor<512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %dw, %db, %os : tensor<784x512xf32>, tensor<512xf32>, tensor<512xf32>
}

// CHECK-LABEL: func.func @transposed_b_keeps_its_sum
// CHECK: dlc_cuda.gemm ins({{.*}}) outs(%{{.*}} : tensor<128x784xf32>) {transpose_b = true}
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
func.func @transposed_b_keeps_its_sum(%dy: tensor<128x512xf32>, %w: tensor<784x512xf32>) -> (tensor<128x784xf32>, tensor<512xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x784xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<128x784xf32>) -> tensor<128x784xf32>
  %dx = linalg.matmul_transpose_b ins(%dy, %w : tensor<128x512xf32>, tensor<784x512xf32>) outs(%z : tensor<128x784xf32>) -> tensor<128x784xf32> loc("dense_t")
  %e1 = tensor.empty() : tensor<512xf32>
  %z1 = linalg.fill ins(%c0 : f32) outs(%e1 : tensor<512xf32>) -> tensor<512xf32>
  %db = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%dy : tensor<128x512xf32>) outs(%z1 : tensor<512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %dx, %db : tensor<128x784xf32>, tensor<512xf32>
}

// CHECK-LABEL: func.func @sum_before_the_product
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
// CHECK: dlc_cuda.gemm ins({{.*}}) outs(%{{.*}} : tensor<784x512xf32>) {transpose_a = true}
func.func @sum_before_the_product(%x: tensor<128x784xf32>, %dy: tensor<128x512xf32>) -> (tensor<784x512xf32>, tensor<512xf32>) {
  %c0 = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<512xf32>
  %z1 = linalg.fill ins(%c0 : f32) outs(%e1 : tensor<512xf32>) -> tensor<512xf32>
  %db = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]} ins(%dy : tensor<128x512xf32>) outs(%z1 : tensor<512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  %e = tensor.empty() : tensor<784x512xf32>
  %z = linalg.fill ins(%c0 : f32) outs(%e : tensor<784x512xf32>) -> tensor<784x512xf32>
  %dw = linalg.matmul_transpose_a ins(%x, %dy : tensor<128x784xf32>, tensor<128x512xf32>) outs(%z : tensor<784x512xf32>) -> tensor<784x512xf32> loc("dense_s")
  return %dw, %db : tensor<784x512xf32>, tensor<512xf32>
}
