// dlc-fuse-lstm-step: a dlc.lstm and the dlc.lstm_grad with its operands and
// attributes become dlc.lstm_record and dlc.lstm_grad_recorded, the gradient
// reading the forward's tape; a forward op's other users read the recorded
// result. An lstm without that gradient, or a gradient of another lstm
// (different attributes or operands), is left alone.
// RUN: dlc-opt %s --dlc-fuse-lstm-step --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @train
// CHECK-SAME: (%[[X:.*]]: tensor<4x5x3xf32>, %[[K:.*]]: tensor<3x8xf32>, %[[RK:.*]]: tensor<2x8xf32>, %[[B:.*]]: tensor<8xf32>, %[[W:.*]]: tensor<2x2xf32>, %[[DY:.*]]: tensor<4x2xf32>)
// CHECK-NEXT: %[[H:.*]], %[[G:.*]], %[[HP:.*]], %[[CP:.*]] = dlc.lstm_record %[[X]], %[[K]], %[[RK]], %[[B]] recurrent_activation(hard_sigmoid) : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<4x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>)
// CHECK-NEXT: %[[Y:.*]] = dlc.dense %[[H]], %[[W]]
// CHECK-NEXT: %[[DH:.*]] = dlc.dense_grad_input %[[H]], %[[W]], %[[DY]]
// CHECK-NEXT: %[[GR:.*]]:4 = dlc.lstm_grad_recorded %[[DH]], %[[X]], %[[K]], %[[RK]], %[[B]] tape(%[[G]], %[[HP]], %[[CP]]) recurrent_activation(hard_sigmoid) : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) tape(tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
// CHECK-NEXT: return %[[Y]], %[[GR]]#0, %[[GR]]#1, %[[GR]]#2, %[[GR]]#3
// CHECK-NOT: dlc.lstm
func.func @train(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %b: tensor<8xf32>, %w: tensor<2x2xf32>, %dy: tensor<4x2xf32>)
    -> (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) {
  %h = dlc.lstm %x, %k, %rk, %b recurrent_activation(hard_sigmoid) : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> tensor<4x2xf32>
  %y = dlc.dense %h, %w : (tensor<4x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %dh = dlc.dense_grad_input %h, %w, %dy : (tensor<4x2xf32>, tensor<2x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %dx, %dk, %drk, %db = dlc.lstm_grad %dh, %x, %k, %rk, %b recurrent_activation(hard_sigmoid) : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
  return %y, %dx, %dk, %drk, %db : tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
}

// -----

// No bias, return_sequences and go_backwards: the attributes carry over.
// CHECK-LABEL: func.func @sequences_backwards
// CHECK-NEXT: %[[S:.*]], %[[G:.*]], %[[HP:.*]], %[[CP:.*]] = dlc.lstm_record %{{.*}}, %{{.*}}, %{{.*}} {go_backwards = true, return_sequences = true} : (tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>) -> (tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
// CHECK-NEXT: %{{.*}}:3 = dlc.lstm_grad_recorded %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} tape(%[[G]], %[[HP]], %[[CP]]) {go_backwards = true, return_sequences = true}
// CHECK-NEXT: return %[[S]]
func.func @sequences_backwards(%x: tensor<2x3x4xf32>, %k: tensor<4x4xf32>, %rk: tensor<1x4xf32>, %dy: tensor<2x3x1xf32>)
    -> (tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>) {
  %s = dlc.lstm %x, %k, %rk {return_sequences = true, go_backwards = true} : (tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>) -> tensor<2x3x1xf32>
  %dx, %dk, %drk = dlc.lstm_grad %dy, %x, %k, %rk {return_sequences = true, go_backwards = true} : (tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>) -> tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>
  return %s, %dx, %dk, %drk : tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<4x4xf32>, tensor<1x4xf32>
}

// -----

// Inference: no gradient, nothing changes.
// CHECK-LABEL: func.func @predict
// CHECK-NEXT: dlc.lstm %
// CHECK-NEXT: return
func.func @predict(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>) -> tensor<4x2xf32> {
  %h = dlc.lstm %x, %k, %rk : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x2xf32>
  return %h : tensor<4x2xf32>
}

// -----

// The gradient is of an lstm with another recurrent activation (and the
// lstm's own gradient is absent): neither is rewritten.
// CHECK-LABEL: func.func @other_attributes
// CHECK-NOT: dlc.lstm_record
// CHECK-NOT: dlc.lstm_grad_recorded
// CHECK: dlc.lstm %
// CHECK: dlc.lstm_grad %
func.func @other_attributes(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %dh: tensor<4x2xf32>)
    -> (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) {
  %h = dlc.lstm %x, %k, %rk : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x2xf32>
  %dx, %dk, %drk = dlc.lstm_grad %dh, %x, %k, %rk recurrent_activation(hard_sigmoid) : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
  return %h, %dx, %dk, %drk : tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
}

// -----

// Same attributes but another kernel: a different lstm, left alone.
// CHECK-LABEL: func.func @other_kernel
// CHECK-NOT: dlc.lstm_record
// CHECK: dlc.lstm %
// CHECK: dlc.lstm_grad %
func.func @other_kernel(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %k2: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %dh: tensor<4x2xf32>)
    -> (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) {
  %h = dlc.lstm %x, %k, %rk : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x2xf32>
  %dx, %dk, %drk = dlc.lstm_grad %dh, %x, %k2, %rk : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
  return %h, %dx, %dk, %drk : tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
}

// -----

// The gradient comes first: it cannot read a tape recorded after it.
// CHECK-LABEL: func.func @grad_before_forward
// CHECK-NOT: dlc.lstm_record
// CHECK: dlc.lstm_grad %
// CHECK: dlc.lstm %
func.func @grad_before_forward(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %dh: tensor<4x2xf32>)
    -> (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) {
  %dx, %dk, %drk = dlc.lstm_grad %dh, %x, %k, %rk : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
  %h = dlc.lstm %x, %k, %rk : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> tensor<4x2xf32>
  return %h, %dx, %dk, %drk : tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>
}
