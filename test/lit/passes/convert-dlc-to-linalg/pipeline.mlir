// The lowered train_step of a small dense model (dense-relu-dropout-dense-softmax, RMSprop) bufferizes and reaches the LLVM dialect through upstream passes.
// RUN: dlc-opt %s -dlc-build-train-step -convert-dlc-to-linalg -one-shot-bufferize="bufferize-function-boundaries" | FileCheck %s --check-prefix=BUF
// RUN: dlc-opt %s -dlc-build-train-step -convert-dlc-to-linalg -one-shot-bufferize="bufferize-function-boundaries" \
// RUN:   -convert-linalg-to-loops -expand-strided-metadata -lower-affine -convert-scf-to-cf \
// RUN:   -convert-math-to-libm -convert-math-to-llvm -convert-arith-to-llvm -convert-index-to-llvm \
// RUN:   -finalize-memref-to-llvm -convert-cf-to-llvm -convert-func-to-llvm -reconcile-unrealized-casts \
// RUN:   | FileCheck %s --check-prefix=LLVM

// BUF-LABEL: func.func @train_step(
// BUF-SAME: memref<6x5xf32
// BUF-NOT: = tensor.
// BUF-NOT: = dlc.
// BUF: linalg.matmul ins(%{{.*}}, %{{.*}} : memref<4x6xf32{{.*}}>, memref<6x5xf32{{.*}}>)
// BUF: arith.mului_extended
// BUF: linalg.matmul_transpose_a
// BUF: math.sqrt
// BUF: return

// LLVM-LABEL: llvm.func @train_step(
// LLVM-NOT: {{ (linalg|tensor|memref|scf|arith|math|cf|bufferization|affine|dlc|func)\.}}
// LLVM: llvm.return
module attributes {dlc.training = {loss = "categorical_crossentropy",
    optimizer = {class_name = "RMSprop", config = {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-08 : f64, decay = 0.0 : f64}}}} {
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"},
                     %w: tensor<6x5xf32> {dlc.param = "dense/kernel"},
                     %b: tensor<5xf32> {dlc.param = "dense/bias"},
                     %w2: tensor<5x3xf32> {dlc.param = "dense_1/kernel"}) -> tensor<4x3xf32> {
    %y = dlc.dense %x, %w, %b : (tensor<4x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    %a = dlc.activation relu(%y) : tensor<4x5xf32>
    %d = dlc.dropout %a {rate = 2.0e-01 : f64, seed = 7} : tensor<4x5xf32>
    %z = dlc.dense %d, %w2 : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %z : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  }
}
