// relu with Keras' options and PReLU, lowered to linalg, compiled to LLVM and run: the values and gradients worked out by hand below (Keras' relu(x, alpha, max_value, threshold); PReLU = relu(x) - alpha * relu(-x)).
// RUN: dlc-opt %s -convert-dlc-to-linalg -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so \
// RUN:   | FileCheck %s

// x = [-2, -0.5, 0, 0.25, 0.5, 1, 3, 7] with alpha 0.2, max_value 6, threshold 0.5:
// a = x > 0.5 ? x : 0 = [0, 0, 0, 0, 0, 1, 3, 7], clipped to [0, 6] = [0, 0, 0, 0, 0, 1, 3, 6];
// y = a - 0.2 * max(0.5 - x, 0) = [-0.5, -0.2, -0.1, -0.05, 0, 1, 3, 6].
// CHECK: [-0.5,  -0.2,  -0.1,  -0.05,  0,  1,  3,  6]
// y' = (x > 0.5 and 0 <= x < 6) + 0.2 (x < 0.5) = [0.2, 0.2, 0.2, 0.2, 0, 1, 1, 0].
// CHECK: [0.2,  0.2,  0.2,  0.2,  0,  1,  1,  0]
// LeakyReLU(0.3) of the same x: [-0.6, -0.15, 0, 0.25, 0.5, 1, 3, 7].
// CHECK: [-0.6,  -0.15,  0,  0.25,  0.5,  1,  3,  7]
// ThresholdedReLU(1): x > 1 ? x : 0.
// CHECK: [0,  0,  0,  0,  0,  0,  3,  7]
// PReLU of [[-2, 4], [1, -1]] with alpha [0.5, 0.25] (per column): [[-1, 4], [1, -0.25]].
// CHECK: [-1,   4],
// CHECK-NEXT: [1,   -0.25]]
// Its gradient for dy = [[1, 2], [3, 4]]: d_x = dy * (x > 0 ? 1 : alpha) = [[0.5, 2], [3, 1]];
// d_alpha = sum over rows of dy * min(x, 0) = [1 * -2 + 0, 0 + 4 * -1] = [-2, -4].
// CHECK: [0.5,   2],
// CHECK-NEXT: [3,   1]]
// CHECK: [-2,  -4]
module {
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func @main() {
    %x = arith.constant dense<[-2.0, -0.5, 0.0, 0.25, 0.5, 1.0, 3.0, 7.0]> : tensor<8xf32>
    %ones = arith.constant dense<1.0> : tensor<8xf32>
    %r = dlc.activation relu(%x) {alpha = 0.2 : f64, max_value = 6.0 : f64, threshold = 0.5 : f64} : tensor<8xf32>
    %g = dlc.activation_grad relu(%x, %ones) {alpha = 0.2 : f64, max_value = 6.0 : f64, threshold = 0.5 : f64} : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
    %l = dlc.activation relu(%x) {alpha = 0.3 : f64} : tensor<8xf32>
    %t = dlc.activation relu(%x) {threshold = 1.0 : f64} : tensor<8xf32>
    %p = arith.constant dense<[[-2.0, 4.0], [1.0, -1.0]]> : tensor<2x2xf32>
    %a = arith.constant dense<[0.5, 0.25]> : tensor<2xf32>
    %dy = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
    %py = dlc.prelu %p, %a : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
    %dx, %da = dlc.prelu_grad %p, %a, %dy : (tensor<2x2xf32>, tensor<2xf32>, tensor<2x2xf32>) -> (tensor<2x2xf32>, tensor<2xf32>)
    %u0 = tensor.cast %r : tensor<8xf32> to tensor<*xf32>
    %u1 = tensor.cast %g : tensor<8xf32> to tensor<*xf32>
    %u2 = tensor.cast %l : tensor<8xf32> to tensor<*xf32>
    %u3 = tensor.cast %t : tensor<8xf32> to tensor<*xf32>
    %u4 = tensor.cast %py : tensor<2x2xf32> to tensor<*xf32>
    %u5 = tensor.cast %dx : tensor<2x2xf32> to tensor<*xf32>
    %u6 = tensor.cast %da : tensor<2xf32> to tensor<*xf32>
    call @printMemrefF32(%u0) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u3) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u4) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u5) : (tensor<*xf32>) -> ()
    call @printMemrefF32(%u6) : (tensor<*xf32>) -> ()
    return
  }
}
