// convert-dlc-to-linalg of the pair dlc-fuse-lstm-step forms: dlc.lstm_record
// is the one forward loop (the recurrent matmul and the cell generic per
// step) that also writes the tape; dlc.lstm_grad_recorded is only the
// reverse loop (whose one product per step is dh · rkᵀ) and the weight
// products, with no forward recurrence (no plain linalg.matmul).
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @record_sequences
// CHECK-SAME: (%[[X:.*]]: tensor<4x5x3xf32>, %[[K:.*]]: tensor<3x8xf32>, %[[RK:.*]]: tensor<2x8xf32>, %[[B:.*]]: tensor<8xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %[[K]] : tensor<20x3xf32>, tensor<3x8xf32>)
// CHECK: %[[L:.*]]:6 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(
// CHECK: %[[Z:.*]] = linalg.matmul ins(%{{.*}}, %[[RK]] : tensor<4x2xf32>, tensor<2x8xf32>)
// CHECK: tensor.insert_slice %[[Z]] into %{{.*}}[0, %[[T]], 0] [4, 1, 8]
// CHECK: %[[C:.*]]:2 = linalg.generic
// CHECK: tensor.insert_slice %[[C]]#0 into %{{.*}}[0, %[[T]], 0] [4, 1, 2]
// CHECK: scf.yield %[[C]]#0, %[[C]]#1,
// CHECK-NOT: scf.for
// CHECK: return %[[L]]#5, %[[L]]#2, %[[L]]#3, %[[L]]#4
func.func @record_sequences(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %b: tensor<8xf32>)
    -> (tensor<4x5x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>) {
  %s, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk, %b {return_sequences = true} : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) -> (tensor<4x5x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>)
  return %s, %g, %hp, %cp : tensor<4x5x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>
}

// go_backwards: step t records at position T - 1 - t; the result is h_T.
// CHECK-LABEL: func.func @record_backwards
// CHECK: %[[L:.*]]:5 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(
// CHECK: %[[P:.*]] = arith.subi %{{.*}}, %[[T]] : index
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, %[[P]], 0] [4, 1, 8]
// CHECK: return %[[L]]#0, %[[L]]#2, %[[L]]#3, %[[L]]#4
func.func @record_backwards(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>)
    -> (tensor<4x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>) {
  %h, %g, %hp, %cp = dlc.lstm_record %x, %k, %rk {go_backwards = true} : (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>) -> (tensor<4x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>)
  return %h, %g, %hp, %cp : tensor<4x2xf32>, tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>
}

// CHECK-LABEL: func.func @grad_recorded
// CHECK-SAME: (%[[X:.*]]: tensor<4x5x3xf32>, %[[K:.*]]: tensor<3x8xf32>, %[[RK:.*]]: tensor<2x8xf32>, %[[B:.*]]: tensor<8xf32>, %[[DH:.*]]: tensor<4x2xf32>, %[[G:.*]]: tensor<4x5x8xf32>, %[[HP:.*]]: tensor<4x5x2xf32>, %[[CP:.*]]: tensor<4x5x2xf32>)
// CHECK-NOT: linalg.matmul ins
// CHECK: %[[L:.*]]:3 = scf.for
// CHECK-NOT: linalg.matmul ins
// CHECK: tensor.extract_slice %[[G]]
// CHECK: tensor.extract_slice %[[CP]]
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %[[RK]] : tensor<4x8xf32>, tensor<2x8xf32>)
// CHECK: scf.yield
// CHECK-NOT: scf.for
// CHECK-NOT: linalg.matmul ins
// CHECK: %[[DG:.*]] = tensor.collapse_shape %[[L]]#2
// CHECK: linalg.matmul_transpose_b ins(%[[DG]], %[[K]]
// CHECK: linalg.matmul_transpose_a ins(%{{.*}}, %[[DG]]
// CHECK: %[[HPF:.*]] = tensor.collapse_shape %[[HP]]
// CHECK: linalg.matmul_transpose_a ins(%[[HPF]], %[[DG]]
// CHECK: return
func.func @grad_recorded(%x: tensor<4x5x3xf32>, %k: tensor<3x8xf32>, %rk: tensor<2x8xf32>, %b: tensor<8xf32>, %dh: tensor<4x2xf32>,
                         %g: tensor<4x5x8xf32>, %hp: tensor<4x5x2xf32>, %cp: tensor<4x5x2xf32>)
    -> (tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) {
  %dx, %dk, %drk, %db = dlc.lstm_grad_recorded %dh, %x, %k, %rk, %b tape(%g, %hp, %cp) : (tensor<4x2xf32>, tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>) tape(tensor<4x5x8xf32>, tensor<4x5x2xf32>, tensor<4x5x2xf32>) -> tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
  return %dx, %dk, %drk, %db : tensor<4x5x3xf32>, tensor<3x8xf32>, tensor<2x8xf32>, tensor<8xf32>
}
