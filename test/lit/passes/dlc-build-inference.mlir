// dlc-build-inference: @predict drops dropout; @eval_step adds Keras' loss and the correct count.
// RUN: dlc-opt %s -dlc-build-inference | FileCheck %s

module {
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"},
                     %w: tensor<6x3xf32> {dlc.param = "dense/kernel"}) -> tensor<4x3xf32> {
    %d = dlc.dropout %x {rate = 2.0e-01 : f64, seed = 7} : tensor<4x6xf32>
    %y = dlc.dense %d, %w : (tensor<4x6xf32>, tensor<6x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %y : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  }
}

// CHECK-LABEL: func.func @predict(
// CHECK-SAME: %[[X:.*]]: tensor<4x6xf32> {dlc.input = "x"}, %[[W:.*]]: tensor<6x3xf32> {dlc.param = "dense/kernel"}) -> (tensor<4x3xf32> {dlc.output = "probabilities"})
// CHECK-NOT: dlc.dropout
// CHECK: %[[Y:.*]] = dlc.dense %[[X]], %[[W]]
// CHECK: %[[P:.*]] = dlc.softmax %[[Y]]
// CHECK: return %[[P]]

// CHECK-LABEL: func.func @eval_step(
// CHECK-SAME: %[[T:[a-z0-9]+]]: tensor<4x3xf32> {dlc.labels}) -> (tensor<f32> {dlc.loss}, tensor<i64> {dlc.correct})
// CHECK-NOT: dlc.dropout
// CHECK: %[[P2:.*]] = dlc.softmax
// CHECK: %[[L:.*]] = dlc.categorical_crossentropy %[[P2]], %[[T]]
// CHECK: %[[C:.*]] = dlc.accuracy %[[P2]], %[[T]]
// CHECK: return %[[L]], %[[C]]
