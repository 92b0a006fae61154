#!/usr/bin/env python3
"""Writes a tiny data folder laid out like ../shared/data (docs/data.md) for the
tools' lit tests: MNIST (16 training, 8 test images), CIFAR-10 (2 + 2 records)
and bAbI qa1 en-10k (3 + 2 questions). Usage: make_tiny_data.py DIR"""
import gzip
import pathlib
import struct
import sys

out = pathlib.Path(sys.argv[1])


def idx(kind, dims, payload):
    return struct.pack(">I", 0x800 | kind) + b"".join(struct.pack(">I", d) for d in dims) + payload


mnist = out / "mnist"
mnist.mkdir(parents=True, exist_ok=True)
for split, n in (("train", 16), ("t10k", 8)):
    pixels = bytes((i * 7 + j) % 256 for i in range(n) for j in range(784))
    labels = bytes(i % 10 for i in range(n))
    (mnist / f"{split}-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx(3, [n, 28, 28], pixels)))
    (mnist / f"{split}-labels-idx1-ubyte").write_bytes(idx(1, [n], labels))

cifar = out / "cifar10" / "cifar-10-batches-bin"
cifar.mkdir(parents=True, exist_ok=True)
record = lambda label: bytes([label]) + bytes(i % 256 for i in range(3072))
(cifar / "data_batch_1.bin").write_bytes(record(1) + record(2))
(cifar / "test_batch.bin").write_bytes(record(3) + record(4))

babi = out / "babi" / "tasks_1-20_v1-2" / "en-10k"
babi.mkdir(parents=True, exist_ok=True)
(babi / "qa1_single-supporting-fact_train.txt").write_text(
    "1 Mary moved to the bathroom.\n2 John went to the hallway.\n"
    "3 Where is Mary? \tbathroom\t1\n4 Daniel went back to the hallway.\n"
    "5 Where is Daniel? \thallway\t4\n1 Sandra journeyed to the office.\n"
    "2 Where is Sandra? \toffice\t1\n")
(babi / "qa1_single-supporting-fact_test.txt").write_text(
    "1 John travelled to the garden.\n2 Where is John? \tgarden\t1\n"
    "1 Mary went to the kitchen.\n2 Where is Mary? \tkitchen\t1\n")
