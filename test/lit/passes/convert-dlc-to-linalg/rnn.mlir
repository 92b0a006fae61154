// convert-dlc-to-linalg: recurrent layers (and their BPTT gradients) are one hoisted input-projection matmul for every step, then an scf.for over time whose body is the recurrent matmul and a cell generic writing the new state over the old.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @lstm
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x3xf32>, %[[K:.*]]: tensor<3x16xf32>, %[[RK:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] : tensor<16xf32>) outs(%{{.*}} : tensor<10x16xf32>) dimensions = [0]
// CHECK: %[[XF:.*]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x5x3xf32> into tensor<10x3xf32>
// CHECK: %[[P:.*]] = linalg.matmul ins(%[[XF]], %[[K]] : tensor<10x3xf32>, tensor<3x16xf32>) outs(%[[BB]] : tensor<10x16xf32>)
// CHECK: %[[XP:.*]] = tensor.expand_shape %[[P]] {{\[}}[0, 1], [2]] output_shape [2, 5, 16]
// CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[SEQ:.*]] = tensor.empty() : tensor<2x5x4xf32>
// CHECK: %[[R:.*]]:3 = scf.for %[[T:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %[[Z]], %[[C:.*]] = %[[Z]], %[[S:.*]] = %[[SEQ]])
// go_backwards reads step T-1-t.
// CHECK: %[[AT:.*]] = arith.subi %{{.*}}, %[[T]] : index
// CHECK: %[[XT:.*]] = tensor.extract_slice %[[XP]][0, %[[AT]], 0] [2, 1, 16] [1, 1, 1] : tensor<2x5x16xf32> to tensor<2x16xf32>
// CHECK: %[[G:.*]] = linalg.matmul ins(%[[H]], %[[RK]] : tensor<2x4xf32>, tensor<4x16xf32>) outs(%[[XT]] : tensor<2x16xf32>)
// CHECK: %[[GI:.*]] = tensor.extract_slice %[[G]][0, 0] [2, 4] [1, 1]
// CHECK: %[[GF:.*]] = tensor.extract_slice %[[G]][0, 4] [2, 4] [1, 1]
// CHECK: %[[GC:.*]] = tensor.extract_slice %[[G]][0, 8] [2, 4] [1, 1]
// CHECK: %[[GO:.*]] = tensor.extract_slice %[[G]][0, 12] [2, 4] [1, 1]
// CHECK: %[[CELL:.*]]:2 = linalg.generic {{.*}} ins(%[[GI]], %[[GF]], %[[GC]], %[[GO]], %[[C]] : {{.*}}) outs(%[[H]], %[[C]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: ^bb0(%[[ZI:.*]]: f32, %[[ZF:.*]]: f32, %[[ZC:.*]]: f32, %[[ZO:.*]]: f32, %[[CP:.*]]: f32, %{{.*}}: f32, %{{.*}}: f32):
// hard_sigmoid recurrent activation, tanh activation.
// CHECK: arith.mulf %[[ZI]], %{{.*}} : f32
// CHECK: %[[CAND:.*]] = math.tanh %[[ZC]] : f32
// CHECK: %[[IC:.*]] = arith.mulf %{{.*}}, %[[CAND]] : f32
// CHECK: %[[FC:.*]] = arith.mulf %{{.*}}, %[[CP]] : f32
// CHECK: %[[CN:.*]] = arith.addf %[[FC]], %[[IC]] : f32
// CHECK: %[[TC:.*]] = math.tanh %[[CN]] : f32
// CHECK: %[[HN:.*]] = arith.mulf %{{.*}}, %[[TC]] : f32
// CHECK: linalg.yield %[[HN]], %[[CN]] : f32, f32
// The returned sequence is in processing order.
// CHECK: %[[NS:.*]] = tensor.insert_slice %[[CELL]]#0 into %[[S]][0, %[[T]], 0] [2, 1, 4] [1, 1, 1]
// CHECK: scf.yield %[[CELL]]#0, %[[CELL]]#1, %[[NS]]
// CHECK: return %[[R]]#2
func.func @lstm(%x: tensor<2x5x3xf32>, %k: tensor<3x16xf32>, %rk: tensor<4x16xf32>, %b: tensor<16xf32>) -> tensor<2x5x4xf32> {
  %y = dlc.lstm %x, %k, %rk, %b recurrent_activation(hard_sigmoid) {return_sequences = true, go_backwards = true} : (tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x5x4xf32>
  return %y : tensor<2x5x4xf32>
}

// Keras 2 GRU: z and r from h · Uk[:, :2U], then (r * h) · Uk[:, 2U:] for the candidate.
// CHECK-LABEL: func.func @gru
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x3xf32>, %[[K:.*]]: tensor<3x12xf32>, %[[RK:.*]]: tensor<4x12xf32>)
// CHECK: linalg.matmul ins(%{{.*}}, %[[K]] : tensor<10x3xf32>, tensor<3x12xf32>)
// CHECK: %[[R:.*]]:2 = scf.for %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %{{.*}} = %{{.*}})
// CHECK: %[[XT:.*]] = tensor.extract_slice
// CHECK: %[[XZR:.*]] = tensor.extract_slice %[[XT]][0, 0] [2, 8] [1, 1]
// CHECK: %[[UZR:.*]] = tensor.extract_slice %[[RK]][0, 0] [4, 8] [1, 1]
// CHECK: %[[ZR:.*]] = linalg.matmul ins(%[[H]], %[[UZR]] : tensor<2x4xf32>, tensor<4x8xf32>) outs(%[[XZR]] : tensor<2x8xf32>)
// CHECK: %[[GATES:.*]]:2 = linalg.generic
// CHECK: %[[XH:.*]] = tensor.extract_slice %[[XT]][0, 8] [2, 4] [1, 1]
// CHECK: %[[UH:.*]] = tensor.extract_slice %[[RK]][0, 8] [4, 4] [1, 1]
// CHECK: %[[HH:.*]] = linalg.matmul ins(%[[GATES]]#1, %[[UH]] : tensor<2x4xf32>, tensor<4x4xf32>) outs(%[[XH]] : tensor<2x4xf32>)
// CHECK: %[[HN:.*]] = linalg.generic {{.*}} ins(%[[GATES]]#0, %[[HH]], %[[H]] : {{.*}}) outs(%[[H]] : tensor<2x4xf32>)
// CHECK: scf.yield %[[HN]]
// CHECK: return %[[R]]#0
func.func @gru(%x: tensor<2x5x3xf32>, %k: tensor<3x12xf32>, %rk: tensor<4x12xf32>) -> tensor<2x4xf32> {
  %y = dlc.gru %x, %k, %rk : (tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// reset_after: the input bias is row 0, the recurrent bias (row 1) starts h · Uk.
// CHECK-LABEL: func.func @gru_reset_after
// CHECK-SAME: (%[[X:.*]]: tensor<2x5x3xf32>, %[[K:.*]]: tensor<3x12xf32>, %[[RK:.*]]: tensor<4x12xf32>, %[[B:.*]]: tensor<2x12xf32>)
// CHECK: %[[BI:.*]] = tensor.extract_slice %[[B]][0, 0] [1, 12] [1, 1] : tensor<2x12xf32> to tensor<12xf32>
// CHECK: %[[BR:.*]] = tensor.extract_slice %[[B]][1, 0] [1, 12] [1, 1] : tensor<2x12xf32> to tensor<12xf32>
// CHECK: linalg.broadcast ins(%[[BI]] : tensor<12xf32>) outs(%{{.*}} : tensor<10x12xf32>)
// CHECK: %[[RB:.*]] = linalg.broadcast ins(%[[BR]] : tensor<12xf32>) outs(%{{.*}} : tensor<2x12xf32>)
// CHECK: scf.for
// CHECK: linalg.matmul ins(%{{.*}}, %[[RK]] : tensor<2x4xf32>, tensor<4x12xf32>) outs(%[[RB]] : tensor<2x12xf32>)
func.func @gru_reset_after(%x: tensor<2x5x3xf32>, %k: tensor<3x12xf32>, %rk: tensor<4x12xf32>, %b: tensor<2x12xf32>) -> tensor<2x4xf32> {
  %y = dlc.gru %x, %k, %rk, %b {reset_after = true} : (tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// CHECK-LABEL: func.func @simple_rnn
// CHECK: scf.for %{{.*}} iter_args(%[[H:.*]] = %{{.*}}, %{{.*}} = %{{.*}})
// CHECK: %[[Z:.*]] = linalg.matmul ins(%[[H]], %{{.*}} : tensor<2x6xf32>, tensor<6x6xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[Z]] : tensor<2x6xf32>) outs(%[[H]] : tensor<2x6xf32>)
// CHECK: arith.maximumf
func.func @simple_rnn(%x: tensor<2x5x3xf32>, %k: tensor<3x6xf32>, %rk: tensor<6x6xf32>, %b: tensor<6xf32>) -> tensor<2x6xf32> {
  %y = dlc.simple_rnn %x, %k, %rk, %b activation(relu) : (tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>, tensor<6xf32>) -> tensor<2x6xf32>
  return %y : tensor<2x6xf32>
}

// BPTT: the forward loop keeps pre-activations, h_{t-1} and c_{t-1} per
// step; the backward loop stores each step's gate gradient; dx, dkernel,
// drecurrent_kernel and dbias are one matmul / reduction over all steps.
// CHECK-LABEL: func.func @lstm_grad
// CHECK-SAME: (%[[DY:.*]]: tensor<2x4xf32>, %[[X:.*]]: tensor<2x5x3xf32>, %[[K:.*]]: tensor<3x16xf32>, %[[RK:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<16xf32>)
// CHECK: %[[FWD:.*]]:5 = scf.for %[[T:.*]] = {{.*}} iter_args(%[[H:.*]] = %{{.*}}, %[[C:.*]] = %{{.*}}, %[[PRE:.*]] = %{{.*}}, %[[HP:.*]] = %{{.*}}, %[[CP:.*]] = %{{.*}}) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x5x16xf32>, tensor<2x5x4xf32>, tensor<2x5x4xf32>)
// CHECK: %[[Z:.*]] = linalg.matmul ins(%[[H]], %[[RK]] : tensor<2x4xf32>, tensor<4x16xf32>)
// CHECK: tensor.insert_slice %[[Z]] into %[[PRE]][0, %[[T]], 0] [2, 1, 16]
// CHECK: tensor.insert_slice %[[H]] into %[[HP]][0, %[[T]], 0] [2, 1, 4]
// CHECK: tensor.insert_slice %[[C]] into %[[CP]][0, %[[T]], 0] [2, 1, 4]
// CHECK: %[[BWD:.*]]:3 = scf.for %[[S:.*]] = {{.*}} iter_args(%[[DH:.*]] = %{{.*}}, %[[DC:.*]] = %{{.*}}, %[[DG:.*]] = %{{.*}}) -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x5x16xf32>)
// Only the last step sees the gradient of h_T.
// CHECK: %[[LAST:.*]] = arith.cmpi eq, %[[S]], %{{.*}} : index
// CHECK: %[[DHT:.*]] = linalg.generic {{.*}} ins(%[[DY]], %[[DH]] : tensor<2x4xf32>, tensor<2x4xf32>)
// CHECK: arith.select %[[LAST]], %{{.*}}, %{{.*}} : f32
// CHECK: %[[CELL:.*]]:5 = linalg.generic {{.*}} outs(%[[DC]], %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} :
// CHECK: tensor.insert_slice %[[CELL]]#1 into %[[DG]][0, %{{.*}}, 0] [2, 1, 4]
// CHECK: tensor.insert_slice %[[CELL]]#4 into %{{.*}}[0, %{{.*}}, 12] [2, 1, 4]
// CHECK: %[[CLR:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[DH]] : tensor<2x4xf32>)
// CHECK: %[[DHP:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %[[RK]] : tensor<2x16xf32>, tensor<4x16xf32>) outs(%[[CLR]] : tensor<2x4xf32>)
// CHECK: scf.yield %[[DHP]], %[[CELL]]#0,
// CHECK: %[[G:.*]] = tensor.collapse_shape %[[BWD]]#2 {{\[}}[0, 1], [2]] : tensor<2x5x16xf32> into tensor<10x16xf32>
// CHECK: %[[DXM:.*]] = linalg.matmul_transpose_b ins(%[[G]], %[[K]] : tensor<10x16xf32>, tensor<3x16xf32>)
// CHECK: %[[DX:.*]] = tensor.expand_shape %[[DXM]]
// CHECK: %[[XF:.*]] = tensor.collapse_shape %[[X]]
// CHECK: %[[DK:.*]] = linalg.matmul_transpose_a ins(%[[XF]], %[[G]] : tensor<10x3xf32>, tensor<10x16xf32>)
// CHECK: %[[HPF:.*]] = tensor.collapse_shape %[[FWD]]#3
// CHECK: %[[DRK:.*]] = linalg.matmul_transpose_a ins(%[[HPF]], %[[G]] : tensor<10x4xf32>, tensor<10x16xf32>)
// CHECK: %[[DB:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]} ins(%[[G]] : tensor<10x16xf32>)
// CHECK: return %[[DX]], %[[DK]], %[[DRK]], %[[DB]]
func.func @lstm_grad(%dh: tensor<2x4xf32>, %x: tensor<2x5x3xf32>, %k: tensor<3x16xf32>, %rk: tensor<4x16xf32>, %b: tensor<16xf32>) -> (tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) {
  %0:4 = dlc.lstm_grad %dh, %x, %k, %rk, %b : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>) -> tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<2x5x3xf32>, tensor<3x16xf32>, tensor<4x16xf32>, tensor<16xf32>
}

// With return_sequences, step t adds dy[:, t].
// CHECK-LABEL: func.func @simple_rnn_grad
// CHECK-SAME: (%[[DY:.*]]: tensor<2x5x6xf32>
// CHECK: scf.for
// CHECK: scf.for %[[S:.*]] = {{.*}} iter_args(%[[DH:.*]] = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}})
// CHECK: %[[STEP:.*]] = arith.subi %{{.*}}, %[[S]] : index
// CHECK: %[[G:.*]] = tensor.extract_slice %[[DY]][0, %[[STEP]], 0] [2, 1, 6] [1, 1, 1] : tensor<2x5x6xf32> to tensor<2x6xf32>
// CHECK: linalg.generic {{.*}} ins(%[[DH]], %[[G]] : tensor<2x6xf32>, tensor<2x6xf32>)
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}} : tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>
func.func @simple_rnn_grad(%dy: tensor<2x5x6xf32>, %x: tensor<2x5x3xf32>, %k: tensor<3x6xf32>, %rk: tensor<6x6xf32>) -> (tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>) {
  %0:3 = dlc.simple_rnn_grad %dy, %x, %k, %rk {return_sequences = true} : (tensor<2x5x6xf32>, tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>) -> tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>
  return %0#0, %0#1, %0#2 : tensor<2x5x3xf32>, tensor<3x6xf32>, tensor<6x6xf32>
}

// GRU with reset_after: the reverse loop also keeps the gradient of
// h · Uk + rb, which gives the recurrent kernel and the bias' second row.
// CHECK-LABEL: func.func @gru_grad
// CHECK: scf.for {{.*}} -> (tensor<2x4xf32>, tensor<2x5x12xf32>, tensor<2x5x4xf32>, tensor<2x5x4xf32>)
// CHECK: %[[BWD:.*]]:3 = scf.for {{.*}} -> (tensor<2x4xf32>, tensor<2x5x12xf32>, tensor<2x5x12xf32>)
// CHECK: linalg.matmul_transpose_b ins(%{{.*}}, %{{.*}} : tensor<2x12xf32>, tensor<4x12xf32>)
// CHECK: %[[INNER:.*]] = tensor.collapse_shape %[[BWD]]#2
// CHECK: linalg.matmul_transpose_a ins(%{{.*}}, %[[INNER]] : tensor<10x4xf32>, tensor<10x12xf32>)
// CHECK: %[[DB:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[1, 0] [1, 12] [1, 1] : tensor<12xf32> into tensor<2x12xf32>
// CHECK: return %{{.*}}, %{{.*}}, %{{.*}}, %[[DB]]
func.func @gru_grad(%dh: tensor<2x4xf32>, %x: tensor<2x5x3xf32>, %k: tensor<3x12xf32>, %rk: tensor<4x12xf32>, %b: tensor<2x12xf32>) -> (tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) {
  %0:4 = dlc.gru_grad %dh, %x, %k, %rk, %b {reset_after = true} : (tensor<2x4xf32>, tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>) -> tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>
  return %0#0, %0#1, %0#2, %0#3 : tensor<2x5x3xf32>, tensor<3x12xf32>, tensor<4x12xf32>, tensor<2x12xf32>
}
