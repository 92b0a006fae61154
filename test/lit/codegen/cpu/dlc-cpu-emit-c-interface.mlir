// dlc-cpu-emit-c-interface marks the three entry functions for the C interface and drops their dlc.* attributes; other functions are left alone.
// RUN: dlc-opt %s -dlc-cpu-emit-c-interface | FileCheck %s

// CHECK-LABEL: func.func @predict(
// CHECK-SAME: %{{.*}}: memref<2x3xf32>)
// CHECK-SAME: attributes {llvm.emit_c_interface}
// CHECK-LABEL: func.func @helper(
// CHECK-SAME: {dlc.input = "x"}
// CHECK-NOT: llvm.emit_c_interface
func.func @predict(%x: memref<2x3xf32> {dlc.input = "x"}) { return }
func.func @helper(%x: memref<2x3xf32> {dlc.input = "x"}) { return }
