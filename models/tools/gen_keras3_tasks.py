#!/usr/bin/env python3
"""Generate models/<name>_keras3.json: a model as Keras 3 saves it (the
config.json of a ``.keras`` file, written by keras 3.15.1 and kept under
test/frontend/inputs/) with a task's ``dlc:`` training section of
models/<task>.yaml added at the top level (dlc reads Keras 3's
``compile_config`` for nothing; Keras ignores unknown top-level keys):

  mnist_hrnn_keras3   keras3/mnist_hrnn.config.json, mnist_hrnn's training
  mnist_gru_keras3    functional/gru_simplernn.keras3.config.json (GRU 64
                      reset_after -> SimpleRNN 32 -> Dense 10 over the 28
                      rows of an MNIST image), mnist_hrnn's training
  babi_rnn_keras3     keras3/babi_rnn.config.json, babi_rnn's training (its
                      story LSTM runs 552 steps)

Keras 3's layers have Keras 3's defaults: an LSTM's or GRU's
``recurrent_activation`` is ``sigmoid`` (Keras 2.0.8's was ``hard_sigmoid``)
and a GRU has ``reset_after``, which is what cuDNN's RNN computes, so these
models exercise the CUDA targets' cuDNN RNN path.

Needs only Python 3 and PyYAML.  Usage:

    python3 models/tools/gen_keras3_tasks.py            # (re)write the files
    python3 models/tools/gen_keras3_tasks.py --check    # exit 1 if a file differs
"""
import json
import os
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# name -> (the Keras 3 file under test/frontend/inputs, the task whose dlc: section it takes)
MODELS = {
    "mnist_hrnn_keras3": ("keras3/mnist_hrnn.config.json", "mnist_hrnn"),
    "mnist_gru_keras3": ("functional/gru_simplernn.keras3.config.json", "mnist_hrnn"),
    "babi_rnn_keras3": ("keras3/babi_rnn.config.json", "babi_rnn"),
}


def dlc_section(task):
    text = open(os.path.join(ROOT, "models", task + ".yaml")).read()
    # The Keras 2.0.8 file tags shapes as Python tuples; only dlc: is read here.
    return yaml.safe_load(text.replace("!!python/tuple", ""))["dlc"]


def generate(name):
    source, task = MODELS[name]
    model = json.load(open(os.path.join(ROOT, "test", "frontend", "inputs", source)))
    model["dlc"] = dlc_section(task)
    return json.dumps(model, indent=1, sort_keys=False) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    differ = False
    for name in MODELS:
        path = os.path.join(ROOT, "models", name + ".json")
        text = generate(name)
        if check:
            if not os.path.exists(path) or open(path).read() != text:
                print(f"{path} differs from what {sys.argv[0]} writes")
                differ = True
        else:
            open(path, "w").write(text)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
