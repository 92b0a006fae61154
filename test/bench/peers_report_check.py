#!/usr/bin/env python3
"""report.py with peer records: a dlc run, a peer run (kind "peer") and a
published peer record, made up here, in two results.json files. Checks that
--check accepts them and refuses a bad peer record, and (with matplotlib) that
report.md marks the peer and published columns, gives the peer's ratio to the
fastest dlc target and its GFLOP/s from dlc's FLOP count, and that the plots
are written. Exit 77 only for the report part when matplotlib is missing."""
import argparse
import json
import os
import subprocess
import sys
import tempfile

MACHINE = {"hostname": "box", "cpu": "cpu", "cpus": 2, "threads": 2, "memory_bytes": 1 << 30,
           "os": "Linux", "gpu": None,
           "sgemm": {"size": 2048, "threads": 2, "gflop_per_s": 100.0, "gflop_per_s_1_thread": 50.0}}


def record(target, kind, seconds, flops, **extra):
    r = {"schema": "dlc-bench/1", "run_id": "2026-01-01T00:00:00Z@box", "started_at": "x",
         "task": "mnist_mlp", "target": target, "kind": kind, "status": "ok", "reason": None,
         "epochs": 1, "epoch": 1, "machine": MACHINE,
         "version": {"dlc": "0.1", "git": "abc"} if kind == "dlc" else {"keras": "3", "jax": "0.1"},
         "batch_size": 128, "steps": 10, "steps_per_full_epoch": 468, "samples": 1280,
         "train_seconds": seconds, "seconds_per_epoch": seconds * 46.8, "extrapolated": True,
         "step_limited": True, "samples_per_s": 1280 / seconds, "compile_seconds": None,
         "train_step_flops": flops, "gflop_per_s": None, "sgemm_fraction": None,
         "peak_rss_bytes": None, "loss": 1.0, "acc": 0.5, "val_loss": 1.0, "val_acc": 0.5,
         "val_samples": 500, "eval_seconds": 0.1}
    r.update(extra)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report-py", required=True)
    ap.add_argument("--python", default=sys.executable)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="peers-report-")
    dlc = [record("cpu-ref", "dlc", 2.0, 400_000_000)]
    published = {k: v for k, v in record("cntk (published, K80)", "peer", 1, None).items()}
    published.update({"status": "unavailable", "reason": "no exact number", "epoch": None,
                      "published": True, "note": "the article",
                      "machine": dict(MACHINE, hostname="published-k80")})
    peers = [record("keras3-jax", "peer", 0.5, None), published]
    for name, recs in (("dlc", dlc), ("peers", peers)):
        os.makedirs(os.path.join(tmp, name))
        with open(os.path.join(tmp, name, "results.json"), "w") as f:
            json.dump(recs, f)
    run = lambda *args: subprocess.run([a.python, a.report_py, *args], stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, universal_newlines=True)
    r = run("--check", os.path.join(tmp, "dlc"), os.path.join(tmp, "peers"))
    if r.returncode != 0 or "3 records" not in r.stdout:
        print("peers_report_check: FAIL: --check:", r.stdout)
        return 1
    bad = dict(published)
    del bad["note"]
    with open(os.path.join(tmp, "bad.json"), "w") as f:
        json.dump([bad], f)
    r = run("--check", os.path.join(tmp, "bad.json"))
    if r.returncode == 0 or "needs a note" not in r.stdout:
        print("peers_report_check: FAIL: a published record without a note passed:", r.stdout)
        return 1
    # The report needs matplotlib: the first of --python, $DLC_PYTHON, python3,
    # /usr/bin/python3 that has it (as dlc bench picks one).
    import shutil
    candidates = [a.python, os.environ.get("DLC_PYTHON"), shutil.which("python3"), "/usr/bin/python3"]
    with_mpl = [p for p in candidates if p and os.path.exists(p) and subprocess.run(
        [p, "-c", "import matplotlib"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).returncode == 0]
    if not with_mpl:
        print("peers_report_check: --check ok; SKIP the report: no python3 with matplotlib")
        return 77
    a.python = with_mpl[0]
    out = os.path.join(tmp, "report")
    r = run("--out", out, os.path.join(tmp, "dlc"), os.path.join(tmp, "peers"))
    if r.returncode != 0:
        print("peers_report_check: FAIL: report:", r.stdout)
        return 1
    md = open(os.path.join(out, "report.md")).read()
    needles = ["| task | cpu-ref | keras3-jax (peer) | cntk (published, K80) |",
               "| mnist_mlp | 93.6* | 23.4* | n/a |",        # s/epoch: 2 s x 46.8, 0.5 s x 46.8
               "| mnist_mlp | 1.00× | 0.25× | – |",          # relative to cpu-ref
               "| mnist_mlp | keras3-jax (peer) | box | – | 23.4* | 2560 | 0.400 | 8.0 | 8.0 |",
               "## Peers", "cntk (published, K80) (mnist_mlp): published, no number recorded: no exact number — the article",
               "| mnist_mlp | keras3-jax (peer) | box | 1 | 10/468 |"]
    missing = [n for n in needles if n not in md]
    if missing:
        print("peers_report_check: FAIL: report.md lacks", missing)
        print(md)
        return 1
    for png in ("mnist_mlp_seconds_per_epoch.png", "mnist_mlp_accuracy.png"):
        if not os.path.getsize(os.path.join(out, png)):
            print("peers_report_check: FAIL: empty", png)
            return 1
    print("peers_report_check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
