#!/usr/bin/env bash
# tools/gpu/check.sh [GPU_CHECK_DIR] [OUT_DIR]
#
# The cuda-ptx target on a GPU, in one command (under 8 minutes on an H200),
# from what tools/gpu/prepare.sh put in GPU_CHECK_DIR (default gpu-check/):
# nothing is compiled here, so the machine needs only the NVIDIA driver and
# python3 (numpy and torch only for the optional PyTorch peer run).
# Per task:
#   1. the first step's gradients against cpu-ref's: per parameter, max |g -
#      g_ref| / max |g_ref| <= 1e-4 (tools/gpu/gradients.py);
#   2. the loss of the first 50 steps against cpu-ref's, allowed to differ by
#      what the cpu target's own differences from cpu-ref show (a correct
#      target that sums in another order), at least 1e-4 relative;
#   3. two epochs of training: steps/s and seconds per epoch (the second
#      epoch, so the driver's first-launch work is not counted), next to
#      PyTorch's on an H200 (bench/results/h200-pytorch-cuda-epoch1, or a fresh
#      run with DLC_GPU_CHECK_PYTORCH=1).
# Writes OUT_DIR/table.md (the table), OUT_DIR/results.json (dlc-bench/1
# records of target cuda-ptx, to merge with `dlc bench --merge`), the logs,
# and prints the table. Exit status 1 when a check failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kit="$(cd "${1:-$root/gpu-check}" 2>/dev/null && pwd)" || { echo "check.sh: error: no ${1:-$root/gpu-check} (run tools/gpu/prepare.sh)" >&2; exit 2; }
out="${2:-${OUT:-$root/gpu-check-out}}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
tasks=(mnist_mlp mnist_cnn cifar10_cnn mnist_hrnn babi_rnn)
run="$kit/bin/dlc-run"
data="$kit/data"
work="$(mktemp -d)"
t0=$(date +%s)
log() { echo "[$(( $(date +%s) - t0 ))s] $*"; }

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on ${HOSTNAME:-$(hostname)}"
  nvidia-smi -L 2>&1 || echo "(no nvidia-smi)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || true
  cat "$kit/prepared.json"
} > "$out/environment.txt"
cat "$out/environment.txt"

for t in "${tasks[@]}"; do
  log "== $t"
  b="$work/$t.dlcb"
  gunzip -c "$kit/bundles/$t.dlcb.gz" > "$b"
  # 1. First-step gradients.
  "$run" train "$b" --data-dir "$data" --epochs 1 --steps-per-epoch 1 --no-shuffle \
    --no-augmentation --validation-samples 1 --save "$work/$t.step1.ckpt" > "$out/$t.step1.log" 2>&1 &&
  "$run" weights "$b" --out "$work/$t.state0.npz" >> "$out/$t.step1.log" 2>&1 &&
  "$run" weights "$b" --checkpoint "$work/$t.step1.ckpt" --out "$work/$t.state1.npz" >> "$out/$t.step1.log" 2>&1 &&
  python3 "$here/gradients.py" compare "$b" "$work/$t.state0.npz" "$work/$t.state1.npz" \
    "$kit/reference/$t.grad.npz" --json "$out/$t.gradients.json" >> "$out/$t.step1.log" 2>&1
  tail -n 1 "$out/$t.step1.log"
  # 2. 50 steps.
  "$run" train "$b" --data-dir "$data" --epochs 50 --steps-per-epoch 1 --no-augmentation \
    --validation-samples 1 --log "$out/$t.steps.jsonl" > "$out/$t.steps.log" 2>&1 ||
    tail -n 3 "$out/$t.steps.log"
  # 3. Two epochs.
  "$run" train "$b" --data-dir "$data" --epochs 2 --log "$out/$t.epochs.jsonl" > "$out/$t.epochs.log" 2>&1 ||
    tail -n 3 "$out/$t.epochs.log"
  tail -n 1 "$out/$t.epochs.log"
done

if [[ "${DLC_GPU_CHECK_PYTORCH:-0}" == 1 ]] && (( $(date +%s) - t0 < 300 )); then
  log "== PyTorch on this GPU"
  timeout 150 "$root/bench/peers/gpu/run_pytorch_cuda.sh" "$data" "$out/pytorch" --epochs 1 \
    > "$out/pytorch.log" 2>&1 || tail -n 5 "$out/pytorch.log"
fi

python3 "$here/report.py" --kit "$kit" --out "$out" \
  --pytorch "$out/pytorch/results.json" "$root/bench/results/h200-pytorch-cuda-epoch1/results.json"
status=$?
rm -rf "$work"
log "done"
exit $status
