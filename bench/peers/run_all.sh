#!/usr/bin/env bash
# bench/peers/run_all.sh [options]: every peer into OUT/results.json (docs/bench.md, "Peers").
#   --out DIR         default bench-out/peers
#   --venv DIR        the Keras 3 / PyTorch venv (default: $DLC_PEERS_VENV, else bench/peers/.venv)
#   --legacy-dir DIR  where the Theano/MXNet/CNTK venvs are: DIR/theano, DIR/mxnet, DIR/cntk
#                     (default: bench/peers/.venv-<backend>)
#   --targets LIST    comma-separated (default all): keras3-tensorflow, keras3-jax,
#                     keras3-torch, pytorch, keras2-theano, keras2-mxnet, keras2-cntk, published;
#                     also (not in all) pytorch-cuda: run_pytorch.py --device cuda, `unavailable`
#                     records without a GPU (on a bare GPU machine: gpu/run_pytorch_cuda.sh)
#   anything else goes to every runner: --tasks, --epochs, --steps, --validation-samples,
#   --warmup, --data-dir, --threads, --machine-from.
# A target whose venv is missing gets `unavailable` records saying so; one that fails
# gets `failed` records with the error. Exit 0 when every runner ran.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out=bench-out/peers venv="${DLC_PEERS_VENV:-$here/.venv}" legacy="" targets=all pass=()
while (( $# )); do
  case "$1" in
    --out) out="$2"; shift 2;;
    --venv) venv="$2"; shift 2;;
    --legacy-dir) legacy="$2"; shift 2;;
    --targets) targets="$2"; shift 2;;
    *) pass+=("$1"); shift;;
  esac
done
[[ "$targets" == all ]] && targets=keras3-tensorflow,keras3-jax,keras3-torch,pytorch,keras2-theano,keras2-mxnet,keras2-cntk,published
py="$venv/bin/python"
if [[ ! -x "$py" ]]; then
  echo "run_all.sh: no peers venv at $venv: bench/peers/setup.sh $venv" >&2
  exit 1
fi
status=0
for t in ${targets//,/ }; do
  echo "=== $t ($(date -u +%H:%M:%S))"
  case "$t" in
    keras3-*) "$py" "$here/run_keras3.py" --backend "${t#keras3-}" --out "$out" "${pass[@]}" || status=1;;
    pytorch) "$py" "$here/run_pytorch.py" --out "$out" "${pass[@]}" || status=1;;
    pytorch-cuda) "$py" "$here/run_pytorch.py" --device cuda --out "$out" "${pass[@]}" || status=1;;
    keras2-*)
      b="${t#keras2-}"
      lv="${legacy:+$legacy/$b}"; lv="${lv:-$here/.venv-$b}"
      if [[ -x "$lv/bin/python" ]]; then
        "$lv/bin/python" "$here/legacy/run_keras2.py" --backend "$b" --out "$out" "${pass[@]}" || status=1
      else
        "$py" "$here/unavailable.py" --target "$t" --out "$out" "${pass[@]}" \
          --reason "no venv at $lv (bench/peers/legacy/setup.sh $b $lv)"
      fi;;
    published) "$py" "$here/published.py" --out "$out";;
    *) echo "run_all.sh: unknown target $t" >&2; status=1;;
  esac
done
exit $status
