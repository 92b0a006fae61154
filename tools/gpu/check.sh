#!/usr/bin/env bash
# tools/gpu/check.sh [GPU_CHECK_DIR] [OUT_DIR]
#
# The CUDA targets on a GPU, in one command, from what tools/gpu/prepare.sh
# put in GPU_CHECK_DIR (default gpu-check/): nothing is compiled here, so the
# machine needs only the NVIDIA driver and python3 (numpy and torch only for
# the optional PyTorch peer run); cuda-cudnn and cuda bundles also need cuDNN 9
# and cuBLASLt, which dlc-run finds in the nvidia/*/lib folders of PyTorch's
# wheels (or $DLC_CUDNN / $DLC_CUBLASLT).
# Per task ($DLC_GPU_CHECK_TASKS: a subset) and target (the kit's, or
# $DLC_GPU_CHECK_TARGETS: a subset of "cuda-ptx cuda-cudnn cuda", to split the
# check over calls):
#   1. the first step's gradients against cpu-ref's: per parameter, max |g -
#      g_ref| / max |g_ref| <= 1e-4 (tools/gpu/gradients.py); and the first
#      step run again must leave the same state bit for bit (determinism);
#   2. the loss of the first 50 steps against cpu-ref's, allowed to differ by
#      what cpu-ref's own run with every weight moved by one ulp shows (a
#      correct target that sums in another order), at least 1e-4 relative;
#   1b. for a target with fused library calls (a dense layer's bias gradient
#      in the weight-gradient GEMM's bgrad epilogue; a convolution's bias and
#      relu in its cuDNN graph), which of them the device runs fused and which
#      as their fallback (DLC_CUDA_VERBOSE's lines, OUT_DIR/TASK.TARGET.fused.txt),
#      and the first step's gradients again with every fallback forced
#      (DLC_CUDA_FORCE_FALLBACK=1), against cpu-ref's with the same bound (a
#      table of its own in table.md; a failure fails the check);
#   3. two epochs of training ($DLC_GPU_CHECK_EPOCHS, at least 2): steps/s and
#      seconds per epoch (the last epoch, so the driver's first-launch work and
#      the libraries' engine choice are not counted), the targets side by side
#      and next to PyTorch's on an H200 (bench/results/h200-pytorch-cuda-epoch1,
#      or a fresh run with DLC_GPU_CHECK_PYTORCH=1).
# Writes OUT_DIR/table.md (the tables), OUT_DIR/results.json (dlc-bench/1
# records, one target each, to merge with `dlc bench --merge`), the logs, and
# prints the tables. Exit status 1 when a check failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kit="$(cd "${1:-$root/gpu-check}" 2>/dev/null && pwd)" || { echo "check.sh: error: no ${1:-$root/gpu-check} (run tools/gpu/prepare.sh)" >&2; exit 2; }
out="${2:-${OUT:-$root/gpu-check-out}}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
# The five tasks and three Keras 3 models, mnist_hrnn and babi_rnn (LSTMs)
# and mnist_gru (GRU -> SimpleRNN), whose recurrent layers are cuDNN RNN calls on
# cuda-cudnn and cuda: their first-step gradients and 50 losses against
# cpu-ref check the weight packing, the calls and the gradient unpacking;
# opening them checks cuDNN's weight layout, workspace and reserve against
# what the bundle reserved).
tasks=(mnist_mlp mnist_cnn cifar10_cnn mnist_hrnn babi_rnn mnist_hrnn_keras3 mnist_gru_keras3
       babi_rnn_keras3)
# $DLC_GPU_CHECK_TASKS: a subset, to split the check over calls (e.g.
# "mnist_hrnn_keras3 mnist_gru_keras3 babi_rnn_keras3" for the cuDNN RNN path
# alone).
if [[ -n "${DLC_GPU_CHECK_TASKS:-}" ]]; then
  read -r -a picked <<< "$DLC_GPU_CHECK_TASKS"
  for t in "${picked[@]}"; do
    [[ " ${tasks[*]} " == *" $t "* ]] ||
      { echo "check.sh: error: $t is not a task of the check (${tasks[*]})" >&2; exit 2; }
  done
  tasks=("${picked[@]}")
fi
kit_targets="$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1])).get("targets", ["cuda-ptx"])))' "$kit/prepared.json")"
read -r -a targets <<< "${DLC_GPU_CHECK_TARGETS:-$kit_targets}"
for target in "${targets[@]}"; do
  [[ " $kit_targets " == *" $target "* ]] ||
    { echo "check.sh: error: the kit has no $target bundles (it has: $kit_targets)" >&2; exit 2; }
done
epochs="${DLC_GPU_CHECK_EPOCHS:-2}"
(( epochs >= 2 )) || { echo "check.sh: error: DLC_GPU_CHECK_EPOCHS must be at least 2" >&2; exit 2; }
run="$kit/bin/dlc-run"
data="$kit/data"
work="$(mktemp -d)"
t0=$(date +%s)
nondeterministic=0
log() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

# cuDNN and cuBLASLt for cuda-cudnn and cuda: dlc-run searches the wheels of
# every python on PATH itself; where that python's own import finds them
# (a conda or other layout), point the overrides there.
for lib in cudnn:DLC_CUDNN cublas:DLC_CUBLASLT; do
  var="${lib#*:}"
  [[ -n "${!var:-}" ]] && continue
  dir="$(python3 -c "import os, nvidia.${lib%%:*} as m; print(os.path.join(list(m.__path__)[0], 'lib'))" 2>/dev/null)" &&
    [[ -d "$dir" ]] && export "$var=$dir"
done
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on ${HOSTNAME:-$(hostname)}"
  echo "DLC_CUDNN=${DLC_CUDNN:-(the search of dlc-run)} DLC_CUBLASLT=${DLC_CUBLASLT:-(the search of dlc-run)}"
  nvidia-smi -L 2>&1 || echo "(no nvidia-smi)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || true
  cat "$kit/prepared.json"
} > "$out/environment.txt"
cat "$out/environment.txt"

for t in "${tasks[@]}"; do
  [[ -f "$kit/bundles/$t.tar.xz" ]] || { log "$t: no $kit/bundles/$t.tar.xz"; continue; }
  python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' \
    "$kit/bundles/$t.tar.xz" "$work" || { log "$t: cannot unpack $kit/bundles/$t.tar.xz"; continue; }
  for target in "${targets[@]}"; do
    log "== $t $target"
    b="$work/$t.$target.dlcb"
    o="$out/$t.$target"
    # 1. First-step gradients (which fused calls run fused: the log's lines).
    first_step() { # LOG JSON
      "$run" train "$b" --data-dir "$data" --epochs 1 --steps-per-epoch 1 --no-shuffle \
        --no-augmentation --validation-samples 1 --save "$work/$t.step1.ckpt" > "$1" 2>&1 &&
      "$run" weights "$b" --out "$work/$t.state0.npz" >> "$1" 2>&1 &&
      "$run" weights "$b" --checkpoint "$work/$t.step1.ckpt" --out "$work/$t.state1.npz" >> "$1" 2>&1 &&
      python3 "$here/gradients.py" compare "$b" "$work/$t.state0.npz" "$work/$t.state1.npz" \
        "$kit/reference/$t.grad.npz" --json "$2" >> "$1" 2>&1
    }
    DLC_CUDA_VERBOSE=1 first_step "$o.step1.log" "$o.gradients.json"
    tail -n 1 "$o.step1.log"
    # 1b. The same first step again: the state after it must be bit for bit
    # the same (float32 math, deterministic engines and calls).
    if [[ -f "$work/$t.state1.npz" ]] &&
       "$run" train "$b" --data-dir "$data" --epochs 1 --steps-per-epoch 1 --no-shuffle \
         --no-augmentation --validation-samples 1 --save "$work/$t.step1b.ckpt" > "$o.step1b.log" 2>&1 &&
       "$run" weights "$b" --checkpoint "$work/$t.step1b.ckpt" --out "$work/$t.state1b.npz" >> "$o.step1b.log" 2>&1; then
      # The arrays' bytes (the archives' own timestamps may differ).
      if python3 -c 'import sys, zipfile; a, b = (zipfile.ZipFile(p) for p in sys.argv[1:]); \
           sys.exit(0 if sorted(a.namelist()) == sorted(b.namelist()) and all(a.read(n) == b.read(n) for n in a.namelist()) else 1)' \
           "$work/$t.state1.npz" "$work/$t.state1b.npz"; then
        echo "two first steps: the same state, bit for bit" | tee "$o.determinism.txt"
      else
        echo "two first steps: DIFFERENT states (not deterministic)" | tee "$o.determinism.txt"
        nondeterministic=1
      fi
    elif [[ -f "$o.step1b.log" ]]; then
      tail -n 3 "$o.step1b.log"
    fi
    # 1c. Every fused call's fallback, forced.
    grep -E '^dlc(: note)?: .*(: fused \(|not fused on this device)' "$o.step1.log" > "$o.fused.txt"
    if [[ -s "$o.fused.txt" ]]; then
      log "$t $target: $(grep -c ': fused (' "$o.fused.txt") fused calls run fused, $(grep -c 'not fused' "$o.fused.txt") as their fallback"
      DLC_CUDA_FORCE_FALLBACK=1 first_step "$o.fallback.step1.log" "$o.fallback.gradients.json"
      log "$t $target with every fallback: $(tail -n 1 "$o.fallback.step1.log")"
    fi
    # 2. 50 steps.
    "$run" train "$b" --data-dir "$data" --epochs 50 --steps-per-epoch 1 --no-augmentation \
      --validation-samples 1 --log "$o.steps.jsonl" > "$o.steps.log" 2>&1 ||
      tail -n 3 "$o.steps.log"
    # 3. Whole epochs.
    "$run" train "$b" --data-dir "$data" --epochs "$epochs" --log "$o.epochs.jsonl" > "$o.epochs.log" 2>&1 ||
      tail -n 3 "$o.epochs.log"
    tail -n 1 "$o.epochs.log"
    rm -f "$work/$t.step1.ckpt" "$work/$t.state0.npz" "$work/$t.state1.npz" \
      "$work/$t.step1b.ckpt" "$work/$t.state1b.npz"
  done
  rm -f "$work/$t".*.dlcb
done

if [[ "${DLC_GPU_CHECK_PYTORCH:-0}" == 1 ]] && (( $(date +%s) - t0 < 300 )); then
  log "== PyTorch on this GPU"
  timeout 150 "$root/bench/peers/gpu/run_pytorch_cuda.sh" "$data" "$out/pytorch" --epochs 1 \
    > "$out/pytorch.log" 2>&1 || tail -n 5 "$out/pytorch.log"
fi

python3 "$here/report.py" --kit "$kit" --out "$out" --targets "${targets[@]}" --tasks "${tasks[@]}" \
  --pytorch "$out/pytorch/results.json" "$root/bench/results/h200-pytorch-cuda-epoch1/results.json"
status=$?
if (( nondeterministic )); then
  echo "check.sh: a target's two first steps gave different states (see $out/*.determinism.txt)" >&2
  status=1
fi
rm -rf "$work"
log "done"
exit $status
