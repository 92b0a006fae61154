// dlc-cpu-memref-copy-to-linalg turns memref.copy into linalg.copy (loops, not a call of MLIR's runner library).
// RUN: dlc-opt %s -dlc-cpu-memref-copy-to-linalg | FileCheck %s

// CHECK-LABEL: func.func @copy(
// CHECK-SAME: %[[A:.*]]: memref<8x4xf32>, %[[B:.*]]: memref<8x4xf32>
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[A]] : memref<8x4xf32>) outs(%[[B]] : memref<8x4xf32>)
func.func @copy(%a: memref<8x4xf32>, %b: memref<8x4xf32>) {
  memref.copy %a, %b : memref<8x4xf32> to memref<8x4xf32>
  return
}
