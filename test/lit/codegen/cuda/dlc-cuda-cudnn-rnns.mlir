// dlc-cuda-cudnn-rnns: a recurrent layer whose math is cuDNN's becomes cuDNN
// RNN calls on a weight space packed by generated copies; the offsets below
// are abi/CudnnRnnLayout.h's, worked out by hand:
//   LSTM, 2 inputs, 1 unit (20 floats): W_i W_f W_c W_o [1x2] at 0 2 4 6,
//     R_i..R_o [1x1] at 8 9 10 11, input biases 12..15, recurrent biases
//     16..19 (zeros: Keras has one bias);
//   GRU, 1 input, 2 units (30 floats): cuDNN's gates are r, z, h (Keras' z
//     and r swap): W_r W_z W_h [2x1] at 0 2 4, R_r R_z R_h [2x2] at 6 10 14,
//     input biases 18 20 22 (Keras bias row 0), recurrent 24 26 28 (row 1).
// The training pair (dlc.lstm_record and its gradient) shares one training
// forward's reserve; a gradient without a tape recomputes the forward in
// training mode. hard_sigmoid gates, reset_after = false and activations
// cuDNN has not keep the generated path, with the reason in dlc.paths.
// RUN: dlc-opt %s -split-input-file -dlc-cuda-cudnn-rnns | FileCheck %s
// RUN: dlc-opt %s -split-input-file '-dlc-cuda-cudnn-rnns=policy=default' | FileCheck %s --check-prefix=DEFAULT
// RUN: not dlc-opt %s -split-input-file '-dlc-cuda-cudnn-rnns=policy=fastest' 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: module attributes {dlc.paths = [{key = "LSTM forward (inference) 3x5x2 -> 3x5x1", layer = "lstm_s", path = "cuDNN", what = "LSTM forward (inference) 3x5x2 -> 3x5x1", why = "cuda-cudnn calls cuDNN's RNN for every recurrent layer whose math it computes exactly"}
// CHECK-SAME: layer = "lstm_h", path = "generated kernel", what = "dlc.lstm gates and state updates", why = "its gates are hard_sigmoid; cuDNN's RNN has only logistic-sigmoid gates, which would change the model's math; its GEMMs are listed separately"}
// DEFAULT: layer = "lstm_s", path = "cuDNN", what = "LSTM forward (inference) 3x5x2 -> 3x5x1", why = "default table: cuDNN's RNN runs the whole sequence in its own kernels; the generated path launches the gate kernels and a recurrent GEMM per time step"}
// DEFAULT-SAME: layer = "lstm_h", path = "generated kernel"
// BAD: error: dlc-cuda-cudnn-rnns: policy 'fastest' is neither 'library' nor 'default'

// CHECK-LABEL: func.func @lstm_inference
// CHECK-SAME: (%[[X:.*]]: tensor<3x5x2xf32>, %[[K:.*]]: tensor<2x4xf32>, %[[RK:.*]]: tensor<1x4xf32>, %[[B:.*]]: tensor<4xf32>)
// Gate i: kernel column 0 transposed to W_i at 0, recurrent column 0 to R_i at 8.
// CHECK: %[[K0:.*]] = tensor.extract_slice %[[K]][0, 0] [2, 1] [1, 1]
// CHECK: %[[T0:.*]] = linalg.transpose ins(%[[K0]] : tensor<2x1xf32>) {{.*}} permutation = [1, 0]
// CHECK: %[[C0:.*]] = tensor.collapse_shape %[[T0]]
// CHECK: %[[W0:.*]] = tensor.insert_slice %[[C0]] into %{{.*}}[0] [2] [1] : tensor<2xf32> into tensor<20xf32>
// CHECK: tensor.extract_slice %[[RK]][0, 0] [1, 1] [1, 1]
// CHECK: %[[W1:.*]] = tensor.insert_slice %{{.*}} into %[[W0]][8] [1] [1]
// Gates f, c, o.
// CHECK: tensor.extract_slice %[[K]][0, 1] [2, 1] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[2] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[9] [1] [1]
// CHECK: tensor.extract_slice %[[K]][0, 2] [2, 1] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[4] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[10] [1] [1]
// CHECK: tensor.extract_slice %[[K]][0, 3] [2, 1] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[6] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[11] [1] [1]
// The bias as the input biases, zeros as the recurrent ones.
// CHECK: tensor.extract_slice %[[B]][0] [1] [1]
// CHECK: tensor.insert_slice %{{.*}}[12] [1] [1]
// CHECK: tensor.extract_slice %[[B]][3] [1] [1]
// CHECK: tensor.insert_slice %{{.*}}[15] [1] [1]
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[W:.*]] = tensor.insert_slice %[[Z]] into %{{.*}}[16] [4] [1] : tensor<4xf32> into tensor<20xf32>
// Five steps for each of the three sequences, in device memory.
// CHECK: %[[T:.*]] = arith.constant 5 : i32
// CHECK: %[[LEN:.*]] = linalg.fill ins(%[[T]] : i32) outs(%{{.*}} : tensor<3xi32>)
// CHECK: %[[Y:.*]] = dlc_cuda.rnn_forward ins(%[[X]], %[[W]], %[[LEN]] : tensor<3x5x2xf32>, tensor<20xf32>, tensor<3xi32>) outs(%{{.*}} : tensor<3x5x1xf32>) {cell = "lstm", workspace_bytes = {{[0-9]+}} : i64} -> tensor<3x5x1xf32>
// CHECK: %[[H:.*]] = tensor.extract_slice %[[Y]][0, 4, 0] [3, 1, 1] [1, 1, 1] : tensor<3x5x1xf32> to tensor<3x1xf32>
// The hard_sigmoid layer is left alone.
// CHECK: %[[HS:.*]] = dlc.lstm {{.*}} recurrent_activation(hard_sigmoid)
// CHECK: return %[[H]], %[[HS]]
func.func @lstm_inference(%x: tensor<3x5x2xf32>, %k: tensor<2x4xf32>, %rk: tensor<1x4xf32>, %b: tensor<4xf32>) -> (tensor<3x1xf32>, tensor<3x1xf32>) {
  %h = dlc.lstm %x, %k, %rk, %b : (tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>) -> tensor<3x1xf32> loc("lstm_s")
  %hs = dlc.lstm %x, %k, %rk, %b recurrent_activation(hard_sigmoid) : (tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>) -> tensor<3x1xf32> loc("lstm_h")
  return %h, %hs : tensor<3x1xf32>, tensor<3x1xf32>
}

// -----

// CHECK: layer = "lstm_t", path = "cuDNN", what = "LSTM forward (training) 3x5x2 -> 3x5x1, backward data and weights"
// CHECK-LABEL: func.func @lstm_train
// CHECK-SAME: (%[[X:.*]]: tensor<3x5x2xf32>, %{{.*}}: tensor<2x4xf32>, %{{.*}}: tensor<1x4xf32>, %{{.*}}: tensor<4xf32>, %[[DH:.*]]: tensor<3x1xf32>)
// CHECK: %[[W:.*]] = tensor.insert_slice %{{.*}}[16] [4] [1] : tensor<4xf32> into tensor<20xf32>
// CHECK: %[[F:.*]]:2 = dlc_cuda.rnn_forward ins(%[[X]], %[[W]], %[[LEN:.*]] : {{.*}}) outs(%{{.*}}, %{{.*}} : tensor<3x5x1xf32>, tensor<{{[0-9]+}}xf32>) {cell = "lstm"
// CHECK: %[[H:.*]] = tensor.extract_slice %[[F]]#0[0, 4, 0] [3, 1, 1]
// The last step's gradient into zeros for every other step.
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3x5x1xf32>)
// CHECK: %[[DY:.*]] = tensor.insert_slice %[[DH]] into %[[Z]][0, 4, 0] [3, 1, 1] [1, 1, 1]
// CHECK: %[[D:.*]]:2 = dlc_cuda.rnn_backward_data ins(%[[F]]#0, %[[DY]], %[[W]], %[[LEN]] : {{.*}}) outs(%{{.*}}, %[[F]]#1 : tensor<3x5x2xf32>, tensor<{{[0-9]+}}xf32>) {cell = "lstm"
// CHECK: %[[DW0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<20xf32>)
// CHECK: %[[DW:.*]] = dlc_cuda.rnn_backward_weights ins(%[[X]], %[[F]]#0, %[[LEN]], %[[D]]#1 : {{.*}}) outs(%[[DW0]] : tensor<20xf32>) {cell = "lstm"
// Unpacked: W_i's gradient (floats 0..1) transposed into the kernel's column 0, ...
// CHECK: %[[G0:.*]] = tensor.extract_slice %[[DW]][0] [2] [1]
// CHECK: tensor.expand_shape %[[G0]] {{.*}} into tensor<1x2xf32>
// CHECK: tensor.insert_slice %{{.*}}[0, 0] [2, 1] [1, 1] : tensor<2x1xf32> into tensor<2x4xf32>
// CHECK: tensor.extract_slice %[[DW]][8] [1] [1]
// CHECK: tensor.extract_slice %[[DW]][6] [2] [1]
// CHECK: %[[DK:.*]] = tensor.insert_slice %{{.*}}[0, 3] [2, 1] [1, 1] : tensor<2x1xf32> into tensor<2x4xf32>
// CHECK: %[[DRK:.*]] = tensor.insert_slice %{{.*}}[0, 3] [1, 1] [1, 1] : tensor<1x1xf32> into tensor<1x4xf32>
// ... and the bias's from the input biases' (12..15).
// CHECK: tensor.extract_slice %[[DW]][12] [1] [1]
// CHECK: %[[DB:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[3] [1] [1] : tensor<1xf32> into tensor<4xf32>
// CHECK: return %[[H]], %[[D]]#0, %[[DK]], %[[DRK]], %[[DB]]
func.func @lstm_train(%x: tensor<3x5x2xf32>, %k: tensor<2x4xf32>, %rk: tensor<1x4xf32>, %b: tensor<4xf32>, %dh: tensor<3x1xf32>) -> (tensor<3x1xf32>, tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>) {
  %h, %gates, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b : (tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>) -> (tensor<3x1xf32>, tensor<3x5x4xf32>, tensor<3x5x1xf32>, tensor<3x5x1xf32>) loc("lstm_t")
  %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b tape(%gates, %hp, %cp) : (tensor<3x1xf32>, tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>) tape(tensor<3x5x4xf32>, tensor<3x5x1xf32>, tensor<3x5x1xf32>) -> tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32> loc("lstm_t")
  return %h, %dx, %dk, %drk, %db : tensor<3x1xf32>, tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>, tensor<4xf32>
}

// -----

// CHECK: layer = "gru", path = "cuDNN", what = "GRU forward (inference) 3x5x1 -> 3x5x2"
// CHECK-SAME: layer = "gru", path = "cuDNN", what = "GRU backward 3x5x1 -> 3x5x2 (the forward recomputed in training mode, backward data and weights)"
// CHECK-SAME: layer = "gru_k2", path = "generated kernel", what = "dlc.gru gates and state updates", why = "reset_after = false (the reset gate before the recurrent product, Keras 2's GRU); cuDNN's GRU applies it after the product, which would change the model's math; its GEMMs are listed separately"
// CHECK-LABEL: func.func @gru
// CHECK-SAME: (%[[X:.*]]: tensor<3x5x1xf32>, %[[K:.*]]: tensor<1x6xf32>, %[[RK:.*]]: tensor<2x6xf32>, %[[B:.*]]: tensor<2x6xf32>, %[[DH:.*]]: tensor<3x5x2xf32>)
// Keras z (columns 0..1) is cuDNN's gate 1: W_z at 2, R_z at 10; r is gate 0.
// CHECK: tensor.extract_slice %[[K]][0, 0] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[2] [2] [1] : tensor<2xf32> into tensor<30xf32>
// CHECK: tensor.extract_slice %[[RK]][0, 0] [2, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[10] [4] [1] : tensor<4xf32> into tensor<30xf32>
// CHECK: tensor.extract_slice %[[K]][0, 2] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[0] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[6] [4] [1]
// CHECK: tensor.extract_slice %[[K]][0, 4] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[4] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[14] [4] [1]
// CHECK: tensor.extract_slice %[[B]][0, 0] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[20] [2] [1]
// CHECK: tensor.extract_slice %[[B]][0, 2] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[18] [2] [1]
// CHECK: tensor.extract_slice %[[B]][0, 4] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[22] [2] [1]
// CHECK: tensor.extract_slice %[[B]][1, 0] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[26] [2] [1]
// CHECK: tensor.extract_slice %[[B]][1, 2] [1, 2] [1, 1]
// CHECK: tensor.insert_slice %{{.*}}[24] [2] [1]
// CHECK: tensor.extract_slice %[[B]][1, 4] [1, 2] [1, 1]
// CHECK: %[[W:.*]] = tensor.insert_slice %{{.*}}[28] [2] [1]
// The forward's every step is the result (return_sequences).
// CHECK: %[[Y:.*]] = dlc_cuda.rnn_forward ins(%[[X]], %[[W]], %{{.*}} : {{.*}}) outs(%{{.*}} : tensor<3x5x2xf32>) {cell = "gru"
// The gradient: the forward again in training mode, dy is the result's gradient.
// CHECK: %[[F:.*]]:2 = dlc_cuda.rnn_forward {{.*}} outs(%{{.*}}, %{{.*}} : tensor<3x5x2xf32>, tensor<{{[0-9]+}}xf32>) {cell = "gru"
// CHECK: %[[D:.*]]:2 = dlc_cuda.rnn_backward_data ins(%[[F]]#0, %[[DH]], {{.*}}) {cell = "gru"
// CHECK: %[[DW:.*]] = dlc_cuda.rnn_backward_weights ins(%[[X]], %[[F]]#0, %{{.*}}, %[[D]]#1 : {{.*}}) outs(%{{.*}} : tensor<30xf32>) {cell = "gru"
// z's kernel gradient from floats 2..3; the bias rows from 20 (row 0) and 26 (row 1).
// CHECK: tensor.extract_slice %[[DW]][2] [2] [1]
// CHECK: tensor.extract_slice %[[DW]][20] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[0, 0] [1, 2] [1, 1] : tensor<2xf32> into tensor<2x6xf32>
// CHECK: tensor.extract_slice %[[DW]][26] [2] [1]
// CHECK: tensor.insert_slice %{{.*}}[1, 0] [1, 2] [1, 1] : tensor<2xf32> into tensor<2x6xf32>
// CHECK: dlc.gru %{{.*}} : (tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>) -> tensor<3x2xf32>
func.func @gru(%x: tensor<3x5x1xf32>, %k: tensor<1x6xf32>, %rk: tensor<2x6xf32>, %b: tensor<2x6xf32>, %dh: tensor<3x5x2xf32>) -> (tensor<3x5x2xf32>, tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<3x2xf32>) {
  %h = dlc.gru %x, %k, %rk, %b {reset_after = true, return_sequences = true} : (tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<3x5x2xf32> loc("gru")
  %dx, %dk, %drk, %db = dlc.gru_grad %dh, %x, %k, %rk, %b {reset_after = true, return_sequences = true} : (tensor<3x5x2xf32>, tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>, tensor<2x6xf32> loc("gru")
  %h2 = dlc.gru %x, %k, %rk {reset_after = false} : (tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>) -> tensor<3x2xf32> loc("gru_k2")
  return %h, %dx, %dk, %drk, %db, %h2 : tensor<3x5x2xf32>, tensor<3x5x1xf32>, tensor<1x6xf32>, tensor<2x6xf32>, tensor<2x6xf32>, tensor<3x2xf32>
}

// -----

// A relu SimpleRNN read backwards (4 units over 2 inputs: 4·(2 + 4 + 2) = 32
// floats of weights): cuDNN's rnn_relu cell on the input
// reversed in time (its result is in that order, as Keras' is); an elu one
// stays generated.
// CHECK: #[[REV:.*]] = affine_map<(d0, d1, d2) -> (d0, -d1 + 2, d2)>
// CHECK: layer = "rnn_relu", path = "cuDNN", what = "SimpleRNN forward (inference) 2x3x2 -> 2x3x4"
// CHECK-SAME: layer = "rnn_elu", path = "generated kernel", what = "dlc.simple_rnn gates and state updates", why = "its activation is elu; cuDNN's plain RNN has tanh and relu cells only; its GEMMs are listed separately"
// CHECK-LABEL: func.func @backwards
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x2xf32>,
// CHECK: %[[XR:.*]] = linalg.generic {indexing_maps = [#[[REV]], #{{.*}}]{{.*}} ins(%[[X]] : tensor<2x3x2xf32>)
// CHECK: %[[Y:.*]] = dlc_cuda.rnn_forward ins(%[[XR]], %{{.*}}, %{{.*}} : tensor<2x3x2xf32>, tensor<32xf32>, tensor<2xi32>) {{.*}} {cell = "rnn_relu"
// CHECK: return %[[Y]]
func.func @backwards(%x: tensor<2x3x2xf32>, %k: tensor<2x4xf32>, %rk: tensor<4x4xf32>, %b: tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %h = dlc.simple_rnn %x, %k, %rk, %b activation(relu) {return_sequences = true, go_backwards = true} : (tensor<2x3x2xf32>, tensor<2x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32> loc("rnn_relu")
  %e = dlc.simple_rnn %x, %k, %rk, %b activation(elu) {return_sequences = true} : (tensor<2x3x2xf32>, tensor<2x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32> loc("rnn_elu")
  return %h, %e : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}

// -----

// An LSTM without a bias: both of cuDNN's biases are zeros (12..15 and
// 16..19); its gradient without a tape recomputes the forward in training
// mode, and there is no bias gradient to unpack.
// CHECK: layer = "lstm_nb", path = "cuDNN", what = "LSTM backward 3x5x2 -> 3x5x1 (the forward recomputed in training mode, backward data and weights)"
// CHECK-LABEL: func.func @no_bias
// CHECK: %[[Z0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: tensor.insert_slice %[[Z0]] into %{{.*}}[12] [4] [1] : tensor<4xf32> into tensor<20xf32>
// CHECK: %[[Z1:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[W:.*]] = tensor.insert_slice %[[Z1]] into %{{.*}}[16] [4] [1] : tensor<4xf32> into tensor<20xf32>
// CHECK: %[[F:.*]]:2 = dlc_cuda.rnn_forward ins(%{{.*}}, %[[W]], %{{.*}} : {{.*}}) outs(%{{.*}}, %{{.*}} : tensor<3x5x1xf32>, tensor<{{[0-9]+}}xf32>)
// CHECK: %[[D:.*]]:2 = dlc_cuda.rnn_backward_data ins(%[[F]]#0,
// CHECK: dlc_cuda.rnn_backward_weights
// CHECK: return %[[D]]#0, %{{.*}}, %{{.*}} : tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>
func.func @no_bias(%x: tensor<3x5x2xf32>, %k: tensor<2x4xf32>, %rk: tensor<1x4xf32>, %dh: tensor<3x1xf32>) -> (tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>) {
  %dx, %dk, %drk = dlc.lstm_grad %dh, %x, %k, %rk : (tensor<3x1xf32>, tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32> loc("lstm_nb")
  return %dx, %dk, %drk : tensor<3x5x2xf32>, tensor<2x4xf32>, tensor<1x4xf32>
}
