// Every verifier of dense, conv2d, pooling, activation, softmax and dropout rejects bad IR with a precise message.
// RUN: dlc-opt %s -split-input-file -verify-diagnostics

func.func @dense_kernel_rows(%x: tensor<128x784xf32>, %w: tensor<700x10xf32>) {
  // expected-error @+2 {{kernel has 700 input rows but the input has 784 features}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense %x, %w : (tensor<128x784xf32>, tensor<700x10xf32>) -> tensor<128x10xf32>
  return
}

// -----

func.func @dense_rank1(%x: tensor<784xf32>, %w: tensor<784x10xf32>) {
  // expected-error @+2 {{input must have rank >= 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense %x, %w : (tensor<784xf32>, tensor<784x10xf32>) -> tensor<10xf32>
  return
}

// -----

func.func @dense_bias(%x: tensor<4x8xf32>, %w: tensor<8x10xf32>, %b: tensor<9xf32>) {
  // expected-error @+2 {{bias has 9 entries but the dense layer has 10 output channels}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense %x, %w, %b : (tensor<4x8xf32>, tensor<8x10xf32>, tensor<9xf32>) -> tensor<4x10xf32>
  return
}

// -----

func.func @dense_elt(%x: tensor<4x8xf32>, %w: tensor<8x10xf16>) {
  // expected-error @+2 {{kernel must have the element type of the input (f32), got f16}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense %x, %w : (tensor<4x8xf32>, tensor<8x10xf16>) -> tensor<4x10xf32>
  return
}

// -----

func.func @dense_result(%x: tensor<4x8xf32>, %w: tensor<8x10xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x10xf32>' are incompatible with return type(s) of operation 'tensor<4x11xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.dense %x, %w : (tensor<4x8xf32>, tensor<8x10xf32>) -> tensor<4x11xf32>
  return
}

// -----

func.func @conv_channels(%x: tensor<1x28x28x1xf32>, %w: tensor<3x3x2x32xf32>) {
  // expected-error @+2 {{filter expects 2 input channels but the input has 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w padding(valid) : (tensor<1x28x28x1xf32>, tensor<3x3x2x32xf32>) -> tensor<1x26x26x32xf32>
  return
}

// -----

func.func @conv_too_big(%x: tensor<1x4x4x1xf32>, %w: tensor<5x5x1x8xf32>) {
  // expected-error @+2 {{window height 5 (with dilation) is larger than the input height 4 with 'valid' padding}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w padding(valid) : (tensor<1x4x4x1xf32>, tensor<5x5x1x8xf32>) -> tensor<1x1x1x8xf32>
  return
}

// -----

func.func @conv_dilated_too_big(%x: tensor<1x8x8x1xf32>, %w: tensor<3x3x1x8xf32>) {
  // expected-error @+2 {{window height 9 (with dilation) is larger than the input height 8}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w padding(valid) {dilations = array<i64: 4, 1>} : (tensor<1x8x8x1xf32>, tensor<3x3x1x8xf32>) -> tensor<1x1x6x8xf32>
  return
}

// -----

func.func @conv_rank(%x: tensor<28x28x1xf32>, %w: tensor<3x3x1x8xf32>) {
  // expected-error @+2 {{input (NHWC) must have rank 4, got shape [28, 28, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w padding(valid) : (tensor<28x28x1xf32>, tensor<3x3x1x8xf32>) -> tensor<1x26x26x8xf32>
  return
}

// -----

func.func @conv_strides(%x: tensor<1x8x8x1xf32>, %w: tensor<3x3x1x8xf32>) {
  // expected-error @+2 {{strides must be positive, got [0, 1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w padding(same) {strides = array<i64: 0, 1>} : (tensor<1x8x8x1xf32>, tensor<3x3x1x8xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @conv_bias(%x: tensor<1x8x8x1xf32>, %w: tensor<3x3x1x8xf32>, %b: tensor<4xf32>) {
  // expected-error @+2 {{bias has 4 entries but the convolution has 8 output channels}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.conv2d %x, %w, %b padding(same) : (tensor<1x8x8x1xf32>, tensor<3x3x1x8xf32>, tensor<4xf32>) -> tensor<1x8x8x8xf32>
  return
}

// -----

func.func @pool_size(%x: tensor<1x8x8x1xf32>) {
  // expected-error @+2 {{pool_size must have 2 entries, got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x1xf32> -> tensor<1x4x4x1xf32>
  return
}

// -----

func.func @avg_pool_too_big(%x: tensor<1x2x8x1xf32>) {
  // expected-error @+2 {{window height 3 (with dilation) is larger than the input height 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.avg_pool2d %x padding(valid) {pool_size = array<i64: 3, 3>, strides = array<i64: 1, 1>} : tensor<1x2x8x1xf32> -> tensor<1x1x6x1xf32>
  return
}

// -----

func.func @alpha_not_elu(%x: tensor<4xf32>) {
  // expected-error @+1 {{'alpha' is only allowed with elu and relu, not tanh}}
  %0 = dlc.activation tanh(%x) {alpha = 1.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @max_value_not_relu(%x: tensor<4xf32>) {
  // expected-error @+1 {{'max_value' is only allowed with relu, not elu}}
  %0 = dlc.activation elu(%x) {max_value = 6.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @threshold_not_relu(%x: tensor<4xf32>) {
  // expected-error @+1 {{'threshold' is only allowed with relu, not sigmoid}}
  %0 = dlc.activation sigmoid(%x) {threshold = 1.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @max_value_negative(%x: tensor<4xf32>) {
  // expected-error @+1 {{'max_value' must be at least 0, got -1}}
  %0 = dlc.activation relu(%x) {max_value = -1.0 : f64} : tensor<4xf32>
  return
}

// -----

func.func @prelu_alpha_rank(%x: tensor<4x5xf32>, %a: tensor<4x5xf32>) {
  // expected-error @+2 {{alpha must have the input's shape without the batch axis (input [4, 5]), got [4, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.prelu %x, %a : (tensor<4x5xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @prelu_alpha_size(%x: tensor<2x4x4x3xf32>, %a: tensor<1x2x3xf32>) {
  // expected-error @+2 {{alpha's axis 1 has size 2; it must be 1 (shared) or the input's 4 (input [2, 4, 4, 3], alpha [1, 2, 3])}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.prelu %x, %a : (tensor<2x4x4x3xf32>, tensor<1x2x3xf32>) -> tensor<2x4x4x3xf32>
  return
}

// -----

func.func @prelu_alpha_type(%x: tensor<4x5xf32>, %a: tensor<5xf64>) {
  // expected-error @+2 {{alpha must have the element type of the input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = dlc.prelu %x, %a : (tensor<4x5xf32>, tensor<5xf64>) -> tensor<4x5xf32>
  return
}

// -----

func.func @softmax_axis(%x: tensor<4x10xf32>) {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = dlc.softmax %x {axis = 2} : tensor<4x10xf32>
  return
}

// -----

func.func @dropout_rate(%x: tensor<4x10xf32>) {
  // expected-error @+1 {{rate must be in [0, 1), got 1}}
  %0 = dlc.dropout %x {rate = 1.0 : f64} : tensor<4x10xf32>
  return
}

// -----

func.func @activation_int(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = dlc.activation relu(%x) : tensor<4xi32>
  return
}
