// dlc-cuda-cudnn-calls: a convolution with a bias and relu (or no
// activation) becomes one cuDNN call of the fused graph
// (dlc_cuda.conv2d_bias_activation: convolution, bias add, relu) on the NHWC
// input and the filter transposed to KRSC, with TensorFlow's 'same' padding
// as pre/post paddings (stride 2 over 8 with a 3 window: 0 before, 1 after);
// with another activation, a cuDNN forward call then the bias and the
// activation as element-wise ops; the input gradient a backward-data call,
// the filter gradient a backward-filter call whose KRSC result is transposed
// back to Keras' RSCK. Pooling stays generated, with the reason recorded
// (recurrent layers are dlc-cuda-cudnn-rnns', dlc-cuda-cudnn-rnns.mlir).
// Every choice is recorded in dlc.paths with its reason; policy=default
// (--target=cuda) takes cuDNN for convolutions too, saying so from the
// default table.
// RUN: dlc-opt %s -dlc-cuda-cudnn-calls | FileCheck %s
// RUN: dlc-opt %s '-dlc-cuda-cudnn-calls=policy=default' | FileCheck %s --check-prefix=DEFAULT
// RUN: not dlc-opt %s '-dlc-cuda-cudnn-calls=policy=fastest' 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: module attributes {dlc.paths = [
// CHECK-SAME: layer = "conv_a", path = "cuDNN", what = "convolution forward 2x8x8x3 -> 2x4x4x4 with bias and relu in cuDNN's graph (fused when the device has an engine for the graph, else the plain cuDNN convolution, then bias and relu as one generated kernel)", why = "cuda-cudnn calls cuDNN for every convolution"}
// CHECK-SAME: layer = "conv_t", path = "cuDNN", what = "convolution forward 2x8x8x3 -> 2x6x6x4 (then bias and tanh as one generated kernel: cuDNN's graph here fuses relu or no activation)"
// CHECK-SAME: layer = "conv_n", path = "cuDNN", what = "convolution forward 2x8x8x3 -> 2x6x6x4 with bias in cuDNN's graph (fused when the device has an engine for the graph, else the plain cuDNN convolution, then the bias as a generated kernel)"
// CHECK-SAME: layer = "conv_b", path = "cuDNN", what = "convolution backward data 2x4x6x3 -> 2x9x8x2", why = "cuda-cudnn calls cuDNN for every convolution"}
// CHECK-SAME: layer = "conv_b", path = "cuDNN", what = "convolution backward filter 2x9x8x2 -> 3x3x2x3", why = "cuda-cudnn calls cuDNN for every convolution"}
// CHECK-SAME: layer = "pool", path = "generated kernel", what = "max pooling forward 2x4x4x3 -> 2x2x2x3", why = "dlc's max-pooling gradient goes to the window's first maximum (TensorFlow's rule); cuDNN does not document which element of a tied window its pooling backward picks, so both directions stay generated (docs/cuda-cudnn.md)"}
// CHECK-SAME: layer = "pool", path = "generated kernel", what = "max pooling backward 2x4x4x3 -> 2x4x4x3"

// CHECK-LABEL: func.func @conv_same
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[WK:.*]] = linalg.transpose ins(%[[W]] : tensor<3x3x3x4xf32>) outs(%{{.*}} : tensor<4x3x3x3xf32>) permutation = [3, 0, 1, 2]
// CHECK: %[[Y:.*]] = dlc_cuda.conv2d_bias_activation ins(%[[X]], %[[WK]], %[[B]] : tensor<2x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<2x4x4x4xf32>) {activation = "relu", dilations = array<i64: 1, 1>, post_padding = array<i64: 1, 1>, pre_padding = array<i64: 0, 0>, strides = array<i64: 2, 2>}
// CHECK-NOT: linalg.generic
// CHECK-NOT: dlc.activation
// CHECK: return %[[Y]]
func.func @conv_same(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4x4x4xf32> {
  %y = dlc.fused_conv2d %x, %w, %b padding(same) activation(relu) {strides = array<i64: 2, 2>} : (tensor<2x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<2x4x4x4xf32> loc("conv_a")
  return %y : tensor<2x4x4x4xf32>
}

// Another activation: the plain call, then bias and activation generated.
// CHECK-LABEL: func.func @conv_tanh
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x8x3xf32>, %[[W:.*]]: tensor<3x3x3x4xf32>, %[[B:.*]]: tensor<4xf32>)
// CHECK: %[[Y:.*]] = dlc_cuda.conv2d_forward ins(%[[X]], %{{.*}} : tensor<2x8x8x3xf32>, tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<2x6x6x4xf32>)
// CHECK: %[[YB:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[B]] : tensor<2x6x6x4xf32>, tensor<4xf32>)
// CHECK: arith.addf
// CHECK: %[[R:.*]] = dlc.activation tanh(%[[YB]])
// CHECK: return %[[R]]
func.func @conv_tanh(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x6x6x4xf32> {
  %y = dlc.fused_conv2d %x, %w, %b padding(valid) activation(tanh) : (tensor<2x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<2x6x6x4xf32> loc("conv_t")
  return %y : tensor<2x6x6x4xf32>
}

// A bias without an activation: the fused graph's add alone.
// CHECK-LABEL: func.func @conv_bias
// CHECK: dlc_cuda.conv2d_bias_activation ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<2x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<2x6x6x4xf32>) {activation = "none"
func.func @conv_bias(%x: tensor<2x8x8x3xf32>, %w: tensor<3x3x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x6x6x4xf32> {
  %y = dlc.conv2d %x, %w, %b padding(valid) : (tensor<2x8x8x3xf32>, tensor<3x3x3x4xf32>, tensor<4xf32>) -> tensor<2x6x6x4xf32> loc("conv_n")
  return %y : tensor<2x6x6x4xf32>
}

// CHECK-LABEL: func.func @conv_grads
// CHECK-SAME: (%[[X:.*]]: tensor<2x9x8x2xf32>, %[[W:.*]]: tensor<3x3x2x3xf32>, %[[DY:.*]]: tensor<2x4x6x3xf32>)
// CHECK: %[[WK:.*]] = linalg.transpose ins(%[[W]] : tensor<3x3x2x3xf32>) outs(%{{.*}} : tensor<3x3x3x2xf32>) permutation = [3, 0, 1, 2]
// CHECK: %[[DX:.*]] = dlc_cuda.conv2d_backward_data ins(%[[DY]], %[[WK]] : tensor<2x4x6x3xf32>, tensor<3x3x3x2xf32>) outs(%{{.*}} : tensor<2x9x8x2xf32>) {dilations = array<i64: 1, 1>, post_padding = array<i64: 0, 0>, pre_padding = array<i64: 0, 0>, strides = array<i64: 2, 1>}
// CHECK: %[[DWK:.*]] = dlc_cuda.conv2d_backward_filter ins(%[[X]], %[[DY]] : tensor<2x9x8x2xf32>, tensor<2x4x6x3xf32>) outs(%{{.*}} : tensor<3x3x3x2xf32>) {dilations = array<i64: 1, 1>, post_padding = array<i64: 0, 0>, pre_padding = array<i64: 0, 0>, strides = array<i64: 2, 1>}
// CHECK: %[[DW:.*]] = linalg.transpose ins(%[[DWK]] : tensor<3x3x3x2xf32>) outs(%{{.*}} : tensor<3x3x2x3xf32>) permutation = [1, 2, 3, 0]
// CHECK: return %[[DX]], %[[DW]]
func.func @conv_grads(%x: tensor<2x9x8x2xf32>, %w: tensor<3x3x2x3xf32>, %dy: tensor<2x4x6x3xf32>) -> (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>) {
  %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid) {strides = array<i64: 2, 1>} : (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<2x4x6x3xf32>) -> tensor<2x9x8x2xf32> loc("conv_b")
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) {strides = array<i64: 2, 1>} : (tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>, tensor<2x4x6x3xf32>) -> tensor<3x3x2x3xf32> loc("conv_b")
  return %dx, %dw : tensor<2x9x8x2xf32>, tensor<3x3x2x3xf32>
}

// Pooling stays as it is.
// CHECK-LABEL: func.func @pool
// CHECK: dlc.max_pool2d
// CHECK: dlc.max_pool2d_grad
func.func @pool(%x: tensor<2x4x4x3xf32>, %dy: tensor<2x2x2x3xf32>) -> (tensor<2x2x2x3xf32>, tensor<2x4x4x3xf32>) {
  %y = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<2x4x4x3xf32> -> tensor<2x2x2x3xf32> loc("pool")
  %dx = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<2x4x4x3xf32>, tensor<2x2x2x3xf32>) -> tensor<2x4x4x3xf32> loc("pool")
  return %y, %dx : tensor<2x2x2x3xf32>, tensor<2x4x4x3xf32>
}

// DEFAULT: layer = "conv_a", path = "cuDNN", what = "convolution forward 2x8x8x3 -> 2x4x4x4 with bias and relu in cuDNN's graph (fused when the device has an engine for the graph, else the plain cuDNN convolution, then bias and relu as one generated kernel)", why = "default table: cuDNN's engines are chosen per GPU when the bundle is opened; the generated convolution is one tiled implicit GEMM (and its input gradient goes through a materialised patch-gradient matrix)"}
// DEFAULT: dlc_cuda.conv2d_bias_activation
// DEFAULT: dlc_cuda.conv2d_backward_data
// DEFAULT: dlc_cuda.conv2d_backward_filter

// BAD: error: dlc-cuda-cudnn-calls: policy 'fastest' is neither 'library' nor 'default'
