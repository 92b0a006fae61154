#!/usr/bin/env python3
"""dlc-run, the runtime alone, against dlc on the same bundles.

Checks, for a cpu and a cpu-ref bundle compiled by `dlc compile`:
  * dlc-run links no MLIR, LLVM, Abseil, zlib or C++ library (readelf: its
    NEEDED entries are the C library's and nothing else), so a bundle runs where
    only the C library and a GPU driver are;
  * `dlc-run train` and `dlc train` (on the bundle, and on the model file compiled
    in memory from the same starting point) log identical epochs (everything but
    the wall-clock fields) and save identical states;
  * `dlc-run eval` of the checkpoint prints what `dlc eval` prints (but the time);
  * `dlc-run weights` writes the same .npz as `dlc weights`.

Exit 0 when all hold, 1 when one fails, 77 (ctest's skip code) without MNIST.
Usage: dlc_run_check.py --dlc DLC --dlc-run DLC_RUN --model MODEL --data-dir DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

CLOCK_FIELDS = {"seconds", "samples_per_s", "eval_seconds"}
ALLOWED_NEEDED = re.compile(r"^(libc|libm|libdl|libpthread|librt|ld-linux[-\w]*)\.so[.\d]*$")


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode:
        print(p.stdout)
        raise SystemExit(f"FAIL: exited {p.returncode}: {' '.join(cmd)}")
    return p.stdout


def needed(binary):
    out = run(["readelf", "-d", binary])
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def epochs(path):
    with open(path) as f:
        return [{k: v for k, v in json.loads(line).items() if k not in CLOCK_FIELDS}
                for line in f]


def without_time(text):
    return re.sub(r"\d+(\.\d+)?(ms|s)\b", "<time>", text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dlc", required=True)
    ap.add_argument("--dlc-run", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--data-dir", required=True)
    a = ap.parse_args()

    libs = needed(a.dlc_run)
    bad = [l for l in libs if not ALLOWED_NEEDED.match(l)]
    print("dlc-run NEEDED:", ", ".join(libs))
    if bad:
        print(f"FAIL: dlc-run links {', '.join(bad)}; it may need only the C library")
        return 1
    if not any(l.startswith("libc.so") for l in libs):
        print("FAIL: readelf found no libc.so in dlc-run's NEEDED entries: is it dynamic?")
        return 1

    if not os.path.isdir(os.path.join(a.data_dir, "mnist")):
        print(f"SKIP: no MNIST under {a.data_dir} (the training half of this check)")
        return 77
    failures = 0
    steps = ["--data-dir", a.data_dir, "--epochs", "2", "--steps-per-epoch", "6",
             "--validation-samples", "300"]
    with tempfile.TemporaryDirectory() as tmp:
        p = lambda name: os.path.join(tmp, name)
        for target in ["cpu", "cpu-ref"]:
            bundle = p(f"{target}.dlcb")
            run([a.dlc, "compile", a.model, f"--target={target}", "-o", bundle])
            runs = {
                "dlc-run": [a.dlc_run, "train", bundle],
                "dlc": [a.dlc, "train", bundle],
                "dlc-model": [a.dlc, "train", a.model, f"--target={target}"],
            }
            logs = {}
            for name, cmd in runs.items():
                run(cmd + steps + ["--log", p(f"{target}-{name}.jsonl"),
                                   "--save", p(f"{target}-{name}.ckpt")])
                logs[name] = epochs(p(f"{target}-{name}.jsonl"))
            for name in ["dlc", "dlc-model"]:
                if logs[name] != logs["dlc-run"]:
                    print(f"FAIL: {target}: {name} logged {logs[name]}, dlc-run {logs['dlc-run']}")
                    failures += 1
            # The states the runs saved, by name, and an evaluation of them.
            npz = {}
            for tool in ["dlc-run", "dlc"]:
                exe = a.dlc_run if tool == "dlc-run" else a.dlc
                run([exe, "weights", bundle, "--checkpoint", p(f"{target}-{tool}.ckpt"),
                     "--out", p(f"{target}-{tool}.npz")])
                with open(p(f"{target}-{tool}.npz"), "rb") as f:
                    npz[tool] = f.read()
            if npz["dlc-run"] != npz["dlc"]:
                print(f"FAIL: {target}: the checkpoints' weights differ")
                failures += 1
            evals = [without_time(run([exe, "eval", bundle, "--data-dir", a.data_dir,
                                       "--checkpoint", p(f"{target}-dlc-run.ckpt")]))
                     for exe in [a.dlc_run, a.dlc]]
            if evals[0] != evals[1]:
                print(f"FAIL: {target}: eval printed\n{evals[0]}\nand\n{evals[1]}")
                failures += 1
            print(f"{target}: {len(logs['dlc-run'])} epochs, loss "
                  f"{[e['loss'] for e in logs['dlc-run']]}, identical across dlc-run, dlc "
                  f"(bundle) and dlc (model file)")
    if failures:
        print(f"FAIL: {failures} differences")
        return 1
    print("PASS: dlc-run needs only the C library and runs bundles as dlc does")
    return 0


if __name__ == "__main__":
    sys.exit(main())
