// convert-dlc-to-linalg: cross-entropy (row sums, clipped log, batch mean), its gradient, accuracy (first-maximum argmax) and the optimizer updates (one element-wise generic writing over parameter and slots).
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[V:.*]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0) -> ()>

// CHECK-LABEL: func.func @loss
// CHECK-SAME: (%[[P:.*]]: tensor<4x3xf32>, %[[T:.*]]: tensor<4x3xf32>, %[[L:.*]]: tensor<4xi32>)
// CHECK: %[[SUMS:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[P]] : tensor<4x3xf32>)
// CHECK: %[[ROWS:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[P]], %[[T]], %[[SUMS]] : tensor<4x3xf32>, tensor<4x3xf32>, tensor<4xf32>)
// CHECK: ^bb0(%[[PV:.*]]: f32, %[[TV:.*]]: f32, %[[SV:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK: %[[Q:.*]] = arith.divf %[[PV]], %[[SV]] : f32
// CHECK: arith.maximumf %[[Q]], %{{.*}} : f32
// CHECK: arith.minimumf
// CHECK: %[[LOG:.*]] = math.log
// CHECK: %[[TERM:.*]] = arith.mulf %[[TV]], %[[LOG]] : f32
// CHECK: %[[NZ:.*]] = arith.cmpf une, %[[TV]], %{{.*}} : f32
// CHECK: %[[NEXT:.*]] = arith.subf %[[ACC]], %[[TERM]] : f32
// CHECK: arith.select %[[NZ]], %[[NEXT]], %[[ACC]] : f32
// CHECK: %[[TOT:.*]] = linalg.generic {indexing_maps = [#[[V]], #[[ALL]]], iterator_types = ["reduction"]} ins(%[[ROWS]] : tensor<4xf32>)
// CHECK: %[[LOSS:.*]] = linalg.generic {{.*}} ins(%[[TOT]] : tensor<f32>)
// CHECK: arith.constant 4.000000e+00 : f32
// Sparse labels: the target is (class == label); zero where the clip binds.
// CHECK: %[[DP:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[P]], %[[L]], %{{.*}} : tensor<4x3xf32>, tensor<4xi32>, tensor<4xf32>)
// CHECK: cf.assert %{{.*}}, "dlc.categorical_crossentropy: label outside [0, 3)"
// CHECK: linalg.index 1
// CHECK: arith.cmpi eq
// CHECK: arith.cmpf ole
// CHECK: arith.cmpf oge
// CHECK: arith.constant 2.500000e-01 : f32
// CHECK: arith.negf
// Accuracy: argmax of both rows (larger value, then smaller index), count equal.
// CHECK: %[[AP:.*]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[P]] : tensor<4x3xf32>)
// CHECK: arith.cmpf ogt
// CHECK: arith.cmpf oeq
// CHECK: arith.cmpi slt
// CHECK: %[[AT:.*]]:2 = linalg.generic {{.*}} ins(%[[T]] : tensor<4x3xf32>)
// CHECK: %[[C:.*]] = linalg.generic {indexing_maps = [#[[V]], #[[V]], #[[ALL]]], iterator_types = ["reduction"]} ins(%[[AP]]#1, %[[AT]]#1 : tensor<4xi64>, tensor<4xi64>)
// CHECK: arith.extui
// CHECK: %[[AP2:.*]]:2 = linalg.generic {{.*}} ins(%[[P]] : tensor<4x3xf32>)
// CHECK: %[[C2:.*]] = linalg.generic {{.*}} ins(%[[AP2]]#1, %[[L]] : tensor<4xi64>, tensor<4xi32>)
// CHECK: cf.assert %{{.*}}, "dlc.accuracy: label outside [0, 3)"
// CHECK: arith.extsi
// CHECK: return %[[LOSS]], %[[DP]], %[[C]], %[[C2]]
func.func @loss(%p: tensor<4x3xf32>, %t: tensor<4x3xf32>, %l: tensor<4xi32>) -> (tensor<f32>, tensor<4x3xf32>, tensor<i64>, tensor<i64>) {
  %loss = dlc.categorical_crossentropy %p, %t : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<f32>
  %dp = dlc.categorical_crossentropy_grad %p, %l : (tensor<4x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  %c = dlc.accuracy %p, %t : (tensor<4x3xf32>, tensor<4x3xf32>) -> tensor<i64>
  %c2 = dlc.accuracy %p, %l : (tensor<4x3xf32>, tensor<4xi32>) -> tensor<i64>
  return %loss, %dp, %c, %c2 : tensor<f32>, tensor<4x3xf32>, tensor<i64>, tensor<i64>
}

// lr_t = lr * (1 / (1 + decay * iterations)) is a scalar computed once.
// CHECK-LABEL: func.func @sgd
// CHECK-SAME: (%[[P:.*]]: tensor<10xf32>, %[[G:.*]]: tensor<10xf32>, %[[M:.*]]: tensor<10xf32>, %[[IT:.*]]: tensor<i64>)
// CHECK: %[[I:.*]] = tensor.extract %[[IT]][] : tensor<i64>
// CHECK: %[[IF:.*]] = arith.sitofp %[[I]] : i64 to f32
// CHECK: %[[DEC:.*]] = arith.constant 5.000000e-01 : f32
// CHECK: arith.mulf %[[DEC]], %[[IF]] : f32
// CHECK: %[[LR:.*]] = arith.mulf
// The update reads param and slots through its inits (in place), the
// gradient as its one input.
// CHECK: %[[R:.*]]:2 = linalg.generic {indexing_maps = [#[[V]], #[[V]], #[[V]]], iterator_types = ["parallel"]} ins(%[[G]] : tensor<10xf32>) outs(%[[P]], %[[M]] : tensor<10xf32>, tensor<10xf32>)
// CHECK: ^bb0(%[[GV:.*]]: f32, %[[PV:.*]]: f32, %[[MV:.*]]: f32):
// CHECK: %[[MU:.*]] = arith.constant 0.899999976 : f32
// CHECK: %[[LG:.*]] = arith.mulf %[[LR]], %[[GV]] : f32
// CHECK: %[[MM:.*]] = arith.mulf %[[MU]], %[[MV]] : f32
// CHECK: %[[VEL:.*]] = arith.subf %[[MM]], %[[LG]] : f32
// Nesterov: param + momentum * v - lr_t * grad.
// CHECK: %[[MVEL:.*]] = arith.mulf %[[MU]], %[[VEL]] : f32
// CHECK: %[[PA:.*]] = arith.addf %[[PV]], %[[MVEL]] : f32
// CHECK: %[[PN:.*]] = arith.subf %[[PA]], %[[LG]] : f32
// CHECK: linalg.yield %[[PN]], %[[VEL]] : f32, f32
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @sgd(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %it: tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>) {
  %p2, %m2 = dlc.sgd_update %p, %g, %m, %it {lr = 1.0e-02 : f64, momentum = 9.0e-01 : f64, decay = 5.0e-01 : f64, nesterov = true} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
  return %p2, %m2 : tensor<10xf32>, tensor<10xf32>
}

// CHECK-LABEL: func.func @rmsprop
// CHECK-SAME: (%[[P:.*]]: tensor<10xf32>, %[[G:.*]]: tensor<10xf32>, %[[A:.*]]: tensor<10xf32>, %{{.*}}: tensor<i64>)
// CHECK: linalg.generic {{.*}} ins(%[[G]] : {{.*}}) outs(%[[P]], %[[A]] : tensor<10xf32>, tensor<10xf32>)
// CHECK: arith.constant 9.99999993E-9 : f32
// CHECK: math.sqrt
func.func @rmsprop(%p: tensor<10xf32>, %g: tensor<10xf32>, %a: tensor<10xf32>, %it: tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>) {
  %p2, %a2 = dlc.rmsprop_update %p, %g, %a, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-08 : f64} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>)
  return %p2, %a2 : tensor<10xf32>, tensor<10xf32>
}

// CHECK-LABEL: func.func @adadelta
// CHECK-SAME: (%[[P:.*]]: tensor<10xf32>, %[[G:.*]]: tensor<10xf32>, %[[A:.*]]: tensor<10xf32>, %[[D:.*]]: tensor<10xf32>, %{{.*}}: tensor<i64>)
// CHECK: linalg.generic {{.*}} ins(%[[G]] : {{.*}}) outs(%[[P]], %[[A]], %[[D]] : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
// CHECK-COUNT-2: math.sqrt
func.func @adadelta(%p: tensor<10xf32>, %g: tensor<10xf32>, %a: tensor<10xf32>, %d: tensor<10xf32>, %it: tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>) {
  %p2, %a2, %d2 = dlc.adadelta_update %p, %g, %a, %d, %it {lr = 1.0 : f64, rho = 9.5e-01 : f64, epsilon = 1.0e-08 : f64} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
  return %p2, %a2, %d2 : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>
}

// Adam's bias correction lr_t * sqrt(1 - beta_2^t) / (1 - beta_1^t), t = iterations + 1, is scalar.
// CHECK-LABEL: func.func @adam
// CHECK-SAME: (%[[P:.*]]: tensor<10xf32>, %[[G:.*]]: tensor<10xf32>, %[[M:.*]]: tensor<10xf32>, %[[V:.*]]: tensor<10xf32>, %{{.*}}: tensor<i64>)
// CHECK: math.powf
// CHECK: math.powf
// CHECK: math.sqrt
// CHECK: %[[LRA:.*]] = arith.mulf
// CHECK: linalg.generic {{.*}} ins(%[[G]] : {{.*}}) outs(%[[P]], %[[M]], %[[V]] : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
// CHECK: arith.mulf %[[LRA]]
func.func @adam(%p: tensor<10xf32>, %g: tensor<10xf32>, %m: tensor<10xf32>, %v: tensor<10xf32>, %it: tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>) {
  %p2, %m2, %v2 = dlc.adam_update %p, %g, %m, %v, %it {lr = 1.0e-03 : f64, beta_1 = 9.0e-01 : f64, beta_2 = 9.99e-01 : f64, epsilon = 1.0e-08 : f64} : (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<10xf32>, tensor<i64>) -> (tensor<10xf32>, tensor<10xf32>, tensor<10xf32>)
  return %p2, %m2, %v2 : tensor<10xf32>, tensor<10xf32>, tensor<10xf32>
}

// dlc.fused_optimizer_update: one scf.forall over min(64, largest) chunks;
// iteration c updates elements [c*s, min((c+1)*s, n)) of each parameter and
// its slots (as 1-D), s = ceil(n / chunks), in parallel_insert_slices.
// CHECK-LABEL: func.func @fused_update
// CHECK-SAME: (%[[W:.*]]: tensor<4x5xf32>, %[[GW:.*]]: tensor<4x5xf32>, %[[AW:.*]]: tensor<4x5xf32>, %[[B:.*]]: tensor<3xf32>, %[[GB:.*]]: tensor<3xf32>, %[[AB:.*]]: tensor<3xf32>, %{{.*}}: tensor<i64>)
// CHECK-DAG: %[[WF:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1]] : tensor<4x5xf32> into tensor<20xf32>
// CHECK-DAG: %[[AWF:.*]] = tensor.collapse_shape %[[AW]] {{\[\[}}0, 1]]
// CHECK-DAG: %[[GWF:.*]] = tensor.collapse_shape %[[GW]] {{\[\[}}0, 1]]
// CHECK: %[[R:.*]]:4 = scf.forall (%[[C:.*]]) in (20) shared_outs(%[[SW:.*]] = %[[WF]], %[[SAW:.*]] = %[[AWF]], %[[SB:.*]] = %[[B]], %[[SAB:.*]] = %[[AB]])
// CHECK: %[[OFF:.*]] = arith.minsi
// CHECK: %[[SIZE:.*]] = arith.minsi
// CHECK: %[[PW:.*]] = tensor.extract_slice %[[SW]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK: %[[PAW:.*]] = tensor.extract_slice %[[SAW]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK: %[[PGW:.*]] = tensor.extract_slice %[[GWF]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK: %[[UW:.*]]:2 = linalg.generic {{.*}} ins(%[[PGW]] : tensor<?xf32>) outs(%[[PW]], %[[PAW]] : tensor<?xf32>, tensor<?xf32>)
// CHECK: %[[UB:.*]]:2 = linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<?xf32>, tensor<?xf32>)
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[UW]]#0 into %[[SW]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK-NEXT: tensor.parallel_insert_slice %[[UW]]#1 into %[[SAW]][%[[OFF]]] [%[[SIZE]]] [1]
// CHECK-NEXT: tensor.parallel_insert_slice %[[UB]]#0 into %[[SB]]
// CHECK-NEXT: tensor.parallel_insert_slice %[[UB]]#1 into %[[SAB]]
// CHECK: %[[RW:.*]] = tensor.expand_shape %[[R]]#0 {{\[\[}}0, 1]] output_shape [4, 5] : tensor<20xf32> into tensor<4x5xf32>
// CHECK: %[[RAW:.*]] = tensor.expand_shape %[[R]]#1
// CHECK: return %[[RW]], %[[R]]#2, %[[RAW]], %[[R]]#3
func.func @fused_update(%w: tensor<4x5xf32>, %gw: tensor<4x5xf32>, %aw: tensor<4x5xf32>, %b: tensor<3xf32>, %gb: tensor<3xf32>, %ab: tensor<3xf32>, %it: tensor<i64>) -> (tensor<4x5xf32>, tensor<3xf32>, tensor<4x5xf32>, tensor<3xf32>) {
  %r:4 = dlc.fused_optimizer_update : tensor<4x5xf32>, tensor<4x5xf32>, tensor<3xf32>, tensor<3xf32> {
    %w2, %aw2 = dlc.rmsprop_update %w, %gw, %aw, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>, tensor<i64>) -> (tensor<4x5xf32>, tensor<4x5xf32>)
    %b2, %ab2 = dlc.rmsprop_update %b, %gb, %ab, %it {lr = 1.0e-03 : f64, rho = 9.0e-01 : f64, epsilon = 1.0e-07 : f64} : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<i64>) -> (tensor<3xf32>, tensor<3xf32>)
    dlc.yield %w2, %aw2, %b2, %ab2 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<3xf32>, tensor<3xf32>
  }
  return %r#0, %r#2, %r#1, %r#3 : tensor<4x5xf32>, tensor<3xf32>, tensor<4x5xf32>, tensor<3xf32>
}

// The counter plus one, computed over the counter itself (its init), so that it bufferizes in place.
// CHECK-LABEL: func.func @increment(
// CHECK-SAME: %[[IT:.*]]: tensor<i64>
// CHECK: %[[R:.*]] = linalg.generic {{.*}} outs(%[[IT]] : tensor<i64>)
// CHECK: ^bb0(%[[OLD:.*]]: i64):
// CHECK: %[[ONE:.*]] = arith.constant 1 : i64
// CHECK: %[[NEW:.*]] = arith.addi %[[OLD]], %[[ONE]] : i64
// CHECK: linalg.yield %[[NEW]]
// CHECK: return %[[R]]
func.func @increment(%it: tensor<i64>) -> tensor<i64> {
  %n = dlc.increment %it : tensor<i64>
  return %n : tensor<i64>
}
