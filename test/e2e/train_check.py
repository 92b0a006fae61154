#!/usr/bin/env python3
"""End-to-end training check: runs `dlc train` with --log and checks the epochs it logged.

Exit 0 when every expectation holds, 1 when one fails (with the numbers), and 77
(ctest's skip code) when the data directory is missing, saying where it looked.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile


def train(a, seed):
    """Runs dlc train once; returns the logged epochs, or None after printing why."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "run.jsonl")
        cmd = [a.dlc, "train", a.model, "--data-dir", a.data_dir, "--epochs", str(a.epochs),
               "--log", log]
        if a.steps_per_epoch:
            cmd += ["--steps-per-epoch", str(a.steps_per_epoch)]
        if a.validation_samples:
            cmd += ["--validation-samples", str(a.validation_samples)]
        if a.dataset:
            cmd += ["--dataset", a.dataset]
        if seed is not None:
            cmd += ["--seed", str(seed)]
        print("+", " ".join(cmd), flush=True)
        run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print("\n".join(l for l in run.stdout.splitlines() if "ETA" not in l))
        if run.returncode:
            print(f"FAIL: dlc train exited {run.returncode}")
            return None
        epochs = [json.loads(line) for line in open(log)]
    if len(epochs) != a.epochs:
        print(f"FAIL: {len(epochs)} epochs logged, expected {a.epochs}")
        return None
    return epochs


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dlc", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--data-dir", required=True)
    p.add_argument("--classes", type=int, required=True, help="for the chance level")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--steps-per-epoch", type=int)
    p.add_argument("--validation-samples", type=int)
    p.add_argument("--dataset")
    p.add_argument("--seeds", default="",
                   help="comma-separated seeds: train once per seed and check the mean of the "
                        "last epoch's val_acc (the loss checks apply to every run)")
    p.add_argument("--loss-must-fall", action="store_true",
                   help="the last epoch's training loss is below the first's and below ln(classes)")
    p.add_argument("--min-val-acc", type=float, help="the last epoch's val_acc is at least this")
    p.add_argument("--chance-margin", type=float,
                   help="the last epoch's val_acc beats 1/classes by this much")
    a = p.parse_args()

    if not os.path.isdir(a.data_dir):
        print(f"SKIP: no data directory at {a.data_dir}")
        return 77
    seeds = [int(x) for x in a.seeds.split(",") if x] or [None]
    failures, accs = [], []
    for seed in seeds:
        epochs = train(a, seed)
        if epochs is None:
            return 1
        first, last = epochs[0], epochs[-1]
        tag = "" if seed is None else f"seed {seed}: "
        if a.loss_must_fall:
            if not last["loss"] < first["loss"]:
                failures.append(f"{tag}training loss did not fall: {first['loss']:.4f} -> "
                                f"{last['loss']:.4f}")
            if not last["loss"] < math.log(a.classes):
                failures.append(f"{tag}training loss {last['loss']:.4f} is not below "
                                f"ln({a.classes}) = {math.log(a.classes):.4f}, a uniform guess")
        print(f"{tag}loss {first['loss']:.4f} -> {last['loss']:.4f}, val_acc {last['val_acc']:.4f}")
        accs.append(last["val_acc"])
    acc = sum(accs) / len(accs)
    what = "val_acc" if len(accs) == 1 else f"mean val_acc over seeds {a.seeds}"
    if a.chance_margin is not None:
        want = 1.0 / a.classes + a.chance_margin
        if not acc >= want:
            failures.append(f"{what} {acc:.4f} does not beat chance 1/{a.classes} by "
                            f"{a.chance_margin} (needs {want:.4f})")
    if a.min_val_acc is not None and not acc >= a.min_val_acc:
        failures.append(f"{what} {acc:.4f} is below {a.min_val_acc}")
    for f in failures:
        print("FAIL:", f)
    if not failures:
        print(f"OK: {what} {acc:.4f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
