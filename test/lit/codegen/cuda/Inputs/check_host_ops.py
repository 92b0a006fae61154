#!/usr/bin/env python3
"""Lists the ops a cuda-ptx module leaves on the host (outside gpu.module) and
fails on any that computes on data: what may stay is buffers and views
(memref.alloc, subview, reshapes), loops with static bounds and index
arithmetic (evaluated at compile time into the launch list), constants and
kernel launches. Reads `dlc compile --target=cuda-ptx --emit=kernels` output on
stdin; prints "host ops: N launches, ..." or the offending lines."""
import re
import sys

ALLOWED = {
    "memref.global", "func.func", "func.return", "arith.constant", "memref.alloc",
    "memref.dealloc", "memref.subview", "memref.collapse_shape", "memref.expand_shape",
    "memref.reinterpret_cast", "memref.cast", "scf.for", "scf.yield", "gpu.launch_func",
}
# Index arithmetic of loop offsets (go_backwards time steps and the like).
INDEX_ARITH = re.compile(r"arith\.(addi|subi|muli|divui|divsi|remui|remsi|floordivsi|ceildivsi|minsi|maxsi|minui|maxui|cmpi|select|index_cast)\b")

bad, launches, functions = [], 0, 0
in_kernels, depth = False, 0
for number, line in enumerate(sys.stdin, 1):
    s = line.strip()
    if s.startswith("gpu.module"):
        in_kernels, depth = True, 0
    if in_kernels:
        depth += line.count("{") - line.count("}")
        if depth <= 0 and not s.startswith("gpu.module"):
            in_kernels = False
        continue
    m = re.match(r'(?:%[\w:#, ]+= )?"?([a-z_]+\.[a-z_.]+)', s)
    if not m:
        continue
    op = m.group(1)
    functions += op == "func.func"
    launches += op == "gpu.launch_func"
    if op in ALLOWED:
        continue
    if INDEX_ARITH.match(op + " ") and re.search(r":\s*index\b", s):
        continue
    bad.append("line %d: %s" % (number, s[:200]))

if bad:
    print("host compute left in the cuda-ptx host code:")
    print("\n".join(bad))
    sys.exit(1)
print("host ops: %d functions, %d launches, nothing else but buffers, views and loops"
      % (functions, launches))
