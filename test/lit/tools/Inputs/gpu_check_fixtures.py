#!/usr/bin/env python3
"""Hand-made inputs for the GPU check's tools (tools/gpu/gradients.py,
perturb.py, report.py): a bundle container holding only a manifest, states
before and after one step whose gradients are known, a checkpoint, and loss
logs. Usage: gpu_check_fixtures.py OUT_DIR"""
import json
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "tools", "gpu"))
import array  # noqa: E402
from gradients import write_npz  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def bundle(path, optimizer, slots):
    tensors = [{"name": "w", "dtype": "f32", "shape": [4], "region": "state", "offset": 0,
                "role": "param"}]
    for i, s in enumerate(slots):
        tensors.append({"name": "w/" + s, "dtype": "f32", "shape": [4], "region": "state",
                        "offset": 64 * (i + 1), "role": "slot"})
    manifest = json.dumps({"target": "cuda-ptx", "tensors": tensors,
                           "training": {"optimizer": optimizer}}).encode()
    # abi/BundleFormat.h: header, one section entry, the section at 128.
    head = b"DLCBNDL\0" + struct.pack("<IIQ", 1, 1, 128 + len(manifest))
    entry = struct.pack("<24sQQII", b"manifest", 128, len(manifest), zlib.crc32(manifest), 0)
    open(path, "wb").write((head + entry).ljust(128, b"\0") + manifest)


def f32(values):
    return ((len(values),), array.array("f", values))


# g = [0.1, -0.2, 0, 0.4]; RMSprop (rho 0.9): a1 = 0.1 g^2, w moves against g.
w0 = [1.0, 2.0, 3.0, 0.5]
bundle(os.path.join(out, "rmsprop.dlcb"),
       {"class_name": "RMSprop", "config": {"lr": 0.001, "rho": 0.9}}, ["accumulator"])
write_npz(os.path.join(out, "rms0.npz"), {"w": f32(w0), "w/accumulator": f32([0, 0, 0, 0])})
write_npz(os.path.join(out, "rms1.npz"),
          {"w": f32([0.99, 2.01, 3.0, 0.49]), "w/accumulator": f32([0.001, 0.004, 0.0, 0.016])})
# The same step on a target whose gradient differs by 3e-5 in one element
# (7.5e-5 of max |g| = 0.4): within; and by 1e-4 (2.5e-4): over.
write_npz(os.path.join(out, "near1.npz"),
          {"w": f32([0.99, 2.01, 3.0, 0.49]),
           "w/accumulator": f32([0.1 * 0.10003 ** 2, 0.004, 0.0, 0.016])})
write_npz(os.path.join(out, "far1.npz"),
          {"w": f32([0.99, 2.01, 3.0, 0.49]),
           "w/accumulator": f32([0.1 * 0.1001 ** 2, 0.004, 0.0, 0.016])})
# Adam (beta_1 0.9): m1 = 0.1 g.
bundle(os.path.join(out, "adam.dlcb"),
       {"class_name": "Adam", "config": {"lr": 0.001, "beta_1": 0.9}}, ["m", "v"])
write_npz(os.path.join(out, "adam0.npz"), {"w": f32(w0), "w/m": f32([0] * 4), "w/v": f32([0] * 4)})
write_npz(os.path.join(out, "adam1.npz"),
          {"w": f32([0.999, 2.001, 3.0, 0.499]), "w/m": f32([0.01, -0.02, 0.0, 0.04]),
           "w/v": f32([0] * 4)})

# A checkpoint (runtime/train/Checkpoint.h) whose state is the RMSprop
# bundle's: w = [1, 2, 3, 0.5] at 0, the accumulator at 64.
state = bytearray(128)
struct.pack_into("<4f", state, 0, *w0)
struct.pack_into("<4f", state, 64, 0.25, 0.25, 0.25, 0.25)
meta = b'{"task": "fixture"}'
body = b"DLCCKPT\0" + struct.pack("<IIQQ", 1, len(meta), len(state), 0) + meta
body = body.ljust(64 * ((len(body) + 63) // 64), b"\0") + bytes(state)
size = len(body) + 4
body = body[:24] + struct.pack("<Q", size) + body[32:]
open(os.path.join(out, "state.ckpt"), "wb").write(body + struct.pack("<I", zlib.crc32(body)))

# Loss logs of 4 steps: cpu-ref, its one-ulp run (spread 0, then 1e-3) and
# two targets: within max(10 x spread, 1e-4 x loss), and over at step 4.
def log(name, losses):
    with open(os.path.join(out, name), "w") as f:
        for i, l in enumerate(losses):
            f.write(json.dumps({"epoch": i + 1, "loss": l}) + "\n")


log("ref.jsonl", [2.0, 1.5, 1.0, 0.8])
log("ulp.jsonl", [2.0, 1.5, 1.001, 0.8])
log("good.jsonl", [2.0001, 1.5001, 1.009, 0.809])
log("bad.jsonl", [2.0001, 1.5001, 1.009, 0.82])
