#!/usr/bin/env python3
"""Prints the op keys of a CUDA bundle's train_step (CUDA ABI 3): one line per
kernel that carries one ("kernel NAME: KEY", in kernel order), then one per
library call ("call LAYER NAME: KEY", with its fallback's step count)."""
import os
import sys

# The GPU kit's bundle reader (runtime-only, Python's standard library).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "..", "tools", "gpu"))
from gradients import bundle_manifest  # noqa: E402

m = bundle_manifest(sys.argv[1])
for k in m["cuda"]["kernels"]:
    if k.get("key") and k["name"].startswith("train_step_"):
        print("kernel %s: %s" % (k["name"], k["key"]))
for s in m["functions"]["train_step"]["steps"]:
    if s["kind"] != "library":
        continue
    c = s["call"]
    fallback = " (%d fallback steps)" % len(s["fallback"]) if "fallback" in s else ""
    print("call %s %s: %s%s" % (c["layer"], c["name"], c.get("key", ""), fallback))
