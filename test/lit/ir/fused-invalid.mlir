// The fused ops check their operands as dense and conv2d do, and alpha as dlc.activation does.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @fused_dense_kernel_rows(%x: tensor<128x784xf32>, %w: tensor<700x10xf32>) {
  // expected-error @+2 {{kernel has 700 input rows but the input has 784 features}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.fused_dense %x, %w activation(relu) : (tensor<128x784xf32>, tensor<700x10xf32>) -> tensor<128x10xf32>
  return
}

// -----

func.func @fused_dense_alpha(%x: tensor<4x8xf32>, %w: tensor<8x2xf32>) {
  // expected-error @+1 {{'alpha' is only allowed with elu, not relu}}
  %0 = dlc.fused_dense %x, %w activation(relu) {alpha = 0.5 : f64} : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @fused_conv2d_channels(%x: tensor<1x8x8x3xf32>, %f: tensor<3x3x4x2xf32>) {
  // expected-error @+2 {{filter expects 4 input channels but the input has 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.fused_conv2d %x, %f padding(valid) activation(tanh) : (tensor<1x8x8x3xf32>, tensor<3x3x4x2xf32>) -> tensor<1x6x6x2xf32>
  return
}

// -----

func.func @fused_update_other_op(%p: tensor<10xf32>) {
  %r = dlc.fused_optimizer_update : tensor<10xf32> {
    // expected-error @+1 {{is not an optimizer update; the body of dlc.fused_optimizer_update holds only those}}
    %a = dlc.activation relu(%p) : tensor<10xf32>
    dlc.yield %a : tensor<10xf32>
  }
  return
}

// -----

func.func @fused_update_order(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %it: tensor<i64>) {
  // expected-error @+1 {{body must yield the results of its updates, in order (2 values)}}
  %r:2 = dlc.fused_optimizer_update : tensor<10xf32>, tensor<10xf32> {
    %p2, %m2 = dlc.sgd_update %p, %g, %m, %it {lr = 1.0e-02 : f64} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
    dlc.yield %m2, %p2 : tensor<10xf32>, tensor<10xf32>
  }
  return
}

// -----

func.func @lstm_record_gates(%x: tensor<2x3x4xf32>, %k: tensor<4x12xf32>, %rk: tensor<2x8xf32>) {
  // expected-error @+2 {{kernel must be [features, 4 * units] = [4, 8] for this input and 2 units, got [4, 12]}}
  // expected-error @+1 {{failed to infer returned types}}
  %h, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk : (tensor<2x3x4xf32>, tensor<4x12xf32>, tensor<2x8xf32>) -> (tensor<2x2xf32>, tensor<2x3x8xf32>, tensor<2x3x2xf32>, tensor<2x3x2xf32>)
  return
}

// -----

func.func @lstm_grad_recorded_result_grad(%x: tensor<2x3x4xf32>, %k: tensor<4x8xf32>, %rk: tensor<2x8xf32>, %dh: tensor<2x3x2xf32>,
                                          %g: tensor<2x3x8xf32>, %hp: tensor<2x3x2xf32>, %cp: tensor<2x3x2xf32>) {
  // expected-error @+2 {{result_grad has type tensor<2x3x2xf32> but the forward result has type tensor<2x2xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %dx, %dk, %drk = dlc.lstm_grad_recorded %dh, %x, %k, %rk tape(%g, %hp, %cp) : (tensor<2x3x2xf32>, tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) tape(tensor<2x3x8xf32>, tensor<2x3x2xf32>, tensor<2x3x2xf32>) -> tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>
  return
}

// -----

func.func @lstm_grad_recorded_tape(%x: tensor<2x3x4xf32>, %k: tensor<4x8xf32>, %rk: tensor<2x8xf32>, %dh: tensor<2x2xf32>,
                                   %g: tensor<2x3x8xf32>, %hp: tensor<2x4x2xf32>, %cp: tensor<2x3x2xf32>) {
  // expected-error @+1 {{tape h_prev has shape [2, 4, 2] but this LSTM records [2, 3, 2]}}
  %dx, %dk, %drk = dlc.lstm_grad_recorded %dh, %x, %k, %rk tape(%g, %hp, %cp) : (tensor<2x2xf32>, tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>) tape(tensor<2x3x8xf32>, tensor<2x4x2xf32>, tensor<2x3x2xf32>) -> tensor<2x3x4xf32>, tensor<4x8xf32>, tensor<2x8xf32>
  return
}
