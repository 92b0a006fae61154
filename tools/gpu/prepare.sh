#!/usr/bin/env bash
# tools/gpu/prepare.sh [BUILD_DIR] [OUT_DIR]
#
# Prepares the GPU check (tools/gpu/check.sh) here, where dlc builds: a folder
# OUT_DIR (default gpu-check/, ignored by git) to carry to a GPU machine that
# has only a driver and Python (no LLVM, no Abseil, no internet), holding
#   bin/dlc-run                  the runtime alone (needs only the C library;
#                                it finds cuDNN and cuBLASLt at run time, there
#                                in PyTorch's nvidia/*/lib wheels)
#   bundles/TASK.tar.xz          the task compiled for each CUDA target
#                                (TASK.TARGET.dlcb: cuda-ptx, cuda-cudnn, cuda;
#                                sm_80) in one xz archive: the three bundles
#                                share their initial state, which xz stores once
#                                (check.sh unpacks it with Python's tarfile)
#   bundles/TASK.TARGET.report.txt  their compile reports (ptxas -v, each op's path)
#   reference/TASK.grad.npz      cpu-ref's first-step gradients (tools/gpu/gradients.py)
#   reference/TASK.ref.jsonl     cpu-ref's losses over 50 steps (one step an "epoch")
#   reference/TASK.ulp.jsonl     the same 50 steps with every weight moved by one ulp
#                                after step 1 (tools/gpu/perturb.py): the spread of
#                                a correct target that sums in another order
#   data/                        the tasks' datasets from ../shared/data
#   prepared.json                what was prepared, by which commit, compile times
# and checks that it stays under the 64 MiB a GPU machine is sent.
# $DLC_GPU_CHECK_TARGETS (default "cuda-ptx cuda-cudnn cuda") picks the targets.
# Takes a few minutes (cpu-ref runs about 100 steps of each task).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build}"
out="${2:-$root/gpu-check}"
data="${DLC_DATA_DIR:-$root/../shared/data}"
# The five tasks, and three Keras 3 models whose recurrent layers are cuDNN
# RNN calls on cuda-cudnn and cuda: mnist_hrnn and babi_rnn (sigmoid-gated
# LSTMs, babi's over 552 steps) and a GRU (reset_after) -> SimpleRNN model
# over MNIST rows (models/*_keras3.json).
tasks=(mnist_mlp mnist_cnn cifar10_cnn mnist_hrnn babi_rnn mnist_hrnn_keras3 mnist_gru_keras3
       babi_rnn_keras3)
read -r -a targets <<< "${DLC_GPU_CHECK_TARGETS:-cuda-ptx cuda-cudnn cuda}"
steps=50
die() { echo "prepare.sh: error: $*" >&2; exit 2; }

dlc="$build/bin/dlc" run="$build/bin/dlc-run"
[[ -x "$dlc" && -x "$run" ]] || die "no $dlc or $run (build first: scripts/build.sh)"
for target in "${targets[@]}"; do
  case "$target" in cuda-ptx|cuda-cudnn|cuda) ;; *) die "$target is not a CUDA target (cuda-ptx, cuda-cudnn, cuda)";; esac
  "$dlc" compile --help | grep -q -- "$target" ||
    die "$dlc has no $target target (it needs the CUDA toolkit and libdevice at configure time)"
done
command -v xz > /dev/null || die "no xz (the bundles are sent as TASK.tar.xz)"
[[ -d "$data/mnist" && -d "$data/cifar10" && -d "$data/babi" ]] ||
  die "no datasets under $data (set DLC_DATA_DIR)"

rm -rf "$out"
mkdir -p "$out"/{bin,bundles,reference,data} "$out/tmp"
cp "$run" "$out/bin/"
cp -r "$data/mnist" "$data/cifar10" "$out/data/"
mkdir -p "$out/data/babi/tasks_1-20_v1-2/en"
cp "$data"/babi/tasks_1-20_v1-2/en/qa2_* "$out/data/babi/tasks_1-20_v1-2/en/"

# The same steps on every target: 50 steps, one an "epoch" (so the log has
# each step's loss), batches shuffled by the seed, no augmentation, and a
# one-sample validation that costs nothing.
steps_args=(--steps-per-epoch 1 --no-augmentation --validation-samples 1)
first_step=(--epochs 1 --steps-per-epoch 1 --no-shuffle --no-augmentation --validation-samples 1)

json_tasks=""
for t in "${tasks[@]}"; do
  echo "== $t"
  model="$root/models/$t.yaml"
  [[ -f "$model" ]] || model="$root/models/$t.json"
  tmp="$out/tmp/$t"
  compile_json=""
  for target in "${targets[@]}"; do
    start=$(date +%s%N)
    "$dlc" compile "$model" --target="$target" -o "$out/tmp/$t.$target.dlcb" \
      --report "$out/bundles/$t.$target.report.txt"
    compile_ms=$((($(date +%s%N) - start) / 1000000))
    compile_json+="${compile_json:+, }\"$target\": $((compile_ms / 1000)).$(printf %03d $((compile_ms % 1000)))"
  done
  (cd "$out/tmp" && tar cf - $(for target in "${targets[@]}"; do echo "$t.$target.dlcb"; done)) |
    xz -9 -T1 > "$out/bundles/$t.tar.xz"

  "$dlc" compile "$model" --target=cpu-ref -o "$tmp.cpu-ref.dlcb"
  "$run" train "$tmp.cpu-ref.dlcb" --data-dir "$out/data" "${steps_args[@]}" --epochs "$steps" \
    --log "$out/reference/$t.ref.jsonl" > "$tmp.log"
  # The spread: the same run with every weight moved by one ulp after step 1.
  "$run" train "$tmp.cpu-ref.dlcb" --data-dir "$out/data" "${steps_args[@]}" --epochs 1 \
    --save "$tmp.s1.ckpt" --log "$out/reference/$t.ulp.jsonl" > "$tmp.log"
  python3 "$here/perturb.py" "$tmp.cpu-ref.dlcb" "$tmp.s1.ckpt" "$tmp.s1.ulp.ckpt"
  "$run" train "$tmp.cpu-ref.dlcb" --data-dir "$out/data" "${steps_args[@]}" --epochs "$steps" \
    --resume "$tmp.s1.ulp.ckpt" --log "$out/reference/$t.ulp.jsonl" > "$tmp.log"
  # cpu-ref's first step: its gradients from the states before and after.
  "$run" train "$tmp.cpu-ref.dlcb" --data-dir "$out/data" "${first_step[@]}" \
    --save "$tmp.step1.ckpt" > /dev/null
  "$run" weights "$tmp.cpu-ref.dlcb" --out "$tmp.state0.npz" > /dev/null
  "$run" weights "$tmp.cpu-ref.dlcb" --checkpoint "$tmp.step1.ckpt" --out "$tmp.state1.npz" > /dev/null
  python3 "$here/gradients.py" reference "$tmp.cpu-ref.dlcb" "$tmp.state0.npz" "$tmp.state1.npz" \
    "$out/reference/$t.grad.npz"
  json_tasks+="${json_tasks:+, }\"$t\": {\"compile_seconds\": {$compile_json}}"
done
rm -rf "$out/tmp"

commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo "-dirty" || true)
cat > "$out/prepared.json" <<JSON
{"commit": "$commit$dirty", "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "host": "$(hostname)",
 "steps": $steps, "gpu_arch": "sm_80",
 "targets": [$(printf '"%s", ' "${targets[@]}" | sed 's/, $//')], "tasks": {$json_tasks}}
JSON
bytes=$(du -sb "$out" | cut -f1)
echo "prepared $out: $((bytes / 1048576)) MiB"
(( bytes < 60 * 1048576 )) || die "$out is $((bytes / 1048576)) MiB; a GPU machine is sent 64 MiB at most"
