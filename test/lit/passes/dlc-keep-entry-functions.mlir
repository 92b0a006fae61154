// dlc-keep-entry-functions erases every function but @train_step, @eval_step and @predict.
// RUN: dlc-opt %s -dlc-keep-entry-functions | FileCheck %s

// CHECK-NOT: @forward
// CHECK-NOT: @helper
// CHECK-DAG: func.func @train_step
// CHECK-DAG: func.func @eval_step
// CHECK-DAG: func.func @predict
func.func @forward() { return }
func.func @helper() { return }
func.func @train_step() { return }
func.func @eval_step() { return }
func.func @predict() { return }
