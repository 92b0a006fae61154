// Round trip of lstm, gru, simple_rnn and time_distributed.
// RUN: dlc-opt %s | dlc-opt | FileCheck %s
// RUN: dlc-opt %s --mlir-print-op-generic | dlc-opt | FileCheck %s

// CHECK-LABEL: func.func @lstm
func.func @lstm(%x: tensor<32x5x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>, %b: tensor<200xf32>)
    -> (tensor<32x50xf32>, tensor<32x5x50xf32>) {
  // CHECK: dlc.lstm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} recurrent_activation(hard_sigmoid) : (tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>) -> tensor<32x50xf32>
  %h = dlc.lstm %x, %k, %rk, %b recurrent_activation(hard_sigmoid)
      : (tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<200xf32>) -> tensor<32x50xf32>
  // CHECK: dlc.lstm %{{.*}}, %{{.*}}, %{{.*}} activation(relu) {go_backwards = true, return_sequences = true} : {{.*}} -> tensor<32x5x50xf32>
  %s = dlc.lstm %x, %k, %rk activation(relu) {return_sequences = true, go_backwards = true}
      : (tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>) -> tensor<32x5x50xf32>
  return %h, %s : tensor<32x50xf32>, tensor<32x5x50xf32>
}

// CHECK-LABEL: func.func @gru_and_simple_rnn
func.func @gru_and_simple_rnn(%x: tensor<8x10x4xf32>, %k: tensor<4x24xf32>, %rk: tensor<8x24xf32>,
                              %b2: tensor<2x24xf32>, %b1: tensor<24xf32>,
                              %sk: tensor<4x6xf32>, %srk: tensor<6x6xf32>, %sb: tensor<6xf32>)
    -> (tensor<8x8xf32>, tensor<8x10x8xf32>, tensor<8x10x6xf32>) {
  // CHECK: dlc.gru {{.*}} {reset_after = true} : (tensor<8x10x4xf32>, tensor<4x24xf32>, tensor<8x24xf32>, tensor<2x24xf32>) -> tensor<8x8xf32>
  %a = dlc.gru %x, %k, %rk, %b2 {reset_after = true}
      : (tensor<8x10x4xf32>, tensor<4x24xf32>, tensor<8x24xf32>, tensor<2x24xf32>) -> tensor<8x8xf32>
  // CHECK: dlc.gru {{.*}} recurrent_activation(hard_sigmoid) {return_sequences = true} : {{.*}}tensor<24xf32>) -> tensor<8x10x8xf32>
  %b = dlc.gru %x, %k, %rk, %b1 recurrent_activation(hard_sigmoid) {return_sequences = true}
      : (tensor<8x10x4xf32>, tensor<4x24xf32>, tensor<8x24xf32>, tensor<24xf32>) -> tensor<8x10x8xf32>
  // CHECK: dlc.simple_rnn {{.*}} {return_sequences = true} : {{.*}} -> tensor<8x10x6xf32>
  %c = dlc.simple_rnn %x, %sk, %srk, %sb {return_sequences = true}
      : (tensor<8x10x4xf32>, tensor<4x6xf32>, tensor<6x6xf32>, tensor<6xf32>) -> tensor<8x10x6xf32>
  return %a, %b, %c : tensor<8x8xf32>, tensor<8x10x8xf32>, tensor<8x10x6xf32>
}

// The mnist_hrnn encoder: an LSTM over the 28 pixels of each row, for every row.
// CHECK-LABEL: func.func @time_distributed
func.func @time_distributed(%x: tensor<32x28x28x1xf32>, %k: tensor<1x512xf32>, %rk: tensor<128x512xf32>,
                            %b: tensor<512xf32>) -> tensor<32x28x128xf32> {
  // CHECK: %[[R:.*]] = dlc.time_distributed %{{.*}} : tensor<32x28x28x1xf32> -> tensor<32x28x128xf32> {
  // CHECK-NEXT: ^bb0(%[[ROW:.*]]: tensor<32x28x1xf32>):
  // CHECK-NEXT: %[[H:.*]] = dlc.lstm %[[ROW]]
  // CHECK-NEXT: dlc.yield %[[H]] : tensor<32x128xf32>
  %r = dlc.time_distributed %x : tensor<32x28x28x1xf32> -> tensor<32x28x128xf32> {
  ^bb0(%row: tensor<32x28x1xf32>):
    %h = dlc.lstm %row, %k, %rk, %b recurrent_activation(hard_sigmoid)
        : (tensor<32x28x1xf32>, tensor<1x512xf32>, tensor<128x512xf32>, tensor<512xf32>) -> tensor<32x128xf32>
    dlc.yield %h : tensor<32x128xf32>
  }
  return %r : tensor<32x28x128xf32>
}
