// The lowered embedding gathers rows by id, its gradient scatter-adds repeated ids, and an id outside the table fails its run-time check: through the cpu target's llvm-dialect stage the check sets the error word (code 1, the first message) and reads the clamped row 0 instead, compiled to LLVM and run. The gradient as a reduction over the ids (scatter-as-reduction, the GPU's form) gives the same table.
// RUN: dlc-opt %s -convert-dlc-to-linalg -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so,$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_c_runner_utils.so \
// RUN:   | FileCheck %s
// RUN: dlc-opt %s -convert-dlc-to-linalg=scatter-as-reduction=true -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so,$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_c_runner_utils.so \
// RUN:   | FileCheck %s

// CHECK: [30, 31],
// CHECK-NEXT: [0, 1],
// CHECK-NEXT: [30, 31]]]
// Row 3 gets dy[0] + dy[2], row 0 dy[1].
// CHECK: [4, 8],
// CHECK-NEXT: [0, 0],
// CHECK-NEXT: [0, 0],
// CHECK-NEXT: [17, 34]]
// The bad id: the clamped row, and the error word says check 1 failed.
// CHECK: {{\[\[\[}}0, 1]]]
// CHECK: [1]
// CHECK-NOT: data =
module {
  memref.global "public" @dlc_error : memref<i32> = dense<0>
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func private @printMemrefI32(memref<*xi32>)
  func.func @main() {
    %table = arith.constant dense<[[0.0, 1.0], [10.0, 11.0], [20.0, 21.0], [30.0, 31.0]]> : tensor<4x2xf32>
    %ids = arith.constant dense<[[3, 0, 3]]> : tensor<1x3xi32>
    %dy = arith.constant dense<[[[1.0, 2.0], [4.0, 8.0], [16.0, 32.0]]]> : tensor<1x3x2xf32>
    %e = dlc.embedding %ids, %table : (tensor<1x3xi32>, tensor<4x2xf32>) -> tensor<1x3x2xf32>
    %dt = dlc.embedding_grad %ids, %table, %dy : (tensor<1x3xi32>, tensor<4x2xf32>, tensor<1x3x2xf32>) -> tensor<4x2xf32>
    %u = tensor.cast %e : tensor<1x3x2xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    %v = tensor.cast %dt : tensor<4x2xf32> to tensor<*xf32>
    call @printMemrefF32(%v) : (tensor<*xf32>) -> ()
    %bad = arith.constant dense<[[4]]> : tensor<1x1xi32>
    %b = dlc.embedding %bad, %table : (tensor<1x1xi32>, tensor<4x2xf32>) -> tensor<1x1x2xf32>
    %w = tensor.cast %b : tensor<1x1x2xf32> to tensor<*xf32>
    call @printMemrefF32(%w) : (tensor<*xf32>) -> ()
    %word = memref.get_global @dlc_error : memref<i32>
    %wu = memref.cast %word : memref<i32> to memref<*xi32>
    call @printMemrefI32(%wu) : (memref<*xi32>) -> ()
    return
  }
}
