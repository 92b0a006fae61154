// Every verifier of lstm, gru, simple_rnn and time_distributed.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @lstm_kernel(%x: tensor<32x5x50xf32>, %k: tensor<50x150xf32>, %rk: tensor<50x200xf32>) {
  // expected-error @+2 {{kernel must be [features, 4 * units] = [50, 200] for this input and 50 units, got [50, 150]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.lstm %x, %k, %rk : (tensor<32x5x50xf32>, tensor<50x150xf32>, tensor<50x200xf32>) -> tensor<32x50xf32>
  return
}

// -----

func.func @lstm_recurrent(%x: tensor<32x5x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x100xf32>) {
  // expected-error @+2 {{recurrent_kernel must be [units, 4 * units] = [50, 200] for a LSTM, got [50, 100]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.lstm %x, %k, %rk : (tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x100xf32>) -> tensor<32x50xf32>
  return
}

// -----

func.func @lstm_features(%x: tensor<32x5x40xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>) {
  // expected-error @+2 {{kernel must be [features, 4 * units] = [40, 200] for this input and 50 units, got [50, 200]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.lstm %x, %k, %rk : (tensor<32x5x40xf32>, tensor<50x200xf32>, tensor<50x200xf32>) -> tensor<32x50xf32>
  return
}

// -----

func.func @lstm_rank(%x: tensor<32x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>) {
  // expected-error @+2 {{input (batch, time, features) must have rank 3, got shape [32, 50]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.lstm %x, %k, %rk : (tensor<32x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>) -> tensor<32x50xf32>
  return
}

// -----

func.func @lstm_bias(%x: tensor<32x5x50xf32>, %k: tensor<50x200xf32>, %rk: tensor<50x200xf32>, %b: tensor<50xf32>) {
  // expected-error @+2 {{bias must be [200] for this LSTM, got [50]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.lstm %x, %k, %rk, %b : (tensor<32x5x50xf32>, tensor<50x200xf32>, tensor<50x200xf32>, tensor<50xf32>) -> tensor<32x50xf32>
  return
}

// -----

func.func @gru_reset_after_bias(%x: tensor<8x10x4xf32>, %k: tensor<4x24xf32>, %rk: tensor<8x24xf32>, %b: tensor<24xf32>) {
  // expected-error @+2 {{bias must be [2, 24] for this reset_after GRU, got [24]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.gru %x, %k, %rk, %b {reset_after = true} : (tensor<8x10x4xf32>, tensor<4x24xf32>, tensor<8x24xf32>, tensor<24xf32>) -> tensor<8x8xf32>
  return
}

// -----

func.func @simple_rnn_recurrent(%x: tensor<8x10x4xf32>, %k: tensor<4x6xf32>, %rk: tensor<6x7xf32>) {
  // expected-error @+2 {{recurrent_kernel must be [units, units] = [6, 6] for a SimpleRNN, got [6, 7]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.simple_rnn %x, %k, %rk : (tensor<8x10x4xf32>, tensor<4x6xf32>, tensor<6x7xf32>) -> tensor<8x6xf32>
  return
}

// -----

func.func @td_argument(%x: tensor<4x3x5xf32>, %w: tensor<3x2xf32>) {
  // expected-error @+1 {{body argument must be the input without its time axis, 'tensor<4x5xf32>', got 'tensor<4x3xf32>'}}
  %0 = dlc.time_distributed %x : tensor<4x3x5xf32> -> tensor<4x3x2xf32> {
  ^bb0(%s: tensor<4x3xf32>):
    %d = dlc.dense %s, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
    dlc.yield %d : tensor<4x2xf32>
  }
  return
}

// -----

func.func @td_rank(%x: tensor<4x5xf32>, %w: tensor<5x2xf32>) {
  // expected-error @+2 {{input must have rank >= 3 (batch, time, ...), got shape [4, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.time_distributed %x : tensor<4x5xf32> -> tensor<4x5x2xf32> {
  ^bb0(%s: tensor<4xf32>):
    dlc.yield %s : tensor<4xf32>
  }
  return
}

// -----

func.func @yield_outside(%x: tensor<4xf32>) {
  // expected-error @+1 {{expects parent op to be one of 'dlc.time_distributed, dlc.fused_optimizer_update'}}
  dlc.yield %x : tensor<4xf32>
}
