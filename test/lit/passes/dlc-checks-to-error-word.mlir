// dlc-checks-to-error-word: each cf.assert becomes an atomic max of its message's code into the error word; codes follow the first appearance of each message and are listed in dlc.error_messages; the global is declared when missing and reused when present.
// RUN: dlc-opt %s -split-input-file -dlc-checks-to-error-word | FileCheck %s
// RUN: dlc-opt %s -split-input-file -dlc-checks-to-error-word=symbol=err -verify-diagnostics

// CHECK: module attributes {dlc.error_messages = ["a: out of range", "b: bad label"]}
// CHECK: memref.global @dlc_error : memref<i32> = dense<0>
// CHECK-LABEL: func.func @checks(
// CHECK-SAME: %[[X:.*]]: i1, %[[Y:.*]]: i1
// CHECK-NOT: cf.assert
// CHECK: %[[BAD:.*]] = arith.xori %[[X]], %{{.*}} : i1
// CHECK: scf.if %[[BAD]] {
// CHECK: %[[W:.*]] = memref.get_global @dlc_error : memref<i32>
// CHECK: %[[C1:.*]] = arith.constant 1 : i32
// CHECK: memref.atomic_rmw maxs %[[C1]], %[[W]][] : (i32, memref<i32>) -> i32
// CHECK: arith.constant 2 : i32
// The same message, the same code.
// CHECK: arith.constant 1 : i32
func.func @checks(%x: i1, %y: i1) {
  cf.assert %x, "a: out of range"
  cf.assert %y, "b: bad label"
  cf.assert %y, "a: out of range"
  return
}

// -----

// An existing word of another type is an error.
// expected-error @+1 {{dlc-checks-to-error-word: @err must be a memref<i32>, not 'memref<i64>'}}
memref.global @err : memref<i64> = dense<0>
func.func @other(%x: i1) {
  cf.assert %x, "c"
  return
}
