#!/usr/bin/env python3
"""The GPU check's tables and records (run by tools/gpu/check.sh).

  report.py --kit GPU_CHECK_DIR --out OUT_DIR [--targets T ...] [--tasks T ...] --pytorch RESULTS.json [...]

Reads OUT_DIR/TASK.TARGET.gradients.json, TASK.TARGET.steps.jsonl and
TASK.TARGET.epochs.jsonl (what check.sh ran) for each target (default: the
kit's, prepared.json "targets") and the kit's references; writes
OUT_DIR/table.md and OUT_DIR/results.json (dlc-bench/1 records, one per target
and epoch, mergeable with `dlc bench --merge`) and prints the tables: the
checks per task and target, then steps/s and seconds per epoch of the targets
side by side with PyTorch's. The first PyTorch results file that exists and
has an `ok` record for a task gives its seconds per epoch. Exit status 1 when
a gradient or a loss check failed or a run is missing. Standard library only.

The loss check: at step i, |loss_gpu - loss_ref| may be at most
max(10 x the largest |loss_ulp - loss_ref| of steps <= i, 1e-4 x |loss_ref|),
where loss_ulp is cpu-ref's own run with every weight moved by one ulp after
step 1 (how far last-bit differences carry by step i).
"""
import argparse
import datetime
import json
import os
import socket
import sys

TASKS = ["mnist_mlp", "mnist_cnn", "cifar10_cnn", "mnist_hrnn", "babi_rnn", "mnist_hrnn_keras3",
         "mnist_gru_keras3", "babi_rnn_keras3"]
# Checked like the tasks, but a model variant, not a benchmark task: no
# dlc-bench/1 records.
VARIANTS = {"mnist_hrnn_keras3", "mnist_gru_keras3", "babi_rnn_keras3"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPREAD_FACTOR = 10.0
FLOOR = 1e-4


def jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def pytorch_seconds(paths):
    out = {}
    for p in paths:
        if not os.path.exists(p):
            continue
        for r in json.load(open(p)):
            if r.get("status") == "ok" and r["task"] not in out:
                out[r["task"]] = (r["seconds_per_epoch"], r.get("steps"), p)
    return out


def loss_check(ref, ulp, gpu):
    """(ok, worst ratio of difference to allowance, steps compared)."""
    n = min(len(ref), len(gpu))
    if n == 0:
        return False, float("inf"), 0
    spread, worst = 0.0, 0.0
    for i in range(n):
        if i < len(ulp):
            spread = max(spread, abs(ulp[i]["loss"] - ref[i]["loss"]))
        allowed = max(SPREAD_FACTOR * spread, FLOOR * abs(ref[i]["loss"]))
        worst = max(worst, abs(gpu[i]["loss"] - ref[i]["loss"]) / allowed)
    return worst <= 1.0 and n == len(ref), worst, n


def compile_seconds(prepared, task, target):
    """prepared.json's compile time of `task` for `target` (a number: cuda-ptx)."""
    c = prepared.get("tasks", {}).get(task, {}).get("compile_seconds")
    if isinstance(c, dict):
        return c.get(target)
    return c if target == "cuda-ptx" else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kit", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--targets", nargs="*", default=None)
    ap.add_argument("--tasks", nargs="*", default=None)
    ap.add_argument("--pytorch", nargs="*", default=[])
    a = ap.parse_args()
    prepared = json.load(open(os.path.join(a.kit, "prepared.json")))
    targets = a.targets or prepared.get("targets", ["cuda-ptx"])
    tasks = a.tasks or TASKS
    torch = pytorch_seconds(a.pytorch)
    gpu_name = "unknown GPU"
    env = os.path.join(a.out, "environment.txt")
    if os.path.exists(env):
        for line in open(env):
            if line.startswith("GPU 0:"):
                gpu_name = line.split(":", 1)[1].split("(UUID")[0].strip()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    host = os.environ.get("DLC_BENCH_HOSTNAME", socket.gethostname())
    machine = {"hostname": host, "cpu": None, "cpus": os.cpu_count(), "threads": None,
               "memory_bytes": None, "os": None, "gpu": gpu_name, "sgemm": None}
    version = {"dlc": None, "git": prepared.get("commit"), "llvm": "19", "compiler": None,
               "build": "tools/gpu/prepare.sh"}

    rows, records, failed = [], [], False
    speed = {}  # (task, target) -> (steps/s, seconds per epoch)
    fused_rows = []  # (task, target, fused, fallen back, forced gradients or None)
    for t in tasks:
        ref = jsonl(os.path.join(a.kit, "reference", t + ".ref.jsonl"))
        ulp = jsonl(os.path.join(a.kit, "reference", t + ".ulp.jsonl"))
        for target in targets:
            base = os.path.join(a.out, "%s.%s" % (t, target))
            g = {}
            if os.path.exists(base + ".gradients.json"):
                g = json.load(open(base + ".gradients.json"))
            steps = jsonl(base + ".steps.jsonl")
            epochs = jsonl(base + ".epochs.jsonl")
            loss_ok, loss_worst, compared = loss_check(ref, ulp, steps)
            grad_ok = bool(g.get("ok"))
            failed = failed or not grad_ok or not loss_ok or len(epochs) < 2
            # Fused library calls: which ran fused, which as their fallback,
            # and the first step with every fallback forced (check.sh 1b).
            if os.path.exists(base + ".fused.txt"):
                choices = open(base + ".fused.txt").read().splitlines()
                forced = None
                if os.path.exists(base + ".fallback.gradients.json"):
                    forced = json.load(open(base + ".fallback.gradients.json"))
                failed = failed or not (forced and forced.get("ok"))
                fused_rows.append((t, target, sum(": fused (" in c for c in choices),
                                   sum("not fused on this device" in c for c in choices), forced))
            timed = epochs[-1] if len(epochs) >= 2 else None
            sec = timed["seconds"] if timed else None
            steps_per_s = timed["steps"] / timed["seconds"] if timed and timed["seconds"] > 0 else None
            speed[(t, target)] = (steps_per_s, sec)
            rows.append((t, target, g.get("worst"), grad_ok, compared, loss_worst, loss_ok,
                         (ref[-1]["loss"] if ref else None), (steps[-1]["loss"] if steps else None),
                         timed.get("val_acc") if timed else None))
            for e in (epochs if t not in VARIANTS else []):
                records.append({
                    "schema": "dlc-bench/1", "run_id": now + "@" + host, "started_at": now,
                    "task": t, "target": target, "kind": "dlc", "status": "ok", "reason": None,
                    "epochs": len(epochs), "epoch": e["epoch"], "machine": machine,
                    "version": version, "batch_size": e["batch_size"], "steps": e["steps"],
                    "steps_per_full_epoch": e["steps"], "samples": e["samples"],
                    "train_seconds": e["seconds"], "seconds_per_epoch": e["seconds"],
                    "extrapolated": False, "step_limited": False,
                    "samples_per_s": e["samples_per_s"],
                    "compile_seconds": compile_seconds(prepared, t, target),
                    "fusion": "all", "train_step_flops": None, "gflop_per_s": None,
                    "sgemm_fraction": None, "peak_rss_bytes": None, "compile_peak_rss_bytes": None,
                    "loss": e["loss"], "acc": e["acc"], "val_loss": e.get("val_loss"),
                    "val_acc": e.get("val_acc"), "val_samples": None,
                    "eval_seconds": e.get("eval_seconds"), "device": gpu_name,
                })
            if not epochs and t not in VARIANTS:
                records.append({"schema": "dlc-bench/1", "run_id": now + "@" + host,
                                "started_at": now, "task": t, "target": target, "kind": "dlc",
                                "status": "failed",
                                "reason": "no epoch ran (see %s.%s.epochs.log)" % (t, target),
                                "epochs": 2, "epoch": None, "machine": machine,
                                "version": version})

    def f(x, fmt):
        return "n/a" if x is None else fmt % x

    n_steps = prepared.get("steps", 50)
    lines = [
        "%s on %s (dlc %s, PTX for %s; %s)" % (", ".join(targets), gpu_name,
                                              prepared.get("commit"), prepared.get("gpu_arch"),
                                              now),
        "",
        "| task | target | first-step gradients: worst max\\|Δg\\|/max\\|g\\| (≤ 1e-4) | loss, %d steps: worst Δ / allowed (≤ 1) | loss at step %d: cpu-ref / target | val_acc |"
        % (n_steps, n_steps),
        "|---|---|---|---|---|---|",
    ]
    for (t, target, gw, gok, n, lw, lok, lref, lgpu, acc) in rows:
        lines.append("| %s | %s | %s %s | %s %s (%d steps) | %s / %s | %s |" % (
            t, target, f(gw, "%.1e"), "ok" if gok else "**FAILED**", f(lw, "%.2f"),
            "ok" if lok else "**FAILED**", n, f(lref, "%.5f"), f(lgpu, "%.5f"), f(acc, "%.4f")))
    if fused_rows:
        lines += ["", "| task | target | fused calls run fused | run as their fallback | "
                  "first-step gradients with every fallback forced (≤ 1e-4) |", "|---|---|---|---|---|"]
        for (t, target, nf, nb, forced) in fused_rows:
            lines.append("| %s | %s | %d | %d | %s %s |" % (
                t, target, nf, nb, f(forced.get("worst") if forced else None, "%.1e"),
                "ok" if forced and forced.get("ok") else "**FAILED**"))
    lines += ["", "| task | " + " | ".join("%s steps/s | %s s/epoch" % (x, x) for x in targets)
              + " | PyTorch s/epoch | fastest dlc vs PyTorch |",
              "|---|" + "---|---|" * len(targets) + "---|---|"]
    for t in tasks:
        cells, best = [], None
        for target in targets:
            sps, sec = speed.get((t, target), (None, None))
            cells += [f(sps, "%.0f"), f(sec, "%.3f")]
            if sec and (best is None or sec < best):
                best = sec
        pt = torch.get(t)
        pts = pt[0] if pt else None
        lines.append("| %s | %s | %s | %s |" % (t, " | ".join(cells), f(pts, "%.3f"),
                                                f(pts / best if pts and best else None, "%.2fx")))
    lines += ["", "s/epoch: the last of the epochs of dlc-run train (not the first: the driver's "
              "first-launch work and the libraries' engine choice are in it); PyTorch: "
              + (", ".join(sorted({os.path.relpath(v[2], ROOT) for v in torch.values()})) or "none")]
    table = "\n".join(lines) + "\n"
    open(os.path.join(a.out, "table.md"), "w").write(table)
    json.dump(records, open(os.path.join(a.out, "results.json"), "w"), indent=1)
    print(table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
