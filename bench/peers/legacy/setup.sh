#!/usr/bin/env bash
# bench/peers/legacy/setup.sh theano|mxnet|cntk [VENV_DIR]: the environment of
# the article's other Keras backends (docs/bench.md, "Peers"): Keras 2.3.1 on
# Theano 1.0.5, keras-mxnet 2.2.4.3 on MXNet 1.9.1, or Keras 2.3.1 on CNTK
# 2.7.post2, on Python 3.6 (their last supported Python; numpy 1.19). PYTHON
# names the interpreter (default: python3.6 on PATH, else pyenv's 3.6.x).
# CNTK's wheel links OpenMPI 1.10's libmpi.so.12 and libmpi_cxx.so.1, which
# Debian no longer ships: VENV/mpicompat/ gets those names as links to the
# system's OpenMPI 4 libraries (apt-get install libopenmpi3); CNTK's
# single-process CPU path loads but does not use MPI (run_keras2.py sets
# LD_LIBRARY_PATH).
#   VENV_DIR default: bench/peers/.venv-<backend> (git-ignored)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
backend="${1:?usage: setup.sh theano|mxnet|cntk [VENV_DIR]}"
case "$backend" in theano|mxnet|cntk) ;; *) echo "setup.sh: theano, mxnet or cntk, not $backend" >&2; exit 2;; esac
venv="${2:-$here/../.venv-$backend}"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if python3.6 -c pass 2>/dev/null; then python=python3.6
  else python="$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.6.*/bin/python3.6 2>/dev/null | tail -1)"
  fi
fi
[[ -n "$python" ]] || { echo "setup.sh: no Python 3.6 (set PYTHON=...; pyenv install 3.6.15)" >&2; exit 1; }
start=$(date +%s)
echo "setup.sh: creating $venv with $("$python" --version 2>&1)"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --disable-pip-version-check -q --upgrade "pip<22" "setuptools<60" wheel
"$venv/bin/python" -m pip install --disable-pip-version-check -r "$here/requirements-$backend.txt"
if [[ "$backend" == cntk ]]; then
  lib=/usr/lib/x86_64-linux-gnu
  if [[ ! -e $lib/libmpi_cxx.so.40 || ! -e $lib/libmpi.so.40 ]]; then
    echo "setup.sh: CNTK needs OpenMPI's libraries: apt-get install libopenmpi3" >&2
    exit 1
  fi
  mkdir -p "$venv/mpicompat"
  ln -sf $lib/libmpi_cxx.so.40 "$venv/mpicompat/libmpi_cxx.so.1"
  ln -sf $lib/libmpi.so.40 "$venv/mpicompat/libmpi.so.12"
  export LD_LIBRARY_PATH="$venv/mpicompat${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# Check: the backend imports and runs one op.
KERAS_BACKEND="$backend" "$venv/bin/python" -c "
import keras, keras.backend as K, numpy as np
print('keras', keras.__version__, 'backend', K.backend(), float(K.eval(K.sum(K.variable(np.ones((2, 2)))))))"
echo "setup.sh: $venv ready in $(( $(date +%s) - start )) s"
