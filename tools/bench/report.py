#!/usr/bin/env python3
"""report.py: report.md and PNG plots from `dlc bench` results.json files.

    python3 tools/bench/report.py --out DIR results.json [more results.json ...]

Every input is a JSON list of records (schema "dlc-bench/1", docs/bench.md);
the records of all inputs are reported together, each row naming the machine
it ran on, so results of several machines (`dlc bench --merge`) and of peers
(records with kind "peer", target e.g. "keras3-jax") share one report.
Writes DIR/report.md, DIR/<task>_seconds_per_epoch.png and
DIR/<task>_accuracy.png. `--check` only validates the inputs.
"""
import argparse
import json
import math
import os
import sys
from collections import OrderedDict, defaultdict

SCHEMA = "dlc-bench/1"
TASK_ORDER = ["mnist_mlp", "mnist_cnn", "cifar10_cnn", "mnist_hrnn", "babi_rnn"]
TARGET_ORDER = ["cpu-ref", "cpu", "cuda-ptx", "cuda-cudnn", "cuda",
                # peers (bench/peers), after the dlc targets in this order
                "keras3-tensorflow", "keras3-jax", "keras3-torch", "pytorch", "pytorch-cuda",
                "keras2-theano", "keras2-mxnet", "keras2-cntk"]

# Required keys of every record, and of the records of finished epochs.
REQUIRED = {"schema": str, "run_id": str, "task": str, "target": str, "kind": str,
            "status": str, "machine": dict, "version": dict, "epochs": int}
REQUIRED_OK = {"epoch": int, "seconds_per_epoch": (int, float),
               "train_seconds": (int, float), "extrapolated": bool,
               "steps": int, "steps_per_full_epoch": int, "samples_per_s": (int, float),
               "compile_seconds": (int, float, type(None)),
               "train_step_flops": (int, type(None)),
               "gflop_per_s": (int, float, type(None)),
               "sgemm_fraction": (int, float, type(None)),
               "peak_rss_bytes": (int, type(None)), "loss": (int, float),
               "acc": (int, float, type(None)), "val_loss": (int, float, type(None)),
               "val_acc": (int, float, type(None))}

# Optional keys (null or absent allowed): a run on an accelerator.
OPTIONAL = {"device": str, "peak_device_bytes": int}


def validate(records, where):
    """A list of problems with `records` (empty when they follow the schema)."""
    problems = []
    if not isinstance(records, list):
        return [f"{where}: not a JSON list of records"]
    for i, r in enumerate(records):
        at = f"{where}[{i}]"
        if not isinstance(r, dict):
            problems.append(f"{at}: not an object")
            continue
        required = dict(REQUIRED)
        if r.get("status") == "ok":
            required.update(REQUIRED_OK)
        for key, kind in required.items():
            if key not in r:
                problems.append(f"{at}: missing '{key}'")
            elif not isinstance(r[key], kind) or (kind is int and isinstance(r[key], bool)):
                problems.append(f"{at}: '{key}' has the wrong type ({r[key]!r})")
        if r.get("schema") not in (None, SCHEMA):
            problems.append(f"{at}: schema {r.get('schema')!r}, this report reads {SCHEMA}")
        if r.get("status") not in ("ok", "unavailable", "failed"):
            problems.append(f"{at}: status {r.get('status')!r} is not ok/unavailable/failed")
        if r.get("status") != "ok" and not r.get("reason"):
            problems.append(f"{at}: a record with status {r.get('status')!r} needs a reason")
        if "hostname" not in r.get("machine", {}):
            problems.append(f"{at}: machine.hostname missing")
        if r.get("kind") not in (None, "dlc", "peer"):
            problems.append(f"{at}: kind {r.get('kind')!r} is not dlc/peer")
        for key, kind in OPTIONAL.items():
            if r.get(key) is not None and (not isinstance(r[key], kind) or isinstance(r[key], bool)):
                problems.append(f"{at}: '{key}' has the wrong type ({r[key]!r})")
        if r.get("published") and not r.get("note"):
            problems.append(f"{at}: a published record needs a note (its source)")
    return problems


def load(paths):
    records = []
    for p in paths:
        if os.path.isdir(p):
            p = os.path.join(p, "results.json")
        with open(p) as f:
            data = json.load(f)
        problems = validate(data, p)
        if problems:
            raise SystemExit("report.py: error: " + "\n  ".join(problems[:20]))
        records.extend(data)
    # The same record given twice (a file merged twice) counts once.
    seen, unique = set(), []
    for r in records:
        key = (r["run_id"], r["machine"]["hostname"], r["task"], r["target"], r.get("epoch"))
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique


def order_key(order):
    return lambda name: (order.index(name) if name in order else len(order), name)


def fmt(v, digits=2, none="–"):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return none
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def seconds_text(s):
    if s is None:
        return "–"
    if s >= 100:
        return f"{s:.0f}"
    if s >= 10:
        return f"{s:.1f}"
    return f"{s:.2f}"


def mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


class Report:
    def __init__(self, records):
        self.records = records
        self.machines = OrderedDict()
        for r in records:
            self.machines.setdefault(r["machine"]["hostname"], r["machine"])
        # Published numbers (another machine, e.g. an article's K80) are labelled by
        # their target, which says so; they do not make the report multi-machine.
        self.published_hosts = {r["machine"]["hostname"] for r in records if r.get("published")}
        self.multi = len([h for h in self.machines if h not in self.published_hosts]) > 1
        self.tasks = sorted({r["task"] for r in records}, key=order_key(TASK_ORDER))
        # Columns: (target, machine); dlc targets first in their order, then peers.
        cols = {(r["target"], r["machine"]["hostname"], r.get("kind", "dlc")) for r in records}
        self.columns = sorted(cols, key=lambda c: (c[2] != "dlc", c[1] in self.published_hosts,
                                                   order_key(TARGET_ORDER)(c[0]),
                                                   list(self.machines).index(c[1])))
        # The accelerator a column trained on (a record's optional `device`, e.g. a
        # peer on a GPU: "NVIDIA H100 80GB HBM3"); absent: the machine's CPU.
        self.devices = {}
        for r in records:
            if r.get("device"):
                self.devices.setdefault((r["target"], r["machine"]["hostname"]), r["device"])

    def label(self, target, host, kind="dlc"):
        name = f"{target}@{host}" if self.multi and host not in self.published_hosts else target
        if host in self.published_hosts:
            return name if "published" in name else f"{name} (published)"
        device = self.devices.get((target, host))
        if kind == "dlc":
            return f"{name} ({device})" if device else name
        return f"{name} (peer, {device})" if device else f"{name} (peer)"

    def runs(self, task, target, host):
        return [r for r in self.records
                if r["task"] == task and r["target"] == target and r["machine"]["hostname"] == host]

    def ok(self, task, target, host):
        return sorted((r for r in self.runs(task, target, host) if r["status"] == "ok"),
                      key=lambda r: r["epoch"])

    def seconds(self, task, target, host):
        """Mean s/epoch, whether any epoch was extrapolated, or None."""
        ok = self.ok(task, target, host)
        if not ok:
            return None, False
        return mean([r["seconds_per_epoch"] for r in ok]), any(r["extrapolated"] for r in ok)

    def best_dlc(self, task, host):
        best = None
        for target, h, kind in self.columns:
            if kind != "dlc" or h != host:
                continue
            s, _ = self.seconds(task, target, h)
            if s is not None and (best is None or s < best):
                best = s
        return best

    def cell(self, task, target, host):
        runs = self.runs(task, target, host)
        if not runs:
            return ""
        s, extra = self.seconds(task, target, host)
        if s is not None:
            return seconds_text(s) + ("*" if extra else "")
        status = runs[0]["status"]
        return "n/a" if status == "unavailable" else "failed"

    def markdown(self, plots):
        out = ["# dlc bench report", ""]
        runs = sorted({r["run_id"] for r in self.records})
        out.append(f"Runs: {', '.join(runs)}. Schema {SCHEMA} (docs/bench.md).")
        out.append("")
        out.append("## Machines")
        out.append("")
        out.append("| machine | CPU | CPUs | GPU | sgemm GFLOP/s (threads) | sgemm 1 thread | dlc |")
        out.append("|---|---|---|---|---|---|---|")
        for host, m in self.machines.items():
            sg = m.get("sgemm") or {}
            version = next((r["version"] for r in self.records
                            if r["machine"]["hostname"] == host and r.get("kind", "dlc") == "dlc"),
                           None)
            if version:
                dlc_v = f"{version.get('dlc', '?')} ({version.get('git') or 'unknown commit'})"
            else:
                dlc_v = "published numbers" if host in self.published_hosts else "– (peers only)"
            out.append(f"| {host} | {m.get('cpu') or '–'} | {m.get('cpus') or '–'} | "
                       f"{m.get('gpu') or 'none'} | {fmt(sg.get('gflop_per_s'), 1)} "
                       f"({sg.get('threads', '–')}, {sg.get('size', '–')}³) | "
                       f"{fmt(sg.get('gflop_per_s_1_thread'), 1)} | {dlc_v} |")
        out.append("")

        peers = OrderedDict()
        for r in self.records:
            if r.get("kind") == "peer":
                peers.setdefault((r["target"], r["machine"]["hostname"]), r)
        if peers:
            out.append("## Peers")
            out.append("")
            out.append("Other frameworks running the same models, hyper-parameters, data and "
                       "step counts (bench/peers, docs/bench.md \"Peers\"); `published`: "
                       "numbers from the literature, not run here.")
            out.append("")
            out.append("| target | machine | versions | threads | note |")
            out.append("|---|---|---|---|---|")
            for (target, host), r in peers.items():
                v = ", ".join(f"{k} {val}" for k, val in r["version"].items()
                              if k not in ("peer", "git") and val is not None)
                note = r.get("note") or ("" if r["status"] == "ok" else r.get("reason") or "")
                where = host + (f" ({r['machine']['gpu']})" if r["machine"].get("gpu") else "")
                out.append(f"| {self.label(target, host, 'peer')} | {where} | {v} | "
                           f"{r['machine'].get('threads', '–')} | {note} |")
            out.append("")

        out.append("## Seconds per epoch")
        out.append("")
        extrapolated = any(r.get("extrapolated") for r in self.records if r["status"] == "ok")
        note = ("Mean over the epochs run. `*`: extrapolated to the full epoch from a "
                "step-limited run (seconds of the steps run × full steps ÷ steps run). "
                "n/a: target not available on that machine (reasons below).")
        out.append(note if extrapolated else
                   "Mean over the epochs run; n/a: target not available on that machine.")
        out.append("")
        header = "| task | " + " | ".join(self.label(t, h, k) for t, h, k in self.columns) + " |"
        out.append(header)
        out.append("|---" * (len(self.columns) + 1) + "|")
        for task in self.tasks:
            out.append(f"| {task} | " + " | ".join(self.cell(task, t, h)
                                                    for t, h, _ in self.columns) + " |")
        out.append("")
        if any(k != "dlc" for _, _, k in self.columns):
            out.append("### Relative to the fastest dlc target")
            out.append("")
            out.append("s/epoch ÷ the fastest dlc target's on the same machine (below 1: "
                       "faster than dlc). Published numbers ran elsewhere: no ratio.")
            out.append("")
            out.append(header)
            out.append("|---" * (len(self.columns) + 1) + "|")
            for task in self.tasks:
                cells = []
                for t, h, _ in self.columns:
                    s_, _x = self.seconds(task, t, h)
                    best = self.best_dlc(task, h)
                    cells.append(f"{s_ / best:.2f}×" if s_ is not None and best else
                                 ("" if not self.runs(task, t, h) else "–"))
                out.append(f"| {task} | " + " | ".join(cells) + " |")
            out.append("")

        out.append("## Throughput and efficiency")
        out.append("")
        out.append("GFLOP/s from the compiler's FLOP count of one train step "
                   "(bundle manifest `flops.train_step`) × steps ÷ training seconds; "
                   "% sgemm: of the same machine's OpenBLAS sgemm rate measured in the "
                   "same run. Peak memory: the run's process (compile and training); "
                   "`+ N GPU`: the device memory its framework allocated at most. "
                   "× best dlc: s/epoch over the fastest dlc target's on the same machine "
                   "(peers included).")
        out.append("")
        out.append("| task | target | machine | compile s | s/epoch | samples/s | "
                   "GFLOP/step | GFLOP/s | % sgemm | peak MiB | × best dlc |")
        out.append("|---|---|---|---|---|---|---|---|---|---|---|")
        for task in self.tasks:
            for target, host, kind in self.columns:
                ok = self.ok(task, target, host)
                if not ok:
                    continue
                s, extra = self.seconds(task, target, host)
                best = self.best_dlc(task, host)
                flops = ok[0].get("train_step_flops")
                rates = [r.get("gflop_per_s") for r in ok]
                fracs = [r.get("sgemm_fraction") for r in ok]
                if not flops:
                    # A peer trains the same model: use dlc's count of its step.
                    flops = next((r.get("train_step_flops") for r in self.records
                                  if r["task"] == task and r.get("kind") == "dlc"
                                  and r.get("train_step_flops")
                                  and r.get("batch_size") == ok[0].get("batch_size")), None)
                    if flops:
                        rates = [flops * r["steps"] / r["train_seconds"] / 1e9
                                 if r.get("train_seconds") else None for r in ok]
                        sg = (ok[0]["machine"].get("sgemm") or {}).get("gflop_per_s")
                        fracs = [x / sg if x and sg else None for x in rates]
                frac = mean(fracs)
                peak = max((r.get("peak_rss_bytes") or 0) for r in ok)
                peak_dev = max((r.get("peak_device_bytes") or 0) for r in ok)
                name = self.label(target, host, kind) if kind != "dlc" else target
                out.append(
                    f"| {task} | {name} | {host} | {fmt(ok[0].get('compile_seconds'))} | "
                    f"{seconds_text(s)}{'*' if extra else ''} | "
                    f"{fmt(mean([r['samples_per_s'] for r in ok]), 0)} | "
                    f"{fmt(flops / 1e9 if flops else None, 3)} | "
                    f"{fmt(mean(rates), 1)} | "
                    f"{fmt(frac * 100 if frac is not None else None, 1)} | "
                    f"{fmt(peak / 2**20 if peak else None, 0)}"
                    f"{f' + {peak_dev / 2**20:.0f} GPU' if peak_dev else ''} | "
                    f"{fmt(s / best if best else None, 2)} |")
        out.append("")

        out.append("## Loss and accuracy per epoch")
        out.append("")
        out.append("Train loss/accuracy: the mean over the epoch's steps; test: "
                   "over `val samples` test samples after the epoch.")
        out.append("")
        out.append("| task | target | machine | epoch | steps | loss | acc | test loss | "
                   "test acc | test samples |")
        out.append("|---|---|---|---|---|---|---|---|---|---|")
        for task in self.tasks:
            for target, host, kind in self.columns:
                for r in self.ok(task, target, host):
                    out.append(f"| {task} | {self.label(target, host, kind)} | {host} | "
                               f"{r['epoch']} | "
                               f"{r['steps']}/{r['steps_per_full_epoch']} | "
                               f"{fmt(r['loss'], 4)} | {fmt(r['acc'], 4)} | "
                               f"{fmt(r['val_loss'], 4)} | {fmt(r['val_acc'], 4)} | "
                               f"{r.get('val_samples', '–')} |")
        out.append("")

        missing = OrderedDict()
        for r in self.records:
            if r["status"] != "ok":
                key = (r["target"], r["machine"]["hostname"], r["status"],
                       r.get("reason") + (f" — {r['note']}" if r.get("note") else ""))
                missing.setdefault(key, []).append(r["task"])
        if missing:
            out.append("## Not run")
            out.append("")
            for (target, host, status, reason), tasks in missing.items():
                what = "not available here" if status == "unavailable" else "failed"
                if host in self.published_hosts:
                    what = "published, no number recorded"
                kind = next((r.get("kind", "dlc") for r in self.records if r["target"] == target),
                            "dlc")
                out.append(f"- {self.label(target, host, kind)} ({', '.join(tasks)}): "
                           f"{what}: {reason}")
            out.append("")

        if plots:
            out.append("## Plots")
            out.append("")
            for task in self.tasks:
                for name in plots.get(task, []):
                    out.append(f"![{name}]({name})")
                out.append("")
        return "\n".join(out) + "\n"

    def plot(self, outdir, plt):
        plots = defaultdict(list)
        for task in self.tasks:
            # Bar chart: s/epoch per backend (hatched when extrapolated).
            labels, values, hatches, colors = [], [], [], []
            texts = []
            for target, host, kind in self.columns:
                if not self.runs(task, target, host):
                    continue
                s, extra = self.seconds(task, target, host)
                labels.append(self.label(target, host, kind).replace(" (", "\n("))
                # A target that did not run keeps its place, marked n/a.
                values.append(s if s is not None else 0.0)
                texts.append(seconds_text(s) if s is not None else self.cell(task, target, host))
                hatches.append("//" if extra else "")
                colors.append("tab:blue" if kind == "dlc" else
                              "tab:gray" if host in self.published_hosts else "tab:orange")
            if any(values):
                # Rotated labels (more than 4 bars) take height by their length.
                longest = max(len(l.replace("\n", " ")) for l in labels)
                height = max(3.6, 2.6 + 0.04 * longest) if len(values) > 4 else 3.6
                fig, ax = plt.subplots(figsize=(max(4.0, 1.3 * len(values) + 2), height))
                bars = ax.bar(range(len(values)), values, color=colors, edgecolor="black")
                for bar, hatch in zip(bars, hatches):
                    bar.set_hatch(hatch)
                ax.set_xticks(range(len(values)))
                ax.set_xticklabels(labels)
                ax.bar_label(bars, labels=texts, padding=2)
                ax.set_ylabel("seconds per epoch")
                ax.set_ylim(0, max(values) * 1.18)
                title = f"{task}: seconds per epoch (lower is better)"
                if any(hatches):
                    title += "\nhatched: extrapolated from a step-limited run"
                kinds = {k for t, h, k in self.columns if self.runs(task, t, h)}
                if len(kinds) > 1 or self.published_hosts:
                    title += "\nblue: dlc, orange: peers (other frameworks), grey: published"
                ax.set_title(title, fontsize=10)
                if len(values) > 4:
                    ax.set_xticklabels([l.replace("\n", " ") for l in labels])
                    plt.setp(ax.get_xticklabels(), rotation=30, ha="right", fontsize=8)
                fig.tight_layout()
                name = f"{task}_seconds_per_epoch.png"
                fig.savefig(os.path.join(outdir, name), dpi=110)
                plt.close(fig)
                plots[task].append(name)
            # Accuracy versus epoch: test (solid) and train (dashed) per backend.
            series = [(target, host, kind, self.ok(task, target, host))
                      for target, host, kind in self.columns]
            series = [s for s in series if s[3]]
            if series:
                many = len(series) > 4
                fig, ax = plt.subplots(figsize=(8.6 if many else 5.6, 3.8))
                max_epoch = 1
                for i, (target, host, kind, ok) in enumerate(series):
                    color = f"C{i % 10}"
                    epochs = [r["epoch"] for r in ok]
                    max_epoch = max(max_epoch, max(epochs))
                    val = [r["val_acc"] for r in ok]
                    if any(v is not None for v in val):
                        ax.plot(epochs, [v if v is not None else float("nan") for v in val],
                                "-o", color=color, label=f"{self.label(target, host, kind)} test")
                    train = [r["acc"] for r in ok]
                    if any(v is not None for v in train):
                        ax.plot(epochs, [v if v is not None else float("nan") for v in train],
                                "--s", color=color, alpha=0.7,
                                label=f"{self.label(target, host, kind)} train")
                ax.set_xlabel("epoch")
                ax.set_ylabel("accuracy")
                ax.set_ylim(0, 1.02)
                ax.set_xlim(0.5, max_epoch + 0.5)
                ax.set_xticks(range(1, max_epoch + 1))
                ax.grid(alpha=0.3)
                if many:  # beside the axes, not over the points
                    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
                else:
                    ax.legend(fontsize=8, loc="best")
                step_limited = any(r.get("extrapolated") for *_, ok in series for r in ok)
                title = f"{task}: accuracy per epoch"
                if step_limited:
                    title += "\n(step-limited epochs)"
                ax.set_title(title, fontsize=10)
                fig.tight_layout()
                name = f"{task}_accuracy.png"
                fig.savefig(os.path.join(outdir, name), dpi=110)
                plt.close(fig)
                plots[task].append(name)
        return plots


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+", help="results.json files or directories")
    ap.add_argument("--out", help="output directory (default: the first input's)")
    ap.add_argument("--check", action="store_true", help="only validate the inputs")
    args = ap.parse_args(argv)
    records = load(args.inputs)
    if args.check:
        print(f"report.py: {len(records)} records follow {SCHEMA}")
        return 0
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("report.py: error: matplotlib is missing; install it with "
              "'apt-get install python3-matplotlib'", file=sys.stderr)
        return 3
    outdir = args.out or os.path.dirname(os.path.abspath(
        os.path.join(args.inputs[0], "results.json") if os.path.isdir(args.inputs[0])
        else args.inputs[0]))
    os.makedirs(outdir, exist_ok=True)
    report = Report(records)
    plots = report.plot(outdir, plt)
    path = os.path.join(outdir, "report.md")
    with open(path, "w") as f:
        f.write(report.markdown(plots))
    print(f"report.py: wrote {path} and {sum(len(v) for v in plots.values())} plots")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
