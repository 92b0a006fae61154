"""What every dlc bench peer shares: the command line (the same as `dlc bench`'s
--tasks/--epochs/--steps/--validation-samples/--warmup/--data-dir/--out), the
model files' `dlc:` section, the datasets read and preprocessed exactly as
dlc's runtime does (runtime/data: MNIST IDX, CIFAR-10 binary, bAbI through
Keras 2.0.8 babi_rnn.py's pipeline, Keras 2.0.8 shift+flip augmentation), and
results.json records of schema dlc-bench/1 with kind "peer" (docs/bench.md).

Plain Python 3.6+ and numpy (the Theano and MXNet runners import it too)."""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import socket
import struct
import subprocess
import sys
from functools import reduce

import numpy as np

SCHEMA = "dlc-bench/1"
TASKS = ["mnist_mlp", "mnist_cnn", "cifar10_cnn", "mnist_hrnn", "babi_rnn"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS_DIR = os.path.join(ROOT, "models")


# ---------------------------------------------------------------- the model files

def load_model_file(task, models_dir=MODELS_DIR):
    """The parsed YAML of models/<task>.yaml (Keras 2.0.8 to_yaml + dlc:), through PyYAML."""
    path = os.path.join(models_dir, task + ".yaml")
    try:
        import yaml  # noqa: F401
    except ImportError:
        sys.exit("bench/peers: reading %s needs PyYAML (pip install pyyaml)" % path)
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # Keras 2 writes shapes as !!python/tuple.
    Loader.add_constructor("tag:yaml.org,2002:python/tuple",
                           lambda loader, node: tuple(loader.construct_sequence(node)))
    with open(path) as f:
        return yaml.load(f, Loader=Loader)


def optimizer_config(spec):
    """(class_name, config with Keras 2.0.8 defaults filled in)."""
    name = spec["class_name"]
    cfg = dict(spec.get("config") or {})
    if "learning_rate" in cfg:
        cfg["lr"] = cfg.pop("learning_rate")
    defaults = {
        "SGD": {"lr": 0.01, "momentum": 0.0, "decay": 0.0, "nesterov": False},
        "RMSprop": {"lr": 0.001, "rho": 0.9, "epsilon": 1e-8, "decay": 0.0},
        "Adadelta": {"lr": 1.0, "rho": 0.95, "epsilon": 1e-8, "decay": 0.0},
        "Adam": {"lr": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-8, "decay": 0.0},
    }[name]
    for k, v in defaults.items():
        cfg.setdefault(k, v)
    return name, cfg


# ---------------------------------------------------------------- datasets

def _read(path):
    with open(path, "rb") as f:
        data = f.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _find(base, names):
    for n in names:
        p = os.path.join(base, n)
        if os.path.exists(p):
            return p
    raise FileNotFoundError("none of " + ", ".join(os.path.join(base, n) for n in names))


def read_idx(path):
    data = _read(path)
    magic, = struct.unpack(">I", data[:4])
    if magic >> 8 != 0x08:
        raise ValueError("%s: not an unsigned-byte IDX file (magic %#x)" % (path, magic))
    ndim = magic & 0xff
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    return arr.reshape(dims)


def one_hot(labels, classes):
    y = np.zeros((len(labels), classes), dtype=np.float32)
    y[np.arange(len(labels)), labels] = 1
    return y


def rescale(images_u8, factor):
    """dlc's pixelTable: float(double(v) * rescale), which for 1/255 equals
    float32 x / 255 bit for bit (docs/data.md)."""
    table = (np.arange(256, dtype=np.float64) * factor).astype(np.float32)
    return table[images_u8]


def load_mnist(data_dir, layout, factor):
    base = os.path.join(data_dir, "mnist")
    def get(stem):
        return read_idx(_find(base, [stem + ".gz", stem]))
    xtr, ytr = get("train-images-idx3-ubyte"), get("train-labels-idx1-ubyte")
    xte, yte = get("t10k-images-idx3-ubyte"), get("t10k-labels-idx1-ubyte")
    shape = (784,) if layout == "flat" else (28, 28, 1)
    return ((rescale(xtr, factor).reshape((-1,) + shape), one_hot(ytr, 10)),
            (rescale(xte, factor).reshape((-1,) + shape), one_hot(yte, 10)))


def load_cifar10(data_dir, factor):
    base = os.path.join(data_dir, "cifar10", "cifar-10-batches-bin")
    def records(path):
        data = np.frombuffer(_read(path), dtype=np.uint8)
        if data.size == 0 or data.size % 3073:
            raise ValueError("%s: not a multiple of 3073-byte records" % path)
        r = data.reshape(-1, 3073)
        # HWC: image[h][w][c] = plane_c[32 h + w]
        return r[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), r[:, 0]
    names = sorted((f for f in os.listdir(base) if re.match(r"data_batch_\d+\.bin$", f)),
                   key=lambda f: int(re.findall(r"\d+", f)[0]))
    parts = [records(os.path.join(base, f)) for f in names]
    xtr = np.concatenate([p[0] for p in parts])
    ytr = np.concatenate([p[1] for p in parts])
    xte, yte = records(os.path.join(base, "test_batch.bin"))
    return ((rescale(xtr, factor), one_hot(ytr, 10)), (rescale(xte, factor), one_hot(yte, 10)))


# bAbI: Keras 2.0.8 examples/babi_rnn.py. Python 2's re.split(r'(\W+)?') ignored
# empty matches; r'(\W+)' is its Python 3 equivalent.
def _tokenize(sent):
    return [x.strip() for x in re.split(r"(\W+)", sent) if x and x.strip()]


def _parse_stories(lines):
    data, story = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        nid, line = line.split(" ", 1)
        if int(nid) == 1:
            story = []
        if "\t" in line:
            q, a, _ = line.split("\t")
            data.append(([x for x in story if x], _tokenize(q), a))
            story.append("")
        else:
            story.append(_tokenize(line))
    return data


def _get_stories(path):
    with open(path) as f:
        data = _parse_stories(f.readlines())
    return [(reduce(lambda x, y: x + y, s, []), q, a) for s, q, a in data]


def _pad_pre(seqs, maxlen):
    out = np.zeros((len(seqs), maxlen), dtype=np.int32)
    for i, s in enumerate(seqs):
        s = s[-maxlen:]
        if s:
            out[i, -len(s):] = s
    return out


def load_babi(data_dir, task="qa2", variant="en"):
    base = os.path.join(data_dir, "babi", "tasks_1-20_v1-2", variant)
    prefix = [f for f in os.listdir(base) if f.startswith(task + "_") and f.endswith("_train.txt")]
    if not prefix:
        raise FileNotFoundError("%s/%s_*_train.txt" % (base, task))
    stem = prefix[0][:-len("_train.txt")]
    train = _get_stories(os.path.join(base, stem + "_train.txt"))
    test = _get_stories(os.path.join(base, stem + "_test.txt"))
    vocab = set()
    for s, q, a in train + test:
        vocab |= set(s + q + [a])
    vocab = sorted(vocab)
    word_idx = {c: i + 1 for i, c in enumerate(vocab)}
    story_maxlen = max(len(s) for s, _, _ in train + test)
    query_maxlen = max(len(q) for _, q, _ in train + test)

    def vectorize(data):
        xs = _pad_pre([[word_idx[w] for w in s] for s, _, _ in data], story_maxlen)
        xq = _pad_pre([[word_idx[w] for w in q] for _, q, _ in data], query_maxlen)
        y = one_hot(np.array([word_idx[a] for _, _, a in data]), len(word_idx) + 1)
        return [xs, xq], y
    return vectorize(train), vectorize(test)


def load_task_data(task, spec, data_dir):
    """((train inputs list, train labels), (test inputs list, test labels)) as dlc
    feeds them: inputs in the model's input order (bAbI: story, question)."""
    ds = spec["dlc"]["dataset"]
    factor = (spec["dlc"].get("preprocessing") or {}).get("rescale", 1.0)
    name = ds["name"]
    if name == "mnist":
        flat = task == "mnist_mlp"
        (xtr, ytr), (xte, yte) = load_mnist(data_dir, "flat" if flat else "image", factor)
        return ([xtr], ytr), ([xte], yte)
    if name == "cifar10":
        (xtr, ytr), (xte, yte) = load_cifar10(data_dir, factor)
        return ([xtr], ytr), ([xte], yte)
    if name == "babi":
        return load_babi(data_dir, ds.get("task", "qa2"), ds.get("variant", "en"))
    raise ValueError("dataset %r is not supported by the peers" % name)


# ---------------------------------------------------------------- augmentation

class ShiftFlip:
    """Keras 2.0.8 ImageDataGenerator(width_shift_range, height_shift_range,
    horizontal_flip, fill_mode='nearest') on HWC batches, vectorised: the same
    per-sample draws (numpy's uniform(-h, h) * H, flip when uniform < 0.5) and
    the same pixel mapping as scipy's affine_transform(order=0, mode='nearest')
    with Keras' centring (docs/data.md), from a numpy RandomState."""

    def __init__(self, cfg, seed=0):
        self.h = float(cfg.get("height_shift_range", 0))
        self.w = float(cfg.get("width_shift_range", 0))
        self.flip = bool(cfg.get("horizontal_flip", False))
        self.rng = np.random.RandomState(seed)

    def __call__(self, x):
        n, H, W = x.shape[:3]
        tx = self.rng.uniform(-self.h, self.h, n) * H
        ty = self.rng.uniform(-self.w, self.w, n) * W
        flips = self.rng.uniform(0, 1, n) < 0.5 if self.flip else np.zeros(n, bool)
        oH, oW = H / 2.0 + 0.5, W / 2.0 + 0.5
        offR = (tx + oH) - oH
        offC = (ty + oW) - oW
        i = np.arange(H)[None, :] + offR[:, None]
        j = np.arange(W)[None, :] + offC[:, None]
        r = np.floor(np.clip(i, 0, H - 1) + 0.5).astype(np.int64)
        c = np.floor(np.clip(j, 0, W - 1) + 0.5).astype(np.int64)
        c = np.where(flips[:, None], c[:, ::-1], c)
        return x[np.arange(n)[:, None, None], r[:, :, None], c[:, None, :]]


# ---------------------------------------------------------------- command line

def parse_args(argv, target_help, extra=None):
    """The peers' command line; extra(ap) adds a runner's own options."""
    ap = argparse.ArgumentParser(description="dlc bench peer: " + target_help)
    if extra:
        extra(ap)
    ap.add_argument("--tasks", default="all", help="comma-separated, or all = " + ",".join(TASKS))
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--steps", type=int, default=None,
                    help="limit every epoch to N steps (s/epoch extrapolated)")
    ap.add_argument("--validation-samples", type=int, default=None,
                    help="evaluate on the first N test samples (default all; 500 with --steps)")
    ap.add_argument("--warmup", type=int, default=2, help="unmeasured steps first")
    ap.add_argument("--data-dir", default=os.environ.get("DLC_DATA_DIR"))
    ap.add_argument("--out", default="peers-out", help="results.json goes here (merged into "
                    "an existing one: records of the same run_id/task/target are replaced)")
    ap.add_argument("--models-dir", default=MODELS_DIR)
    ap.add_argument("--machine-from", default=None,
                    help="a dlc bench results.json (or its folder) on this machine: its "
                    "machine.sgemm is copied (default: <out>/../dlc/results.json if present)")
    ap.add_argument("--threads", type=int, default=None,
                    help="intra-op threads of the framework (default: its own default)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    a.tasks = TASKS if a.tasks == "all" else a.tasks.split(",")
    for t in a.tasks:
        if not os.path.exists(os.path.join(a.models_dir, t + ".yaml")):
            ap.error("unknown task %r (no %s.yaml in %s)" % (t, t, a.models_dir))
    if not a.data_dir:
        ap.error("--data-dir or $DLC_DATA_DIR is required")
    if a.validation_samples is None and a.steps:
        a.validation_samples = 500
    return a


# ---------------------------------------------------------------- records

def utc_now():
    return datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z"


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def machine(threads=None, machine_from=None):
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        mem = None
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    # Reports tell machines apart by hostname; DLC_BENCH_HOSTNAME names one
    # whose hostname another shares (as dlc bench reads it too).
    host = os.environ.get("DLC_BENCH_HOSTNAME") or socket.gethostname()
    m = {"hostname": host, "cpu": _cpu_name(), "cpus": cpus,
         "threads": threads or cpus, "memory_bytes": mem,
         "os": "%s %s" % (platform.system(), platform.release()), "gpu": None, "sgemm": None}
    if machine_from:
        p = os.path.join(machine_from, "results.json") if os.path.isdir(machine_from) else machine_from
        try:
            with open(p) as f:
                for r in json.load(f):
                    if r.get("machine", {}).get("hostname") == m["hostname"] and r["machine"].get("sgemm"):
                        m["sgemm"] = r["machine"]["sgemm"]
                        break
        except (OSError, ValueError):
            pass
    return m


def dlc_git():
    try:
        commit = subprocess.check_output(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"],
                                         stderr=subprocess.DEVNULL).decode().strip()
        dirty = subprocess.call(["git", "-C", ROOT, "diff", "--quiet", "HEAD"],
                                stderr=subprocess.DEVNULL) != 0
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


class Recorder:
    """Collects one run's records and writes <out>/results.json (merging)."""

    def __init__(self, args, target, version):
        self.args = args
        self.target = target
        self.version = dict(version)
        self.version.setdefault("python", platform.python_version())
        self.version.setdefault("git", dlc_git())
        self.run_id = "%s@%s" % (utc_now(), socket.gethostname())
        mf = args.machine_from
        if mf is None:
            guess = os.path.join(os.path.dirname(os.path.abspath(args.out)), "dlc", "results.json")
            mf = guess if os.path.exists(guess) else None
        self.machine = machine(args.threads, mf)
        self.records = []

    def base(self, task, status, reason=None, epoch=None, started_at=None):
        return {"schema": SCHEMA, "run_id": self.run_id, "started_at": started_at or utc_now(),
                "task": task, "target": self.target, "kind": "peer", "status": status,
                "reason": reason, "epochs": self.args.epochs, "epoch": epoch,
                "machine": self.machine, "version": self.version}

    def not_run(self, task, status, reason):
        self.records.append(self.base(task, status, reason))
        print("[%s] %s: %s: %s" % (self.target, task, status, reason), flush=True)

    def epoch(self, task, started_at, epoch, batch_size, steps, full_steps, samples,
              train_seconds, loss, acc, val_loss, val_acc, val_samples, eval_seconds,
              compile_seconds=None, peak_rss_bytes=None):
        r = self.base(task, "ok", None, epoch, started_at)
        extrapolated = steps < full_steps
        spe = train_seconds * full_steps / steps if extrapolated else train_seconds
        r.update({
            "batch_size": batch_size, "steps": steps, "steps_per_full_epoch": full_steps,
            "samples": samples, "train_seconds": train_seconds, "seconds_per_epoch": spe,
            "extrapolated": extrapolated, "step_limited": self.args.steps is not None,
            "samples_per_s": samples / train_seconds if train_seconds > 0 else 0.0,
            "compile_seconds": compile_seconds, "train_step_flops": None,
            "gflop_per_s": None, "sgemm_fraction": None,
            "peak_rss_bytes": peak_rss_bytes, "compile_peak_rss_bytes": None,
            "loss": float(loss), "acc": None if acc is None else float(acc),
            "val_loss": None if val_loss is None else float(val_loss),
            "val_acc": None if val_acc is None else float(val_acc),
            "val_samples": val_samples, "eval_seconds": eval_seconds})
        self.records.append(r)
        print("[%s] %s epoch %d/%d: %d steps in %.2f s (%.1f s/epoch%s) loss %.4f acc %s "
              "val_acc %s" % (self.target, task, epoch, self.args.epochs, steps, train_seconds,
                              spe, " extrapolated" if extrapolated else "", loss,
                              "–" if acc is None else "%.4f" % acc,
                              "–" if val_acc is None else "%.4f" % val_acc), flush=True)

    def write(self):
        os.makedirs(self.args.out, exist_ok=True)
        path = os.path.join(self.args.out, "results.json")
        old = []
        if os.path.exists(path):
            with open(path) as f:
                old = json.load(f)
        keys = {(r["target"], r["task"]) for r in self.records}
        # A rerun of a target and task replaces that target's earlier records of it.
        merged = [r for r in old if (r["target"], r["task"]) not in keys] + self.records
        with open(path + ".tmp", "w") as f:
            json.dump(merged, f, indent=1)
        os.replace(path + ".tmp", path)
        print("[%s] wrote %s (%d records)" % (self.target, path, len(merged)), flush=True)


def peak_rss_bytes():
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    except Exception:
        return None


def steps_for(n_train, batch, steps_arg):
    full = n_train // batch
    return full, (min(full, steps_arg) if steps_arg else full)
