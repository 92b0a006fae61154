#!/usr/bin/env python3
"""Runs `dlc bench --tasks mnist_mlp --steps 3` and checks what it writes:
results.json against the schema (tools/bench/report.py's validator and the
fields below), report.md's tables, and the PNG plots. Exit 77 (skip) when the
data or a Python with matplotlib is absent."""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys


def fail(msg):
    print(f"bench_check: FAIL: {msg}")
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dlc", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report-py", required=True)
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.data_dir, "mnist")):
        print(f"bench_check: SKIP: no MNIST under {a.data_dir}")
        return 77
    pythons = [p for p in (os.environ.get("DLC_PYTHON"), shutil.which("python3"),
                           "/usr/bin/python3") if p and os.path.exists(p)]
    if not any(subprocess.run([p, "-c", "import matplotlib"], capture_output=True).returncode == 0
               for p in pythons):
        print("bench_check: SKIP: no python3 with matplotlib (apt-get install python3-matplotlib)")
        return 77
    shutil.rmtree(a.out, ignore_errors=True)
    cmd = [a.dlc, "bench", "--tasks", "mnist_mlp", "--steps", "3", "--validation-samples", "256",
           "--data-dir", a.data_dir, "--out", a.out, "--report-script", a.report_py]
    print("bench_check:", " ".join(cmd), flush=True)
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(run.stdout)
    if run.returncode != 0:
        fail(f"dlc bench exited with {run.returncode}")

    # results.json: the schema, then the values of this run.
    spec = importlib.util.spec_from_file_location("report", a.report_py)
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    with open(os.path.join(a.out, "results.json")) as f:
        records = json.load(f)
    problems = report.validate(records, "results.json")
    if problems:
        fail("; ".join(problems))
    ok = [r for r in records if r["status"] == "ok"]
    if sorted(r["target"] for r in ok) != ["cpu", "cpu-ref"]:
        fail(f"expected one finished record each for cpu-ref and cpu, got "
             f"{[r['target'] for r in ok]}")
    for r in ok:
        expect = {"task": "mnist_mlp", "kind": "dlc", "epoch": 1,
                  "steps": 3, "steps_per_full_epoch": 468, "batch_size": 128,
                  "extrapolated": True, "train_step_flops": 417608794, "val_samples": 256}
        for key, value in expect.items():
            if r.get(key) != value:
                fail(f"{r['target']}: {key} = {r.get(key)!r}, expected {value!r}")
        if abs(r["seconds_per_epoch"] - r["train_seconds"] * 468 / 3) > 1e-6 * r["seconds_per_epoch"]:
            fail("seconds_per_epoch is not train_seconds extrapolated to 468 steps")
        for key in ("compile_seconds", "gflop_per_s", "samples_per_s", "peak_rss_bytes"):
            if not r.get(key) or r[key] <= 0:
                fail(f"{r['target']}: {key} = {r.get(key)!r}, expected > 0")
        if r["machine"]["sgemm"].get("gflop_per_s") and not 0 < r["sgemm_fraction"] < 10:
            fail(f"sgemm_fraction = {r['sgemm_fraction']}")
        if not (0 <= r["acc"] <= 1 and 0 <= r["val_acc"] <= 1 and r["loss"] > 0):
            fail("loss/accuracy out of range")
    # The same computation on both targets: the same training loss (the cpu
    # target agrees with the oracle to the last bits on this model).
    if abs(ok[0]["loss"] - ok[1]["loss"]) > 1e-4 * ok[1]["loss"]:
        fail(f"cpu and cpu-ref losses differ: {ok[0]['loss']} vs {ok[1]['loss']}")
    targets = {x["target"]: x for x in records}
    for t in ("cpu", "cuda-ptx", "cuda-cudnn", "cuda"):
        if t in targets and targets[t]["status"] == "unavailable" and not targets[t]["reason"]:
            fail(f"{t}: unavailable without a reason")
    if "not available here" not in run.stdout and len(targets) < 5:
        fail("the targets this build lacks are not listed")

    # report.md: the s/epoch table with the extrapolation mark, the accuracy table.
    with open(os.path.join(a.out, "report.md")) as f:
        md = f.read()
    for needle in ("## Seconds per epoch", "| task | cpu-ref |", "| mnist_mlp | ",
                   "## Loss and accuracy per epoch", "| mnist_mlp | cpu-ref | ",
                   "| mnist_mlp | cpu | "):
        if needle not in md:
            fail(f"report.md lacks {needle!r}")
    row = next((l for l in md.splitlines() if l.startswith("| mnist_mlp | ") and "*" in l), None)
    if not row:
        fail("report.md's s/epoch row does not mark the extrapolation")
    for name in ("mnist_mlp_seconds_per_epoch.png", "mnist_mlp_accuracy.png"):
        path = os.path.join(a.out, name)
        if not os.path.exists(path):
            fail(f"{name} missing")
        with open(path, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                fail(f"{name} is not a PNG")
        if os.path.getsize(path) < 5000:
            fail(f"{name} is suspiciously small")
    print("bench_check: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
