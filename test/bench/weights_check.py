#!/usr/bin/env python3
"""Checks `dlc weights` and the switches that make one training step
reproducible elsewhere (`dlc train --no-dropout --no-shuffle`), with plain
Python (zipfile + struct, no numpy).

Part 1 (no data): the .npz of mnist_mlp's initial state has every state tensor
of the manifest, by name, with its shape and dtype; the bytes equal the
bundle's state section; biases and slots are zero, kernels inside the Glorot
limit; --params-only; another --seed gives other kernels; a bundle file
exports the same as the model file.
Part 2 (--data-dir with MNIST, else exit 77 after part 1): one step of
`dlc train --no-dropout --no-shuffle --steps-per-epoch 1` saved and exported:
iterations 1, RMSprop's first-step rule holds element-wise
(|Δw| = lr·|g|/(sqrt((1-rho)·g²)+eps) with g recovered from the accumulator
(1-rho)·g²), the run is deterministic, and it differs from the run with
dropout and from the shuffled run; a checkpoint of the no-dropout bundle is
refused for the model compiled with dropout."""
import argparse
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print(f"weights_check: FAIL: {msg}")


def run(cmd, ok=True):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if ok and p.returncode != 0:
        print(p.stdout)
        print(f"weights_check: FAIL: {' '.join(cmd)} exited {p.returncode}")
        sys.exit(1)
    return p


def read_npz(path):
    """name -> (descr, shape, raw bytes)."""
    out = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            assert info.compress_type == zipfile.ZIP_STORED, info.filename
            data = z.read(info.filename)  # checks the CRC
            assert data[:8] == b"\x93NUMPY\x01\x00", info.filename
            (hlen,) = struct.unpack("<H", data[8:10])
            assert (10 + hlen) % 64 == 0, f"{info.filename}: header not 64-aligned"
            header = eval(data[10:10 + hlen].decode("latin1"))  # a Python dict literal
            out[info.filename[:-4]] = (header["descr"], tuple(header["shape"]), data[10 + hlen:])
    return out


def floats(raw):
    return struct.unpack(f"<{len(raw) // 4}f", raw)


def manifest_of(bundle_path):
    data = open(bundle_path, "rb").read()
    i = data.find(b'{')
    m, _ = json.JSONDecoder().raw_decode(data[i:].decode("latin1"))
    return m, data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dlc", required=True)
    ap.add_argument("--models", required=True)
    ap.add_argument("--data-dir", required=True)
    a = ap.parse_args()
    model = os.path.join(a.models, "mnist_mlp.yaml")
    tmp = tempfile.mkdtemp(prefix="dlc-weights-")
    p = lambda name: os.path.join(tmp, name)

    # Part 1.
    run([a.dlc, "compile", model, "--target=cpu-ref", "--emit=bundle", "-o", p("b.dlcb")])
    run([a.dlc, "weights", model, "--out", p("w0.npz")])
    run([a.dlc, "weights", p("b.dlcb"), "--out", p("wb.npz")])
    run([a.dlc, "weights", model, "--params-only", "--out", p("wp.npz")])
    run([a.dlc, "weights", model, "--seed", "7", "--out", p("ws.npz")])
    m, bundle_bytes = manifest_of(p("b.dlcb"))
    w0 = read_npz(p("w0.npz"))
    state = [t for t in m["tensors"] if t["region"] == "state"]
    check([t["name"] for t in state] == list(w0), f"names {list(w0)} != manifest's")
    dt = {"f32": "<f4", "i64": "<i8", "i32": "<i4", "f64": "<f8"}
    for t in state:
        descr, shape, raw = w0[t["name"]]
        check(descr == dt[t["dtype"]] and shape == tuple(t["shape"]),
              f"{t['name']}: {descr} {shape} vs manifest {t['dtype']} {t['shape']}")
        n = math.prod(t["shape"]) * (8 if t["dtype"] in ("i64", "f64") else 4)
        check(len(raw) == n, f"{t['name']}: {len(raw)} bytes, expected {n}")
    # The bytes are the bundle's state section: find the concatenation there.
    image = bytearray(max(t["offset"] + len(w0[t["name"]][2]) for t in state))
    for t in state:
        image[t["offset"]:t["offset"] + len(w0[t["name"]][2])] = w0[t["name"]][2]
    check(bytes(image[:4096]) in bundle_bytes and bytes(image[-4096:]) in bundle_bytes,
          "the exported state is not the bundle's state section")
    check(read_npz(p("wb.npz")) == w0, "bundle file and model file export differently")
    wp = read_npz(p("wp.npz"))
    check(list(wp) == [t["name"] for t in state if t["role"] == "param"], f"--params-only: {list(wp)}")
    for name, (descr, shape, raw) in w0.items():
        if name == "iterations":
            check(struct.unpack("<q", raw)[0] == 0, "iterations != 0")
        elif "/accumulator" in name or name.endswith("/bias"):
            check(not any(floats(raw)), f"{name} not zero")
        else:  # Glorot uniform kernel
            limit = math.sqrt(6 / (shape[0] + shape[1]))
            v = floats(raw)
            check(max(map(abs, v)) <= limit and max(map(abs, v)) > 0.9 * limit,
                  f"{name}: max |w| {max(map(abs, v))} vs Glorot limit {limit}")
    check(read_npz(p("ws.npz"))["dense_1/kernel"] != w0["dense_1/kernel"], "--seed 7 same kernel")
    print(f"weights_check: part 1 ok ({len(w0)} tensors)" if not FAILS else "part 1 failed")

    # Part 2.
    if not os.path.exists(os.path.join(a.data_dir, "mnist")):
        print(f"weights_check: SKIP part 2: no MNIST under {a.data_dir}")
        return 1 if FAILS else 77

    def one_step(name, *flags):
        run([a.dlc, "train", model, "--data-dir", a.data_dir, "--epochs", "1",
             "--steps-per-epoch", "1", "--validation-samples", "1", "--save", p(name + ".ckpt"),
             *flags])
        extra = ["--no-dropout"] if "--no-dropout" in flags else []
        run([a.dlc, "weights", model, *extra, "--checkpoint", p(name + ".ckpt"),
             "--out", p(name + ".npz")])
        return read_npz(p(name + ".npz"))

    s1 = one_step("nd", "--no-dropout", "--no-shuffle")
    s1b = one_step("nd2", "--no-dropout", "--no-shuffle")
    sd = one_step("d", "--no-shuffle")
    ss = one_step("ns", "--no-dropout")
    check(struct.unpack("<q", s1["iterations"][2])[0] == 1, "iterations after one step != 1")
    check(s1 == s1b, "two --no-dropout --no-shuffle runs differ")
    check(s1["dense_1/kernel"] != sd["dense_1/kernel"], "--no-dropout changes nothing")
    check(s1["dense_1/kernel"] != ss["dense_1/kernel"], "--no-shuffle changes nothing")
    lr, rho, eps = 0.001, 0.9, 1e-8
    worst = 0.0
    for name in ("dense_1/kernel", "dense_2/bias", "dense_3/kernel"):
        w_0, w_1 = floats(w0[name][2]), floats(s1[name][2])
        acc = floats(s1[name + "/accumulator"][2])
        for x0, x1, ac in zip(w_0, w_1, acc):
            g = math.sqrt(ac / (1 - rho))
            expected = lr * g / (math.sqrt(ac) + eps)
            worst = max(worst, abs(abs(x1 - x0) - expected))
    check(worst < 2e-7, f"RMSprop first step: | |Δw| - lr·|g|/(sqrt(a)+eps) | up to {worst}")
    p2 = run([a.dlc, "weights", model, "--checkpoint", p("nd.ckpt"), "--out", p("x.npz")], ok=False)
    check(p2.returncode == 1 and "--no-dropout" in p2.stdout,
          f"a no-dropout checkpoint with the dropout model: {p2.returncode} {p2.stdout.strip()}")
    print("weights_check: part 2 ok" if not FAILS else "weights_check: FAILED")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
