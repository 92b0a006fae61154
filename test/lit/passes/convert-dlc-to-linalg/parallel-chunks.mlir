// convert-dlc-to-linalg{parallel-chunks=false}: the fused optimizer update and the recurrences are a plain op and plain time loops (a target that maps its own parallelism, such as a GPU's, takes them whole); by default they are scf.forall chunks for host threads. The filter gradient is one op either way (the cpu target's threads come from dlc-cpu-tile-contractions).
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s --check-prefix=CHUNKS
// RUN: dlc-opt %s -convert-dlc-to-linalg=parallel-chunks=false -canonicalize | FileCheck %s --check-prefix=PLAIN

// CHUNKS-LABEL: func.func @fused_update
// CHUNKS: scf.forall (%{{.*}}) in (20)
// PLAIN-LABEL: func.func @fused_update
// PLAIN-NOT: scf.forall
// PLAIN: linalg.generic
// PLAIN: linalg.generic
// PLAIN: return
func.func @fused_update(%w: tensor<4x5xf32>, %gw: tensor<4x5xf32>, %aw: tensor<4x5xf32>, %b: tensor<3xf32>, %gb: tensor<3xf32>, %ab: tensor<3xf32>, %it: tensor<i64>) -> (tensor<4x5xf32>, tensor<3xf32>, tensor<4x5xf32>, tensor<3xf32>) {
  %r:4 = dlc.fused_optimizer_update : tensor<4x5xf32>, tensor<4x5xf32>, tensor<3xf32>, tensor<3xf32> {
    %w2, %aw2 = dlc.rmsprop_update %w, %gw, %aw, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<i64>) -> (tensor<4x5xf32>, tensor<4x5xf32>)
    %b2, %ab2 = dlc.rmsprop_update %b, %gb, %ab, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i64>) -> (tensor<3xf32>, tensor<3xf32>)
    dlc.yield %w2, %aw2, %b2, %ab2 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<3xf32>, tensor<3xf32>
  }
  return %r#0, %r#2, %r#1, %r#3 : tensor<4x5xf32>, tensor<3xf32>, tensor<4x5xf32>, tensor<3xf32>
}

// CHUNKS-LABEL: func.func @filter_grad
// CHUNKS-NOT: scf.forall
// CHUNKS: linalg.generic
// PLAIN-LABEL: func.func @filter_grad
// PLAIN-NOT: scf.forall
// PLAIN: linalg.generic
func.func @filter_grad(%x: tensor<2x6x6x16xf32>, %w: tensor<3x3x16x8xf32>, %dy: tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32> {
  %dw = dlc.conv2d_grad_filter %x, %w, %dy padding(valid) : (tensor<2x6x6x16xf32>, tensor<3x3x16x8xf32>, tensor<2x4x4x8xf32>) -> tensor<3x3x16x8xf32>
  return %dw : tensor<3x3x16x8xf32>
}

// An LSTM over a batch of 16: by default its time loop runs once per chunk of
// 8 rows inside one scf.forall (each thread steps its rows through every
// step); without chunks, one loop over the whole batch.
// CHUNKS-LABEL: func.func @lstm
// CHUNKS: scf.forall (%{{.*}}) in (2) shared_outs
// CHUNKS: tensor.extract_slice %{{.*}}[%{{.*}}, 0, 0] [8, 4, 12] [1, 1, 1]
// CHUNKS: scf.for
// CHUNKS: linalg.matmul {{.*}} outs(%{{.*}} : tensor<8x12xf32>)
// CHUNKS: tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%{{.*}}, 0] [8, 3] [1, 1]
// PLAIN-LABEL: func.func @lstm
// PLAIN-NOT: scf.forall
// PLAIN: linalg.matmul {{.*}} outs(%{{.*}} : tensor<16x12xf32>)
func.func @lstm(%x: tensor<16x4x5xf32>, %k: tensor<5x12xf32>, %rk: tensor<3x12xf32>) -> tensor<16x3xf32> {
  %h = dlc.lstm %x, %k, %rk : (tensor<16x4x5xf32>, tensor<5x12xf32>, tensor<3x12xf32>) -> tensor<16x3xf32>
  return %h : tensor<16x3xf32>
}
