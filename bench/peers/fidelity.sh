#!/usr/bin/env bash
# bench/peers/fidelity.sh [DLC] [VENV_DIR] [-- fidelity.py options]: the Keras
# fidelity check (fidelity.py) with the peers venv's Python. Exit 77 (skip)
# when the venv is absent, so a build without it stays green.
#   DLC       default: $DLC, else build/bin/dlc
#   VENV_DIR  default: $DLC_PEERS_VENV, else bench/peers/.venv
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pos=()
while (( $# )) && [[ "$1" != "--" ]]; do pos+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
dlc="${pos[0]:-${DLC:-$here/../../build/bin/dlc}}"
venv="${pos[1]:-${DLC_PEERS_VENV:-$here/.venv}}"
if [[ ! -x "$venv/bin/python" ]]; then
  echo "fidelity: SKIP: no peers venv at $venv (create it: bench/peers/setup.sh $venv)"
  exit 77
fi
exec "$venv/bin/python" "$here/fidelity.py" --dlc "$dlc" "$@"
