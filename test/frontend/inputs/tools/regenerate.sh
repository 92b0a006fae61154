#!/usr/bin/env bash
# Regenerate every file under test/frontend/inputs/ that a real Keras wrote
# (everything except invalid/, README.md and the scripts).  Not part of the
# build or CI: it needs throw-away virtualenvs OUTSIDE the repo, made once with
#
#   V=/work/venvs   # any folder outside the repo
#   P36=python3.6   # e.g. ~/.pyenv/versions/3.6.15/bin/python
#   $P36 -m venv $V/k208 && $V/k208/bin/pip install 'pip==21.3.1' &&
#     $V/k208/bin/pip install tensorflow==1.3.0 keras==2.0.8 pyyaml==3.12 'protobuf<3.20'
#   $P36 -m venv $V/k122 && $V/k122/bin/pip install 'pip==21.3.1' &&
#     $V/k122/bin/pip install tensorflow==1.3.0 keras==1.2.2 pyyaml==3.12 'protobuf<3.20'
#   $P36 -m venv $V/k222 && $V/k222/bin/pip install 'pip==21.3.1' &&
#     $V/k222/bin/pip install --prefer-binary tensorflow==1.10.0 keras==2.2.2 pyyaml==3.13 'protobuf<3.20'
#   $P36 -m venv $V/k224 && $V/k224/bin/pip install 'pip==21.3.1' &&
#     $V/k224/bin/pip install --prefer-binary tensorflow==1.12.0 keras==2.2.4 pyyaml==3.13 'protobuf<3.20'
#   python3.11 -m venv $V/tf215 && $V/tf215/bin/pip install 'tensorflow-cpu==2.15.*'
#   python3.11 -m venv $V/keras3 && $V/keras3/bin/pip install keras jax jaxlib
#
# Usage: test/frontend/inputs/tools/regenerate.sh [VENV_DIR]   (default /work/venvs)
set -euo pipefail
V=${1:-/work/venvs}
HERE=$(cd "$(dirname "$0")" && pwd)
IN=$(dirname "$HERE")
TASKS="mnist_mlp mnist_cnn cifar10_cnn mnist_hrnn babi_rnn"
export TF_CPP_MIN_LOG_LEVEL=3 PYTHONWARNINGS=ignore

k2() {  # venv model fmt out
  "$V/$1/bin/python" -W ignore "$HERE/keras2_models.py" "$2" "$3" > "$4" 2> /tmp/dlc-regen.err || {
    cat /tmp/dlc-regen.err; exit 1; }
  grep params /tmp/dlc-regen.err
}

mkdir -p "$IN"/{keras2-json-list,keras2-json-list-2.2.2,keras2-json,keras2-json-2.2.4,keras1,keras3,channels_first,functional}
for t in $TASKS; do
  k2 k208 "$t" json "$IN/keras2-json-list/$t.json"
  k2 k222 "$t" json "$IN/keras2-json-list-2.2.2/$t.json"
  k2 tf215 "$t" json "$IN/keras2-json/$t.json"
  k2 k224 "$t" json "$IN/keras2-json-2.2.4/$t.json"
done
k2 k208 mnist_cnn_cf yaml "$IN/channels_first/mnist_cnn_cf.yaml"
k2 k224 mnist_cnn_cf json "$IN/channels_first/mnist_cnn_cf.json"
for m in concat_branches shared_dense gru_simplernn conv_misc; do
  k2 k208 "$m" yaml "$IN/functional/$m.yaml"
  k2 k208 "$m" json "$IN/functional/$m.json"
done
k2 k224 gru_simplernn json "$IN/functional/gru_simplernn.keras-2.2.4.json"

for m in mnist_mlp mnist_cnn cifar10_cnn mnist_hrnn babi_rnn babi_rnn_merge merge_concat; do
  "$V/k122/bin/python" -W ignore "$HERE/keras1_models.py" "$m" json > "$IN/keras1/$m.json"
done
"$V/k122/bin/python" -W ignore "$HERE/keras1_models.py" mnist_cnn yaml > "$IN/keras1/mnist_cnn.yaml"

K3=$(mktemp -d)
KERAS_BACKEND=jax "$V/keras3/bin/python" "$HERE/keras3_models.py" "$K3"
for t in $TASKS; do cp "$K3/$t.config.json" "$IN/keras3/$t.config.json"; done
cp "$K3/tiny_functional.keras" "$K3/tiny_functional.config.json" "$IN/keras3/"
cp "$K3/advanced_activations.config.json" "$IN/keras3/"
cp "$K3/gru_simplernn.config.json" "$IN/functional/gru_simplernn.keras3.config.json"
rm -rf "$K3"
echo "regenerated under $IN"
