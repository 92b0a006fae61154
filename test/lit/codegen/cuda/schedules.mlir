// The kernels dlc-cuda-form-kernels makes of the ops of the five tasks, at
// their sizes in the tasks, through the cuda-ptx target's own linalg stage
// and bufferization. Grids and loop trip counts are worked out by hand from
// the shapes (256 threads a block; contractions in 64 x 64 tiles over K tiles
// of 16, K split over blocks when there are fewer than 96 tiles and at least
// 16 K tiles: splits = min(ceil(96 / tiles), K tiles / 8)). An element-wise
// op that fills an output right before a reduction (zeros, a bias) is folded
// into the reduction's kernel as its starting values.
// RUN: dlc-opt %s --split-input-file -dlc-cuda-to-linalg -eliminate-empty-tensors \
// RUN:   -empty-tensor-to-alloc-tensor \
// RUN:   -one-shot-bufferize="bufferize-function-boundaries=1 function-boundary-type-conversion=identity-layout-map allow-return-allocs-from-loops=1" \
// RUN:   -buffer-results-to-out-params -canonicalize -dlc-cuda-form-kernels -cse | FileCheck %s

// mnist_mlp's first dense layer, 128 x 784 times 784 x 512, with bias and
// relu: 16 tiles and 49 K tiles, split 6 ways (9 K tiles each) into partial
// sums, which the next kernel adds in split order onto the bias (the bias
// fill is folded into it: no kernel of its own); then relu. 65536 outputs:
// 256 blocks.
// CHECK-LABEL: func.func @train_step
// CHECK-NOT: gpu.launch
// CHECK: memref.alloc() : memref<6x1x128x512xf32>
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c2, %{{[a-z0-9]+}} = %c6) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c9 step %c1
// CHECK: math.fma
// CHECK: } {dlc.schedule = "contraction-split-k"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c6 step %c1
// CHECK: } {dlc.schedule = "split-k-sum"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: arith.maximumf
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK-NOT: linalg.
func.func @train_step(%x: tensor<128x784xf32>, %w: tensor<784x512xf32>, %b: tensor<512xf32>) -> tensor<128x512xf32> {
  %y = dlc.dense %x, %w, %b : (tensor<128x784xf32>, tensor<784x512xf32>, tensor<512xf32>) -> tensor<128x512xf32> loc("dense_1")
  %r = dlc.activation relu(%y) : tensor<128x512xf32> loc("dense_1")
  return %r : tensor<128x512xf32>
}

// -----

// mnist_cnn's second convolution as an implicit GEMM: 73728 output pixels by
// 64 filters over K = 3 x 3 x 32 = 288 (18 K tiles): 1152 x 1 tiles, each
// output starting from its bias (the bias fill folded in).
// CHECK-LABEL: func.func @train_step
// CHECK-NOT: gpu.launch
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1152, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c18 step %c1
// CHECK: } {dlc.schedule = "contraction"}
// CHECK-NOT: linalg.
func.func @train_step(%x: tensor<128x26x26x32xf32>, %w: tensor<3x3x32x64xf32>, %b: tensor<64xf32>) -> tensor<128x24x24x64xf32> {
  %y = dlc.conv2d %x, %w, %b padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<128x26x26x32xf32>, tensor<3x3x32x64xf32>, tensor<64xf32>) -> tensor<128x24x24x64xf32> loc("conv2d_2")
  return %y : tensor<128x24x24x64xf32>
}

// -----

// Its two gradients. The input gradient is a convolution too: dy zero-padded
// by the transposed window (128 x 28 x 28 x 64: a fill, 25088 blocks, then dy
// copied into its interior in one group with the flipped filter, 4718592 +
// 18432 elements: 18504 blocks), convolved with the flipped filter (86528
// input pixels by 32 channels over K = 3 x 3 x 64 = 576: 36 K tiles, 1352 x 1
// tiles); no patch matrix.
// The filter gradient reads the patches of x through its indexing maps:
// only 5 x 1 tiles and 4608 K tiles, so K is split 20 ways
// (min(ceil(96 / 5), 4608 / 8)), 231 K tiles each, then summed (18432
// outputs: 72 blocks).
// CHECK-LABEL: func.func @train_step
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<128x28x28x64xf32>
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c25088, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c18504, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: } {dlc.schedule = "elementwise-group"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1352, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c36 step %c1
// CHECK: } {dlc.schedule = "contraction"}
// CHECK: memref.alloc() : memref<20x1x288x64xf32>
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c5, %{{[a-z0-9]+}} = %c20) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c231 step %c1
// CHECK: } {dlc.schedule = "contraction-split-k"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c72, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c20 step %c1
// CHECK: } {dlc.schedule = "split-k-sum"}
// CHECK-NOT: linalg.
func.func @train_step(%x: tensor<128x26x26x32xf32>, %w: tensor<3x3x32x64xf32>, %dy: tensor<128x24x24x64xf32>) -> (tensor<128x26x26x32xf32>, tensor<3x3x32x64xf32>) {
  %dx = dlc.conv2d_grad_input %x, %w, %dy padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<128x26x26x32xf32>, tensor<3x3x32x64xf32>, tensor<128x24x24x64xf32>) -> tensor<128x26x26x32xf32> loc("conv2d_2")
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>} : (tensor<128x26x26x32xf32>, tensor<3x3x32x64xf32>, tensor<128x24x24x64xf32>) -> tensor<3x3x32x64xf32> loc("conv2d_2")
  return %dx, %dw : tensor<128x26x26x32xf32>, tensor<3x3x32x64xf32>
}

// -----

// 2 x 2 max pooling of 128 x 24 x 24 x 64 and its gradient: one thread per
// pooled output (1179648: 4608 blocks) folds its window of 4; the windows
// tile the input, so the gradient is element-wise: one thread per input
// (4718592: 18432 blocks, the input viewed as 128 x 12 x 2 x 12 x 2 x 64)
// reads its window's 4 taps and dy, and takes dy where it is the window's
// first maximum.
// CHECK-LABEL: func.func @train_step
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c4608, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: } {dlc.schedule = "thread-per-output"}
// CHECK: memref.alloc() {alignment = 64 : i64} : memref<128x12x2x12x2x64xf32>
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c18432, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK-NOT: linalg.
func.func @train_step(%x: tensor<128x24x24x64xf32>, %dy: tensor<128x12x12x64xf32>) -> (tensor<128x12x12x64xf32>, tensor<128x24x24x64xf32>) {
  %y = dlc.max_pool2d %x padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<128x24x24x64xf32> -> tensor<128x12x12x64xf32> loc("max_pooling2d_1")
  %dx = dlc.max_pool2d_grad %x, %dy padding(valid) {pool_size = array<i64: 2, 2>, strides = array<i64: 2, 2>} : (tensor<128x24x24x64xf32>, tensor<128x12x12x64xf32>) -> tensor<128x24x24x64xf32> loc("max_pooling2d_1")
  return %y, %dx : tensor<128x12x12x64xf32>, tensor<128x24x24x64xf32>
}

// -----

// Softmax over 128 rows of 10 and the loss: reductions over a row are one
// thread per row (128 threads, each sum starting from its folded fill), the
// mean over the batch one thread over 128 rows; element-wise parts over 1280
// elements take 5 blocks.
// CHECK-LABEL: func.func @train_step
// CHECK-NOT: gpu.launch
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c128, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c10 step %c1
// CHECK: } {dlc.schedule = "thread-per-output"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c5, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK: math.log
// CHECK: scf.for %{{.*}} = %c0 to %c128 step %c1
// CHECK: } {dlc.schedule = "thread-per-output"}
// CHECK-NOT: linalg.
func.func @train_step(%s: tensor<128x10xf32>, %t: tensor<128x10xf32>) -> (tensor<f32>, tensor<128x10xf32>) {
  %p = dlc.softmax %s : tensor<128x10xf32> loc("dense_3")
  %l = dlc.categorical_crossentropy %p, %t : (tensor<128x10xf32>, tensor<128x10xf32>) -> tensor<f32> loc("loss")
  %d = dlc.categorical_crossentropy_grad %p, %t : (tensor<128x10xf32>, tensor<128x10xf32>) -> tensor<128x10xf32> loc("loss")
  return %l, %d : tensor<f32>, tensor<128x10xf32>
}

// -----

// An LSTM of 128 units over 28 steps of 28 features (mnist_hrnn's row
// encoder, batch 128): the input projection of every step is one GEMM
// (3584 x 28 times 28 x 512: 56 x 8 tiles, 2 K tiles) before the time
// loop; each step is the recurrent GEMM (128 x 128 times 128 x 512: 2 x 8
// tiles, 8 K tiles), then the gates (65536 points) and the step's copies of
// the state (3 x 16384), independent of each other, as one element-wise
// kernel of 448 blocks. The time loop stays on the host with static bounds:
// the launch list unrolls it.
// CHECK-LABEL: func.func @train_step
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c56, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: } {dlc.schedule = "contraction"}
// CHECK: scf.for %{{.*}} = %c0 to %c28 step %c1
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c8, %{{[a-z0-9]+}} = %c2, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK: } {dlc.schedule = "contraction"}
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c448, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: math.tanh
// CHECK: } {dlc.schedule = "elementwise-group"}
// CHECK-NOT: linalg.
func.func @train_step(%x: tensor<128x28x28xf32>, %k: tensor<28x512xf32>, %rk: tensor<128x512xf32>, %b: tensor<512xf32>) -> (tensor<128x128xf32>, tensor<128x28x512xf32>, tensor<128x28x128xf32>, tensor<128x28x128xf32>) {
  %h, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b : (tensor<128x28x28xf32>, tensor<28x512xf32>, tensor<128x512xf32>, tensor<512xf32>) -> (tensor<128x128xf32>, tensor<128x28x512xf32>, tensor<128x28x128xf32>, tensor<128x28x128xf32>) loc("lstm_1")
  return %h, %g, %hp, %cp : tensor<128x128xf32>, tensor<128x28x512xf32>, tensor<128x28x128xf32>, tensor<128x28x128xf32>
}

// -----

// The RMSprop update of a 784 x 512 kernel: element-wise, 401408 elements in
// 1568 blocks.
// CHECK-LABEL: func.func @train_step
// CHECK: gpu.launch blocks({{.*}}) in (%{{[a-z0-9]+}} = %c1568, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1) threads({{.*}}) in (%{{[a-z0-9]+}} = %c256, %{{[a-z0-9]+}} = %c1, %{{[a-z0-9]+}} = %c1)
// CHECK: math.sqrt
// CHECK: } {dlc.schedule = "elementwise"}
// CHECK-NOT: linalg.
func.func @train_step(%w: tensor<784x512xf32>, %g: tensor<784x512xf32>, %a: tensor<784x512xf32>, %it: tensor<i64>) -> (tensor<784x512xf32>, tensor<784x512xf32>) {
  %w2, %a2 = dlc.rmsprop_update %w, %g, %a, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<784x512xf32>, tensor<784x512xf32>, tensor<784x512xf32>, tensor<i64>) -> (tensor<784x512xf32>, tensor<784x512xf32>) loc("optimizer")
  return %w2, %a2 : tensor<784x512xf32>, tensor<784x512xf32>
}
