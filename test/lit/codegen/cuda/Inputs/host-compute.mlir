// Host code that computes on data, which the checker must refuse.
func.func @f(%a: f32) {
  %0 = arith.addf %a, %a : f32
  return
}
