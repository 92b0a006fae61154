// convert-dlc-to-linalg: activations, their gradients, softmax (max, exp, sum, divide), softmax_grad, add and dropout (Philox4x32-10 in arith) are linalg.generics.
// RUN: dlc-opt %s -convert-dlc-to-linalg | FileCheck %s
// RUN: dlc-opt %s -convert-dlc-to-linalg=run-seed=4294967298 | FileCheck %s --check-prefix=SEED
// RUN: dlc-opt %s -convert-dlc-to-linalg=seed-symbol=dlc_run_seed | FileCheck %s --check-prefix=SYMBOL

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>

// linear is the identity; the hard_sigmoid derivative is 0.2 inside (-2.5, 2.5).
// CHECK-LABEL: func.func @acts
// CHECK-SAME: (%[[X:.*]]: tensor<4x10xf32>, %[[DY:.*]]: tensor<4x10xf32>)
// CHECK: %[[T:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<4x10xf32>)
// CHECK: math.tanh
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[DY]] : tensor<4x10xf32>, tensor<4x10xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[IND:.*]]: f32, %{{.*}}: f32):
// CHECK: arith.constant -2.500000e+00 : f32
// CHECK: arith.constant 2.500000e+00 : f32
// CHECK: %[[S:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK: arith.mulf %[[IND]], %[[S]] : f32
// CHECK: return %[[T]], %[[X]], %[[G]]
func.func @acts(%x: tensor<4x10xf32>, %dy: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<4x10xf32>, tensor<4x10xf32>) {
  %a = dlc.activation tanh(%x) : tensor<4x10xf32>
  %l = dlc.activation linear(%x) : tensor<4x10xf32>
  %g = dlc.activation_grad hard_sigmoid(%x, %dy) : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  return %a, %l, %g : tensor<4x10xf32>, tensor<4x10xf32>, tensor<4x10xf32>
}

// CHECK-LABEL: func.func @activation_kinds
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: math.expm1
// CHECK: arith.constant 6.000000e+00 : f32
// CHECK: arith.minimumf
func.func @activation_kinds(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) {
  %r = dlc.activation relu(%x) : tensor<3xf32>
  %s = dlc.activation sigmoid(%x) : tensor<3xf32>
  %e = dlc.activation elu(%x) {alpha = 5.0e-01 : f64} : tensor<3xf32>
  %h = dlc.activation hard_sigmoid6(%x) : tensor<3xf32>
  return %r, %s, %e, %h : tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
}

// CHECK-LABEL: func.func @softmax
// CHECK-SAME: (%[[X:.*]]: tensor<4x10xf32>, %[[DY:.*]]: tensor<4x10xf32>)
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MI:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<4x10xf32>) outs(%[[MI]] : tensor<4xf32>)
// CHECK: arith.maximumf
// CHECK: %[[MB:.*]] = linalg.broadcast ins(%[[MAX]] : tensor<4xf32>) outs(%{{.*}} : tensor<4x10xf32>) dimensions = [1]
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%[[X]], %[[MB]] : tensor<4x10xf32>, tensor<4x10xf32>)
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[E]] : tensor<4x10xf32>)
// CHECK: %[[SB:.*]] = linalg.broadcast ins(%[[SUM]] : tensor<4xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[E]], %[[SB]] : tensor<4x10xf32>, tensor<4x10xf32>)
// CHECK: arith.divf
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[DY]] : tensor<4x10xf32>, tensor<4x10xf32>)
// CHECK: arith.mulf
// CHECK: %[[PS:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[P]] : tensor<4x10xf32>)
// CHECK: %[[PB:.*]] = linalg.broadcast ins(%[[PS]] : tensor<4xf32>)
// CHECK: %[[DX:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[DY]], %[[PB]] : tensor<4x10xf32>, tensor<4x10xf32>, tensor<4x10xf32>)
// CHECK: ^bb0(%[[YV:.*]]: f32, %[[DV:.*]]: f32, %[[SV:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[D:.*]] = arith.subf %[[DV]], %[[SV]] : f32
// CHECK: arith.mulf %[[YV]], %[[D]] : f32
// CHECK: return %[[Y]], %[[DX]]
func.func @softmax(%x: tensor<4x10xf32>, %dy: tensor<4x10xf32>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %y = dlc.softmax %x : tensor<4x10xf32>
  %dx = dlc.softmax_grad %y, %dy : (tensor<4x10xf32>, tensor<4x10xf32>) -> tensor<4x10xf32>
  return %y, %dx : tensor<4x10xf32>, tensor<4x10xf32>
}

// Softmax along a middle axis reduces that axis only.
// CHECK-LABEL: func.func @softmax_axis1
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: linalg.broadcast ins(%{{.*}} : tensor<2x4xf32>) outs(%{{.*}} : tensor<2x3x4xf32>) dimensions = [1]
func.func @softmax_axis1(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %y = dlc.softmax %x {axis = 1 : i64} : tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// Without a step dropout is the identity. With one, element i's mask word is
// word 0 of Philox4x32-10 with counter (i lo, i hi, step, 0x20000000 | seed)
// and key (run seed lo, hi); kept iff float(word >> 8) * 2^-24 >= rate (as a
// double), kept values divided by float(1 - rate).
// CHECK-LABEL: func.func @dropout
// CHECK-SAME: (%[[X:.*]]: tensor<4x10xf32>, %[[STEP:.*]]: tensor<i64>)
// CHECK: %[[S64:.*]] = tensor.extract %[[STEP]][] : tensor<i64>
// CHECK: %[[S32:.*]] = arith.trunci %[[S64]] : i64 to i32
// CHECK: %[[K0:.*]] = arith.constant 0 : i32
// CHECK: %[[K1:.*]] = arith.constant 0 : i32
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x10xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
// CHECK: linalg.index 0
// CHECK: linalg.index 1
// CHECK: %[[LO:.*]] = arith.trunci %[[IDX:.*]] : i64 to i32
// CHECK: arith.shrui %[[IDX]]
// CHECK: %[[HI:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK: %[[ID:.*]] = arith.constant 536870915 : i32
// CHECK: %[[M0:.*]] = arith.constant -766435501 : i32
// CHECK: %[[M1:.*]] = arith.constant -845247145 : i32
// CHECK: %[[L0:.*]], %[[H0:.*]] = arith.mului_extended %[[M0]], %[[LO]] : i32
// CHECK: %[[L1:.*]], %[[H1:.*]] = arith.mului_extended %[[M1]], %[[S32]] : i32
// CHECK: %[[A:.*]] = arith.xori %[[H1]], %[[HI]] : i32
// CHECK: arith.xori %[[A]], %[[K0]] : i32
// CHECK: %[[B:.*]] = arith.xori %[[H0]], %[[ID]] : i32
// CHECK: arith.xori %[[B]], %[[K1]] : i32
// The key schedule is folded: round 2's key is (seed lo + 0x9E3779B9, seed hi + 0xBB67AE85).
// CHECK: arith.constant -1640531527 : i32
// CHECK: arith.constant -1150833019 : i32
// CHECK-COUNT-8: arith.mului_extended %[[M0]]
// CHECK: %[[SH:.*]] = arith.constant 8 : i32
// CHECK: %[[TOP:.*]] = arith.shrui %{{.*}}, %[[SH]] : i32
// CHECK: %[[U:.*]] = arith.uitofp %[[TOP]] : i32 to f32
// CHECK: %[[U2:.*]] = arith.mulf %[[U]], %{{.*}} : f32
// CHECK: %[[UD:.*]] = arith.extf %[[U2]] : f32 to f64
// CHECK: %[[RATE:.*]] = arith.constant 2.500000e-01 : f64
// CHECK: %[[KEEP:.*]] = arith.cmpf oge, %[[UD]], %[[RATE]] : f64
// CHECK: %[[KP:.*]] = arith.constant 7.500000e-01 : f32
// CHECK: %[[SC:.*]] = arith.divf %[[IN]], %[[KP]] : f32
// CHECK: arith.select %[[KEEP]], %[[SC]], %{{.*}} : f32
// CHECK: return %[[X]], %[[Y]]
// SEED-LABEL: func.func @dropout
// The key words of seed 2^32 + 2: (2, 1).
// SEED: arith.constant 2 : i32
// SEED: arith.constant 1 : i32
// With seed-symbol the key is read at run time from a mutable global (the
// cpu target's native code; the runtime sets it to the run's --seed).
// SYMBOL: memref.global "public" @dlc_run_seed : memref<i64> = dense<0>
// SYMBOL-LABEL: func.func @dropout
// SYMBOL: %[[G:.*]] = memref.get_global @dlc_run_seed : memref<i64>
// SYMBOL: %[[KEY:.*]] = memref.load %[[G]]{{\[\]}} : memref<i64>
// SYMBOL: %[[K0:.*]] = arith.trunci %[[KEY]] : i64 to i32
// SYMBOL: %[[C32:.*]] = arith.constant 32 : i64
// SYMBOL: %[[SH:.*]] = arith.shrui %[[KEY]], %[[C32]] : i64
// SYMBOL: %[[K1:.*]] = arith.trunci %[[SH]] : i64 to i32
// SYMBOL: linalg.generic
// SYMBOL: arith.xori %{{.*}}, %[[K0]] : i32
// SYMBOL: arith.xori %{{.*}}, %[[K1]] : i32
// SYMBOL: arith.addi %[[K0]], %{{.*}} : i32
// SYMBOL: arith.addi %[[K1]], %{{.*}} : i32
func.func @dropout(%x: tensor<4x10xf32>, %s: tensor<i64>) -> (tensor<4x10xf32>, tensor<4x10xf32>) {
  %a = dlc.dropout %x {rate = 2.5e-01 : f64, seed = 3 : i64} : tensor<4x10xf32>
  %b = dlc.dropout %x step %s {rate = 2.5e-01 : f64, seed = 3 : i64} : tensor<4x10xf32>
  return %a, %b : tensor<4x10xf32>, tensor<4x10xf32>
}

// CHECK-LABEL: func.func @add
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<2x3xf32>, %[[C:.*]]: tensor<2x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[A]], %[[B]], %[[C]] : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f32, %[[Z:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[S:.*]] = arith.addf %[[X]], %[[Y]] : f32
// CHECK: arith.addf %[[S]], %[[Z]] : f32
func.func @add(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %s = dlc.add %a, %b, %c : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}
