#!/usr/bin/env python3
"""Records of the article's published CNTK numbers (target "cntk (published, K80)").

    python bench/peers/published.py --out DIR

The article this project follows compared Keras' backends on a K80 GPU
(J. Bhatia, "The Search for the Fastest Keras Deep Learning Backend",
KDnuggets, September 2017, on the same five Keras examples). Its per-backend
seconds per epoch are in its charts; the text found (the search tool's
stored copy) states only ranges shared by several backends, so no exact CNTK
value is recorded: every record is `status: "unavailable"` with the
reason, and the note carries what the text says (mnist_mlp: CNTK, TensorFlow
and Theano 2.5-2.7 s/epoch, MXNet 1.4; mnist_hrnn: CNTK and MXNet 162-164,
TensorFlow 179). The other three tasks' numbers were not in the text found.
CNTK itself also runs here on the CPU: legacy/setup.sh cntk (target keras2-cntk).
Plain Python 3 (no numpy).
"""
import argparse
import datetime
import json
import os
import socket

TEXT = {
    "mnist_mlp": "text: CNTK, TensorFlow and Theano 2.5-2.7 s/epoch, MXNet 1.4 s/epoch",
    "mnist_hrnn": "text: CNTK and MXNet 162-164 s/epoch, TensorFlow 179 s/epoch",
}
SOURCE = ("J. Bhatia, The Search for the Fastest Keras Deep Learning Backend, KDnuggets 2017 "
          "(Keras 2.0.x backends on a K80 GPU)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    now = datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z"
    machine = {"hostname": "published-k80", "cpu": None, "cpus": None, "threads": None,
               "memory_bytes": None, "os": None, "gpu": "NVIDIA Tesla K80 (the article's)",
               "sgemm": None}
    records = []
    for task in ["mnist_mlp", "mnist_cnn", "cifar10_cnn", "mnist_hrnn", "babi_rnn"]:
        records.append({
            "schema": "dlc-bench/1", "run_id": "%s@%s" % (now, socket.gethostname()),
            "started_at": now, "task": task, "target": "cntk (published, K80)", "kind": "peer",
            "published": True, "status": "unavailable",
            "reason": "published number not recorded: the article gives per-backend s/epoch in "
                      "charts; its text has no exact CNTK value for this task",
            "note": "%s; %s" % (SOURCE, TEXT.get(task, "no number for this task in the text found")),
            "epochs": 1, "epoch": None, "machine": machine,
            "version": {"cntk": "2.x (the article's)", "keras": "2.0.x (the article's)",
                        "peer": "bench/peers/published.py"}})
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "results.json")
    old = []
    if os.path.exists(path):
        with open(path) as f:
            old = [r for r in json.load(f) if r["target"] != "cntk (published, K80)"]
    with open(path, "w") as f:
        json.dump(old + records, f, indent=1)
    print("published.py: wrote %d records to %s" % (len(records), path))


if __name__ == "__main__":
    main()
