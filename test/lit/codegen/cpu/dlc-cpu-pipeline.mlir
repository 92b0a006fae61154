// The cpu target's registered pipeline (what dlc compile --target=cpu and serialize run) on a small dense model (dense-relu-dropout-dense-softmax, RMSprop): the training stage, the linalg stage, the llvm-dialect stage, one at a time and whole.
// RUN: dlc-opt %s -dlc-training-pipeline | FileCheck %s --check-prefix=TRAIN
// RUN: dlc-opt %s -dlc-training-pipeline=no-dropout | FileCheck %s --check-prefix=NODROP
// RUN: dlc-opt %s -dlc-training-pipeline=fusion=none -dlc-cpu-to-linalg | FileCheck %s --check-prefix=LINALG
// RUN: dlc-opt %s -dlc-training-pipeline -dlc-cpu-to-linalg -dlc-cpu-to-llvm=parallel=false | FileCheck %s --check-prefix=LLVM
// RUN: dlc-opt %s -dlc-training-pipeline -dlc-cpu-to-linalg -dlc-cpu-to-llvm=parallel=true | FileCheck %s --check-prefix=OMP
// RUN: dlc-opt %s -dlc-cpu-pipeline | FileCheck %s --check-prefix=LLVM-DAG
// RUN: not dlc-opt %s -dlc-cpu-pipeline=fusion=dense-bias-activation 2>&1 | FileCheck %s --check-prefix=BADFUSION

// The training stage: the three entry functions, fused, one dropout (train_step's).
// TRAIN-LABEL: func.func @train_step(
// TRAIN: dlc.fused_dense
// TRAIN: dlc.dropout
// TRAIN: dlc.fused_optimizer_update
// TRAIN-LABEL: func.func @predict(
// TRAIN-NOT: dlc.dropout
// TRAIN-LABEL: func.func @eval_step(
// NODROP-NOT: dlc.dropout

// The linalg stage keeps only the entries; the loop order and row tiles show.
// LINALG-NOT: func.func @forward
// LINALG-LABEL: func.func @train_step(
// LINALG-NOT: = dlc.
// LINALG: linalg.generic
// LINALG: arith.mului_extended
// LINALG-LABEL: func.func @predict(

// LLVM-LABEL: llvm.func @train_step(
// LLVM-NOT: {{ (linalg|tensor|memref|scf|arith|math|cf|bufferization|affine|dlc|func|omp)\.}}
// LLVM: llvm.return
// LLVM: llvm.func @_mlir_ciface_train_step(
// OMP: omp.parallel

// LLVM-DAG-DAG: llvm.func @_mlir_ciface_train_step(
// LLVM-DAG-DAG: llvm.func @_mlir_ciface_eval_step(
// LLVM-DAG-DAG: llvm.func @_mlir_ciface_predict(

// BADFUSION: unknown fusion 'dense-bias-activation'; expected all, none or a list of: dense-bias-act, conv-bias-act, lstm-step, optimizer-update
module attributes {dlc.training = {loss = "categorical_crossentropy",
    optimizer = {class_name = "RMSprop", config = {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-08 : f64, decay = 0.0 : f64}}}} {
  func.func @forward(%x: tensor<4x6xf32> {dlc.input = "x"},
                     %w: tensor<6x5xf32> {dlc.param = "dense/kernel"},
                     %b: tensor<5xf32> {dlc.param = "dense/bias"},
                     %w2: tensor<5x3xf32> {dlc.param = "dense_1/kernel"}) -> tensor<4x3xf32> {
    %y = dlc.dense %x, %w, %b : (tensor<4x6xf32>, tensor<6x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
    %a = dlc.activation relu(%y) : tensor<4x5xf32>
    %d = dlc.dropout %a {rate = 2.0e-01 : f64, seed = 7} : tensor<4x5xf32>
    %z = dlc.dense %d, %w2 : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
    %p = dlc.softmax %z : tensor<4x3xf32>
    return %p : tensor<4x3xf32>
  }
}
