// The lowered training dropout, compiled to LLVM and run, keeps exactly the units abi/Philox.h's keying keeps (the expected mask is the reference kernel's, runtime/kernels/Dropout.cpp, for run seed 0x0123456789abcdef, op seed 9, step 2^31 + 1).
// RUN: dlc-opt %s -convert-dlc-to-linalg=run-seed=81985529216486895 -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so \
// RUN:   | FileCheck %s

// Keep probability 0.5: kept ones become 2.
// CHECK: [0,     2,     2,     2],
// CHECK: [2,     2,     0,     0],
// CHECK: [2,     2,     2,     0]],
// CHECK: [0,     0,     2,     0],
// CHECK: [2,     0,     0,     2],
// CHECK: [2,     0,     0,     0]]]
module {
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func @main() {
    %one = arith.constant 1.0 : f32
    %e = tensor.empty() : tensor<2x3x4xf32>
    %x = linalg.fill ins(%one : f32) outs(%e : tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
    %step = arith.constant dense<2147483649> : tensor<i64>
    %y = dlc.dropout %x step %step {rate = 5.0e-01 : f64, seed = 9 : i64} : tensor<2x3x4xf32>
    %u = tensor.cast %y : tensor<2x3x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
    return
  }
}
