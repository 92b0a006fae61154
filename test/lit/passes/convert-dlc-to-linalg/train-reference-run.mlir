// The lowered cross-entropy (one-hot and integer labels; a clipped 1e-9 probability), its gradient, accuracy (a tie: first maximum) and the four optimizer updates (decay, Nesterov, iterations = 3), compiled to LLVM and run, print what the reference kernels (runtime/kernels/Loss.cpp, Optimizers.cpp) compute on the same inputs, to the 6 digits printed.
// RUN: dlc-opt %s -convert-dlc-to-linalg -dlc-cpu-to-llvm=parallel=false \
// RUN:   | mlir-cpu-runner -e main -entry-point-result=void \
// RUN:       -shared-libs=$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_runner_utils.so,$(dirname $(command -v mlir-cpu-runner))/../lib/libmlir_c_runner_utils.so \
// RUN:   | FileCheck %s

// Loss (one-hot, integer labels), gradients, accuracy counts, then sgd
// (param, moment), rmsprop (param, accum), adadelta (param, accum, delta),
// adam (param, m, v).
// CHECK: [0.968812]
// CHECK: [0.968812]
// CHECK: {{\[\[}}0,   0,   -0.666667,   0],
// CHECK: [-0.285714,   0,   0,   0],
// CHECK: [0,   0,   0,   -0.8],
// CHECK: [0,   0,   0,   -0.4],
// CHECK: [0,   -0.666667,   0,   0]]
// CHECK: {{\[\[}}0,   0,   -0.666667,   0],
// CHECK: [-0.285714,   0,   0,   0],
// CHECK: [0,   0,   0,   -0.8],
// CHECK: [0,   0,   0,   -0.4],
// CHECK: [0,   -0.666667,   0,   0]]
// CHECK: [2]
// CHECK: [2]
// CHECK: [0.498877,  -0.265353,  0.195388,  0.37733,  1.61789,  -1.838,  0.850767]
// CHECK: [0.00414563,  0.0277087,  -0.00242718,  0.435437,  0.109417,  0.18,  0.221456]
// CHECK: [0.490291,  -0.286909,  0.169298,  -0.0042991,  1.51193,  -2,  0.684039]
// CHECK: [0.01,  0.022,  0.00025,  0.459,  0.106,  0.18,  0.37]
// CHECK: [0.192997,  -0.29866,  -1.73403,  -0.0940543,  2.16277,  -2,  0.53225]
// CHECK: [0.01,  0.021,  0.000125,  0.4795,  0.103,  0.19,  0.335]
// CHECK: [0.0999995,  9.52336e-08,  0.388414,  0.0479692,  0.308301,  0.38,  0.0109927]
// CHECK: [0.499979,  -0.299887,  0.199996,  -0.000765673,  1.49997,  -2.0001,  0.698741]
// CHECK: [0.019,  -0.00200001,  0.005,  0.48,  0.05,  0.18,  0.37]
// CHECK: [0.09991,  3.99995e-05,  0.199803,  0.05004,  0.29986,  0.3996,  0.01099]

module {
  func.func private @printMemrefF32(tensor<*xf32>)
  func.func private @printMemrefI64(tensor<*xi64>)
  func.func @main() {
    %p = arith.constant dense<[[1.000000000e-01, 5.000000000e-01, 3.000000000e-01, 1.000000000e-01], [7.000000000e-01, 1.000000000e-01, 1.000000000e-01, 1.000000000e-01], [2.500000000e-01, 2.500000000e-01, 2.500000000e-01, 2.500000000e-01], [1.000000000e-09, 2.000000000e-01, 3.000000000e-01, 5.000000000e-01], [6.000000000e-01, 3.000000000e-01, 5.000000000e-02, 5.000000000e-02]]> : tensor<5x4xf32>
    %t = arith.constant dense<[[0.000000000e+00, 0.000000000e+00, 1.000000000e+00, 0.000000000e+00], [1.000000000e+00, 0.000000000e+00, 0.000000000e+00, 0.000000000e+00], [0.000000000e+00, 0.000000000e+00, 0.000000000e+00, 1.000000000e+00], [0.000000000e+00, 0.000000000e+00, 0.000000000e+00, 1.000000000e+00], [0.000000000e+00, 1.000000000e+00, 0.000000000e+00, 0.000000000e+00]]> : tensor<5x4xf32>
    %l = arith.constant dense<[2, 0, 3, 3, 1]> : tensor<5xi32>
    %w = arith.constant dense<[5.000000000e-01, -3.000000000e-01, 2.000000000e-01, 0.000000000e+00, 1.500000000e+00, -2.000000000e+00, 7.000000000e-01]> : tensor<7xf32>
    %g = arith.constant dense<[1.000000000e-01, -2.000000000e-01, 5.000000000e-02, 3.000000000e-01, -4.000000000e-01, 0.000000000e+00, 1.000000000e+00]> : tensor<7xf32>
    %s1 = arith.constant dense<[1.000000000e-02, 2.000000000e-02, 0.000000000e+00, 5.000000000e-01, 1.000000000e-01, 2.000000000e-01, 3.000000000e-01]> : tensor<7xf32>
    %s2 = arith.constant dense<[1.000000000e-01, 0.000000000e+00, 2.000000000e-01, 5.000000000e-02, 3.000000000e-01, 4.000000000e-01, 1.000000000e-02]> : tensor<7xf32>
    %it = arith.constant dense<3> : tensor<i64>
    %l1 = dlc.categorical_crossentropy %p, %t : (tensor<5x4xf32>, tensor<5x4xf32>) -> tensor<f32>
    %u0 = tensor.cast %l1 : tensor<f32> to tensor<*xf32>
    call @printMemrefF32(%u0) : (tensor<*xf32>) -> ()
    %l2 = dlc.categorical_crossentropy %p, %l : (tensor<5x4xf32>, tensor<5xi32>) -> tensor<f32>
    %u1 = tensor.cast %l2 : tensor<f32> to tensor<*xf32>
    call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()
    %d1 = dlc.categorical_crossentropy_grad %p, %t : (tensor<5x4xf32>, tensor<5x4xf32>) -> tensor<5x4xf32>
    %u2 = tensor.cast %d1 : tensor<5x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()
    %d2 = dlc.categorical_crossentropy_grad %p, %l : (tensor<5x4xf32>, tensor<5xi32>) -> tensor<5x4xf32>
    %u3 = tensor.cast %d2 : tensor<5x4xf32> to tensor<*xf32>
    call @printMemrefF32(%u3) : (tensor<*xf32>) -> ()
    %a1 = dlc.accuracy %p, %t : (tensor<5x4xf32>, tensor<5x4xf32>) -> tensor<i64>
    %u4 = tensor.cast %a1 : tensor<i64> to tensor<*xi64>
    call @printMemrefI64(%u4) : (tensor<*xi64>) -> ()
    %a2 = dlc.accuracy %p, %l : (tensor<5x4xf32>, tensor<5xi32>) -> tensor<i64>
    %u5 = tensor.cast %a2 : tensor<i64> to tensor<*xi64>
    call @printMemrefI64(%u5) : (tensor<*xi64>) -> ()
    %o1:2 = dlc.sgd_update %w, %g, %s1, %it {lr = 5.0e-02 : f64, momentum = 9.0e-01 : f64, decay = 1.0e-02 : f64, nesterov = true} : (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<i64>) -> (tensor<7xf32>, tensor<7xf32>)
    %u6 = tensor.cast %o1#0 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u6) : (tensor<*xf32>) -> ()
    %u7 = tensor.cast %o1#1 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u7) : (tensor<*xf32>) -> ()
    %o2:2 = dlc.rmsprop_update %w, %g, %s1, %it {lr = 1.0e-02 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64, decay = 1.0e-02 : f64} : (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<i64>) -> (tensor<7xf32>, tensor<7xf32>)
    %u8 = tensor.cast %o2#0 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u8) : (tensor<*xf32>) -> ()
    %u9 = tensor.cast %o2#1 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u9) : (tensor<*xf32>) -> ()
    %o3:3 = dlc.adadelta_update %w, %g, %s1, %s2, %it {lr = 1.0 : f64, rho = 9.5e-01 : f64, epsilon = 1.0e-06 : f64, decay = 1.0e-02 : f64} : (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<i64>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>)
    %u10 = tensor.cast %o3#0 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u10) : (tensor<*xf32>) -> ()
    %u11 = tensor.cast %o3#1 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u11) : (tensor<*xf32>) -> ()
    %u12 = tensor.cast %o3#2 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u12) : (tensor<*xf32>) -> ()
    %o4:3 = dlc.adam_update %w, %g, %s1, %s2, %it {lr = 2.0e-03 : f64, beta_1 = 9.0e-01 : f64, beta_2 = 9.99e-01 : f64, epsilon = 1.0e-07 : f64, decay = 1.0e-02 : f64} : (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<i64>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>)
    %u13 = tensor.cast %o4#0 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u13) : (tensor<*xf32>) -> ()
    %u14 = tensor.cast %o4#1 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u14) : (tensor<*xf32>) -> ()
    %u15 = tensor.cast %o4#2 : tensor<7xf32> to tensor<*xf32>
    call @printMemrefF32(%u15) : (tensor<*xf32>) -> ()
    return
  }
}