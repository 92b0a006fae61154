#!/usr/bin/env bash
# bench/peers/setup.sh [VENV_DIR]: the Python environment of the dlc bench
# peers (Keras 3 on TensorFlow / JAX / PyTorch, plain PyTorch), from PyPI.
#   VENV_DIR  default: bench/peers/.venv (git-ignored)
#   PYTHON    the interpreter to build it from (default: python3.11, else python3;
#             3.10 to 3.13)
# The dlc build never uses this environment. See docs/bench.md, "Peers".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${1:-$here/.venv}"
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
  if python3.11 -c pass 2>/dev/null; then python=python3.11; else python=python3; fi
fi
"$python" - <<'PY' || { echo "setup.sh: $python is not Python 3.10-3.13" >&2; exit 1; }
import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)
PY
start=$(date +%s)
echo "setup.sh: creating $venv with $("$python" --version)"
"$python" -m venv "$venv"
pip=("$venv/bin/python" -m pip install --disable-pip-version-check)
"${pip[@]}" --upgrade pip
constraints=()
[[ -f "$here/constraints.txt" ]] && constraints=(-c "$here/constraints.txt")
"${pip[@]}" -r "$here/requirements.txt" "${constraints[@]}"
# Check that every backend imports.
"$venv/bin/python" - <<'PY'
import importlib, os
for backend in ("tensorflow", "jax", "torch"):
    import subprocess, sys
    code = ("import keras, numpy; x = keras.ops.convert_to_tensor(numpy.ones((2, 2))); "
            "print('keras', keras.__version__, keras.backend.backend(), float(keras.ops.sum(x)))")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env=dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="2"))
import torch
print("torch", torch.__version__, "cuda available:", torch.cuda.is_available())
PY
echo "setup.sh: $venv ready in $(( $(date +%s) - start )) s"
