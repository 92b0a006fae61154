#!/usr/bin/env python3
"""Seed corpora of the runtime's fuzz targets (docs/fuzzing.md).

Usage: test/fuzz/make_runtime_corpus.py OUT_DIR [DLC]

Writes OUT_DIR/<target>/ for npy, idx, cifar, babi, checkpoint and bundle:
small valid files of each format written here byte by byte (the layouts in
runtime/data/*.h and runtime/train/Checkpoint.h), their gzip forms where the
reader takes gzip, the saved regressions, and (for bundle) cpu-ref bundles of
three tiny models compiled with DLC (default build/bin/dlc), and their bare
manifests, so the planner sees dense, convolution and recurrent steps.
"""
import gzip
import json
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def npy(shape, data, descr):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + data


def idx(kind, dims, payload):
    return struct.pack(">I", 0x800 | kind) + b"".join(struct.pack(">I", d) for d in dims) + payload


def checkpoint(state, meta):
    text = json.dumps(meta, separators=(",", ":")).encode()
    offset = (32 + len(text) + 63) // 64 * 64
    size = offset + len(state) + 4
    head = b"DLCCKPT\0" + struct.pack("<IIQQ", 1, len(text), len(state), size)
    body = head + text + b"\0" * (offset - 32 - len(text)) + state
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def manifest_of(bundle):
    """The manifest section of a bundle (abi/BundleFormat.h): the bundle
    target takes a bare manifest too, wrapped in a valid container."""
    count = struct.unpack_from("<I", bundle, 12)[0]
    for i in range(count):
        name, offset, size, _crc, _ = struct.unpack_from("<24sQQII", bundle, 24 + 48 * i)
        if name.rstrip(b"\0") == b"manifest":
            return bundle[offset:offset + size]
    raise ValueError("no manifest section")


TINY_MODELS = {
    "dense": """
class_name: Sequential
config:
- class_name: Dense
  config: {name: d1, units: 3, activation: relu, batch_input_shape: [null, 4]}
- class_name: Dropout
  config: {name: dr, rate: 0.5}
- class_name: Dense
  config: {name: d2, units: 2, activation: softmax}
""",
    "conv": """
class_name: Sequential
config:
- class_name: Conv2D
  config: {name: c1, filters: 2, kernel_size: [3, 3], padding: same, activation: relu,
           batch_input_shape: [null, 6, 6, 1]}
- class_name: MaxPooling2D
  config: {name: p1, pool_size: [2, 2]}
- class_name: Flatten
  config: {name: f1}
- class_name: Dense
  config: {name: d1, units: 2, activation: softmax}
""",
    "rnn": """
class_name: Sequential
config:
- class_name: Embedding
  config: {name: e1, input_dim: 5, output_dim: 3, batch_input_shape: [null, 4]}
- class_name: LSTM
  config: {name: l1, units: 3}
- class_name: Dense
  config: {name: d1, units: 5, activation: softmax}
""",
}
TINY_TRAINING = """
dlc:
  task: tiny
  dataset: {name: mnist}
  loss: categorical_crossentropy
  metrics: [accuracy]
  optimizer: {class_name: Adam, config: {lr: 0.001}}
  batch_size: 2
  epochs: 1
"""


def main():
    out = pathlib.Path(sys.argv[1])
    dlc = sys.argv[2] if len(sys.argv) > 2 else str(ROOT / "build" / "bin" / "dlc")
    seeds = {t: {} for t in ("npy", "idx", "cifar", "babi", "checkpoint", "bundle")}

    f32 = struct.pack("<6f", 1, 2, 3, -4, 0.5, 6)
    seeds["npy"]["f4-2x3.npy"] = npy("(2, 3)", f32, "<f4")
    seeds["npy"]["u1-2x2x2.npy"] = npy("(2, 2, 2)", bytes(range(8)), "|u1")
    seeds["npy"]["i8-3.npy"] = npy("(3,)", struct.pack("<3q", 1, -2, 3), "<i8")
    seeds["npy"]["f8-scalar.npy"] = npy("()", struct.pack("<d", 2.5), "<f8")

    images = idx(3, [2, 2, 3], bytes([0, 1, 2, 3, 4, 5, 255, 128, 64, 32, 16, 8]))
    labels = idx(1, [2], bytes([3, 7]))
    seeds["idx"].update({"images": images, "labels": labels,
                         "images.gz": gzip.compress(images), "labels.gz": gzip.compress(labels)})

    record = bytes([4]) + bytes(i % 251 for i in range(3072))
    seeds["cifar"].update({"one.bin": record, "two.bin": record + bytes([9]) + bytes(3072),
                           "one.bin.gz": gzip.compress(record)})

    seeds["babi"]["story.txt"] = (
        b"1 Mary moved to the bathroom.\n2 John went to the hallway.\n"
        b"3 Where is Mary? \tbathroom\t1\n4 Daniel went back to the hallway.\n"
        b"5 Where is Daniel? \thallway\t4\n1 Sandra journeyed to the office.\n"
        b"2 Where is Sandra?\toffice\t1\n")
    qa1 = ROOT.parent / "shared" / "data" / "babi" / "tasks_1-20_v1-2" / "en"
    for f in sorted(qa1.glob("qa1_*_test.txt"))[:1]:
        seeds["babi"]["qa1-head.txt"] = b"".join(f.read_bytes().splitlines(True)[:60])

    meta = {"manifest_hash": "0123456789abcdef", "task": "tiny", "target": "cpu-ref",
            "bundle": "tiny.dlcb", "seed": 0, "iterations": 3, "epoch": 1, "batch": 0,
            "batch_size": 2, "epoch_loss_sum": 0.0, "epoch_correct": 0, "epoch_samples": 0,
            "epoch_seconds": 0.0}
    seeds["checkpoint"]["epoch1.ckpt"] = checkpoint(struct.pack("<8f", *range(8)), meta)
    seeds["checkpoint"]["empty-state.ckpt"] = checkpoint(b"", dict(meta, epoch=0, batch=2))

    with tempfile.TemporaryDirectory() as tmp:
        for name, model in TINY_MODELS.items():
            src = pathlib.Path(tmp) / (name + ".yaml")
            src.write_text(model + TINY_TRAINING)
            dst = pathlib.Path(tmp) / (name + ".dlcb")
            subprocess.run([dlc, "compile", str(src), "--target=cpu-ref", "-o", str(dst)],
                           check=True)
            seeds["bundle"][name + ".dlcb"] = dst.read_bytes()
            seeds["bundle"][name + ".manifest.json"] = manifest_of(dst.read_bytes())

    for target, files in seeds.items():
        folder = out / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        regressions = ROOT / "test" / "fuzz" / "regressions" / target
        for f in regressions.glob("*"):
            if f.name != "README.md":
                shutil.copy(f, folder / ("regression-" + f.name))
        print(f"{len(os.listdir(folder))} seed inputs in {folder}")


if __name__ == "__main__":
    main()
