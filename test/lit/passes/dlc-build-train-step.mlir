// dlc-build-train-step: loss, reverse-mode gradients from each op's rule, optimizer updates, stepped dropout.
// RUN: dlc-opt %s -dlc-build-train-step -split-input-file -verify-diagnostics | FileCheck %s

module attributes {dlc.training = {loss = "categorical_crossentropy",
    optimizer = {class_name = "RMSprop", config = {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-08 : f64, decay = 0.0 : f64}}}} {
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"},
                     %w: tensor<6x3xf32> {dlc.param = "dense/kernel"},
                     %b: tensor<3xf32> {dlc.param = "dense/bias"}) -> tensor<4x3xf32> {
    %d = dlc.dropout %x {rate = 2.0e-01 : f64, seed = 7} : tensor<4x6xf32>
    %y = dlc.dense %d, %w, %b : (tensor<4x6xf32>, tensor<6x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %y : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  }
}

// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<6x3xf32> {dlc.param = "dense/kernel"}, %[[B:[a-z0-9]+]]: tensor<3xf32> {dlc.param = "dense/bias"},
// CHECK-SAME: %[[WA:[a-z0-9]+]]: tensor<6x3xf32> {dlc.slot = "dense/kernel/accumulator"}, %[[BA:[a-z0-9]+]]: tensor<3xf32> {dlc.slot = "dense/bias/accumulator"},
// CHECK-SAME: %[[IT:[a-z0-9]+]]: tensor<i64> {dlc.iterations}, %[[X:[a-z0-9]+]]: tensor<4x6xf32> {dlc.input = "x"}, %[[T:[a-z0-9]+]]: tensor<4x3xf32> {dlc.labels})
// CHECK-SAME: -> (tensor<6x3xf32> {dlc.param = "dense/kernel"}, tensor<3xf32> {dlc.param = "dense/bias"}, tensor<6x3xf32> {dlc.slot = "dense/kernel/accumulator"}, tensor<3xf32> {dlc.slot = "dense/bias/accumulator"}, tensor<f32> {dlc.loss}, tensor<i64> {dlc.correct}, tensor<i64> {dlc.iterations})
// CHECK: %[[D:.*]] = dlc.dropout %[[X]] step %[[IT]] {rate = 2.0{{0*}}e-01 : f64, seed = 7 : i64}
// CHECK: %[[Y:.*]] = dlc.dense %[[D]], %[[W]], %[[B]]
// CHECK: %[[P:.*]] = dlc.softmax %[[Y]]
// CHECK: %[[L:.*]] = dlc.categorical_crossentropy %[[P]], %[[T]]
// CHECK: %[[C:.*]] = dlc.accuracy %[[P]], %[[T]]
// CHECK: %[[DP:.*]] = dlc.categorical_crossentropy_grad %[[P]], %[[T]]
// CHECK: %[[DY:.*]] = dlc.softmax_grad %[[P]], %[[DP]]
// CHECK-DAG: %[[DW:.*]] = dlc.dense_grad_kernel %[[D]], %[[W]], %[[DY]]
// CHECK-DAG: %[[DB:.*]] = dlc.reduce_sum %[[DY]] {axes = array<i64: 0>} : tensor<4x3xf32> -> tensor<3xf32>
// The gradient of the model input is dead and removed.
// CHECK-NOT: dlc.dense_grad_input
// CHECK: %[[NW:.*]]:2 = dlc.rmsprop_update %[[W]], %[[DW]], %[[WA]], %[[IT]] {epsilon = 1.0{{0*}}e-08 : f64, lr = 1.0{{0*}}e-03 : f64, rho = 9.0{{0*}}e-01 : f64}
// CHECK: %[[NB:.*]]:2 = dlc.rmsprop_update %[[B]], %[[DB]], %[[BA]], %[[IT]]
// The step ends with the next step's counter, written over this one.
// CHECK: %[[NEXT:.*]] = dlc.increment %[[IT]] : tensor<i64>
// CHECK-NEXT: return %[[NW]]#0, %[[NB]]#0, %[[NW]]#1, %[[NB]]#1, %[[L]], %[[C]], %[[NEXT]]

// -----

// A value used twice (a residual add) gets the sum of both gradients; Adam has two slots.
module attributes {dlc.training = {optimizer = {class_name = "Adam", config = {}}}} {
  func.func @forward(%x: tensor<2x4xf32> {dlc.input = "x"},
                     %w: tensor<4x4xf32> {dlc.param = "d/kernel"}) -> tensor<2x4xf32> {
    %y = dlc.dense %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
    %s = dlc.add %y, %y : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
    %p = dlc.softmax %s : tensor<2x4xf32>
    return %p : tensor<2x4xf32>
  }
}
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: {dlc.slot = "d/kernel/m"}
// CHECK-SAME: {dlc.slot = "d/kernel/v"}
// CHECK: %[[DS:.*]] = dlc.softmax_grad
// CHECK: %[[SUM:.*]] = dlc.add %[[DS]], %[[DS]]
// CHECK: dlc.dense_grad_kernel %{{.*}}, %{{.*}}, %[[SUM]]
// CHECK: dlc.adam_update {{.*}} {beta_1 = 9.0{{0*}}e-01 : f64, beta_2 = {{0.99899999999999999|9.990*e-01}} : f64, epsilon = 1.0{{0*}}e-08 : f64, lr = 1.0{{0*}}e-03 : f64}

// -----

// expected-error @+1 {{dlc-build-train-step: optimizer 'Nadam' is not supported; supported: SGD, RMSprop, Adadelta, Adam}}
module attributes {dlc.training = {optimizer = {class_name = "Nadam", config = {}}}} {
  func.func @forward(%x: tensor<2x4xf32> {dlc.input = "x"}, %w: tensor<4x4xf32> {dlc.param = "d/kernel"}) -> tensor<2x4xf32> {
    %y = dlc.dense %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}

// -----

// expected-error @+1 {{the model has no optimizer}}
module {
  func.func @forward(%x: tensor<2x4xf32> {dlc.input = "x"}, %w: tensor<4x4xf32> {dlc.param = "d/kernel"}) -> tensor<2x4xf32> {
    %y = dlc.dense %x, %w : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
    return %y : tensor<2x4xf32>
  }
}
