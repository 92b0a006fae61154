// Round trip of the backward, loss, metric and optimizer ops; types are re-inferred and checked on parse.
// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// RUN: dlc-opt %s --mlir-print-op-generic | dlc-opt | FileCheck %s

// CHECK-LABEL: func.func @dense_conv_pool
func.func @dense_conv_pool(%x: tensor<8x784xf32>, %w: tensor<784x10xf32>, %dy: tensor<8x10xf32>,
                           %i: tensor<8x28x28x1xf32>, %f: tensor<3x3x1x32xf32>, %dc: tensor<8x26x26x32xf32>,
                           %p: tensor<8x24x24x64xf32>, %dp: tensor<8x12x12x64xf32>) {
  // CHECK: dlc.dense_grad_input {{.*}} -> tensor<8x784xf32>
  %0 = dlc.dense_grad_input %x, %w, %dy : (tensor<8x784xf32>, tensor<784x10xf32>, tensor<8x10xf32>) -> tensor<8x784xf32>
  // CHECK: dlc.dense_grad_kernel {{.*}} -> tensor<784x10xf32>
  %1 = dlc.dense_grad_kernel %x, %w, %dy : (tensor<8x784xf32>, tensor<784x10xf32>, tensor<8x10xf32>) -> tensor<784x10xf32>
  // CHECK: dlc.reduce_sum {{.*}} {axes = array<i64: 0>} : tensor<8x10xf32> -> tensor<10xf32>
  %2 = dlc.reduce_sum %dy {axes = array<i64: 0>} : tensor<8x10xf32> -> tensor<10xf32>
  // CHECK: dlc.conv2d_grad_input {{.*}} padding(valid) : {{.*}} -> tensor<8x28x28x1xf32>
  %3 = dlc.conv2d_grad_input %i, %f, %dc padding(valid) : (tensor<8x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<8x26x26x32xf32>) -> tensor<8x28x28x1xf32>
  // CHECK: dlc.conv2d_grad_filter {{.*}} padding(valid) : {{.*}} -> tensor<3x3x1x32xf32>
  %4 = dlc.conv2d_grad_filter %i, %f, %dc padding(valid) : (tensor<8x28x28x1xf32>, tensor<3x3x1x32xf32>, tensor<8x26x26x32xf32>) -> tensor<3x3x1x32xf32>
  // CHECK: dlc.max_pool2d_grad {{.*}} padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>}
  %5 = dlc.max_pool2d_grad %p, %dp padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<8x24x24x64xf32>, tensor<8x12x12x64xf32>) -> tensor<8x24x24x64xf32>
  // CHECK: dlc.avg_pool2d_grad
  %6 = dlc.avg_pool2d_grad %p, %dp padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<8x24x24x64xf32>, tensor<8x12x12x64xf32>) -> tensor<8x24x24x64xf32>
  return
}

// CHECK-LABEL: func.func @elementwise_and_shape
func.func @elementwise_and_shape(%x: tensor<4x10xf32>, %dy: tensor<4x10xf32>, %ids: tensor<4x5xi32>,
                                 %t: tensor<36x50xf32>, %de: tensor<4x5x50xf32>, %c: tensor<8x10xf32>,
                                 %step: tensor<i64>) {
  // CHECK: dlc.activation_grad relu(%{{.*}}, %{{.*}}) : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  %0 = dlc.activation_grad relu(%x, %dy) : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  // CHECK: dlc.softmax_grad
  %1 = dlc.softmax_grad %x, %dy : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  // CHECK: dlc.embedding_grad {{.*}} -> tensor<36x50xf32>
  %2 = dlc.embedding_grad %ids, %t, %de : (tensor<4x5xi32>, tensor<36x50xf32>, tensor<4x5x50xf32>) -> tensor<36x50xf32>
  // CHECK: dlc.slice {{.*}} {axis = 1 : i64, size = 6 : i64, start = 4 : i64} : tensor<8x10xf32> -> tensor<8x6xf32>
  %3 = dlc.slice %c {axis = 1 : i64, start = 4 : i64, size = 6 : i64} : tensor<8x10xf32> -> tensor<8x6xf32>
  // CHECK: dlc.dropout %{{.*}} step %{{.*}} {rate = 5.0{{0*}}e-01 : f64, seed = 2 : i64} : tensor<4x10xf32>
  %4 = dlc.dropout %dy step %step {rate = 0.5 : f64, seed = 2} : tensor<4x10xf32>
  return
}

// CHECK-LABEL: func.func @recurrent
func.func @recurrent(%x: tensor<32x5x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>, %b: tensor<200xf32>,
                     %dh: tensor<32x50xf32>) {
  // CHECK: dlc.lstm_grad {{.*}} recurrent_activation(hard_sigmoid) : {{.*}} -> tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>
  %0:4 = dlc.lstm_grad %dh, %x, %k, %rk, %b recurrent_activation(hard_sigmoid)
      : (tensor<32x50xf32>, tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>)
      -> tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>
  return
}

// CHECK-LABEL: func.func @loss_and_optimizers
func.func @loss_and_optimizers(%p: tensor<8x10xf32>, %t: tensor<8x10xf32>, %l: tensor<8xi32>,
                               %w: tensor<10xf32>, %g: tensor<10xf32>, %s1: tensor<10xf32>, %s2: tensor<10xf32>,
                               %it: tensor<i64>) {
  // CHECK: dlc.categorical_crossentropy {{.*}} -> tensor<f32>
  %0 = dlc.categorical_crossentropy %p, %t : (tensor<8x10xf32>, tensor<8x10xf32>) -> tensor<f32>
  // CHECK: dlc.categorical_crossentropy {{.*}} : (tensor<8x10xf32>, tensor<8xi32>) -> tensor<f32>
  %1 = dlc.categorical_crossentropy %p, %l : (tensor<8x10xf32>, tensor<8xi32>) -> tensor<f32>
  // CHECK: dlc.categorical_crossentropy_grad
  %2 = dlc.categorical_crossentropy_grad %p, %t : (tensor<8x10xf32>, tensor<8x10xf32>) -> tensor<8x10xf32>
  // CHECK: dlc.accuracy {{.*}} -> tensor<i64>
  %3 = dlc.accuracy %p, %t : (tensor<8x10xf32>, tensor<8x10xf32>) -> tensor<i64>
  // CHECK: dlc.sgd_update
  %4:2 = dlc.sgd_update %w, %g, %s1, %it {lr = 0.01 : f64, momentum = 0.9 : f64, nesterov = true}
      : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
  // CHECK: dlc.rmsprop_update
  %5:2 = dlc.rmsprop_update %w, %g, %s1, %it {lr = 0.001 : f64, rho = 0.9 : f64, epsilon = 1.0e-8 : f64}
      : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
  // CHECK: dlc.adadelta_update
  %6:3 = dlc.adadelta_update %w, %g, %s1, %s2, %it {lr = 1.0 : f64, rho = 0.95 : f64, epsilon = 1.0e-8 : f64}
      : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
  // CHECK: dlc.adam_update
  %7:3 = dlc.adam_update %w, %g, %s1, %s2, %it {lr = 0.001 : f64, beta_1 = 0.9 : f64, beta_2 = 0.999 : f64, epsilon = 1.0e-8 : f64, decay = 1.0e-6 : f64}
      : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
  // CHECK: dlc.increment %{{.*}} : tensor<i64>
  %8 = dlc.increment %it : tensor<i64>
  return
}

// CHECK-LABEL: func.func @relu_options_and_prelu_grads
func.func @relu_options_and_prelu_grads(%x: tensor<4x5xf32>, %a: tensor<5xf32>, %dy: tensor<4x5xf32>)
    -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<5xf32>) {
  // CHECK: dlc.activation_grad relu(%{{.*}}, %{{.*}}) {alpha = 2.000000e-01 : f64, threshold = 1.000000e+00 : f64} : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  %g = dlc.activation_grad relu(%x, %dy) {alpha = 0.2 : f64, threshold = 1.0 : f64} : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  // CHECK: dlc.prelu_grad %{{.*}}, %{{.*}}, %{{.*}} : (tensor<4x5xf32>, tensor<5xf32>, tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>)
  %dx, %da = dlc.prelu_grad %x, %a, %dy : (tensor<4x5xf32>, tensor<5xf32>, tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<5xf32>)
  return %g, %dx, %da : tensor<4x5xf32>, tensor<4x5xf32>, tensor<5xf32>
}
