#!/usr/bin/env bash
# bench/peers/gpu/run_pytorch_cuda.sh DATA_DIR OUT_DIR [run_pytorch.py args...]
#
# The plain-PyTorch peer on a GPU machine (target `pytorch-cuda`, docs/bench.md
# "Peers"): every task on torch's first GPU, records into OUT_DIR/results.json,
# to be merged into dlc's report elsewhere with
#   dlc bench --merge <dlc results> OUT_DIR --out <report dir>
# For a bare machine: python3 with torch (a CUDA build) and numpy is all it
# needs, with PyYAML (no venv, no Keras, no internet; $PYTHON picks another
# interpreter). DATA_DIR holds mnist/, cifar10/, babi/ as dlc reads them
# (docs/data.md). Arguments after OUT_DIR go to run_pytorch.py after the
# defaults (--device cuda --tasks all), so they override them; without any,
# --steps 100. Also writes OUT_DIR/environment.txt (nvidia-smi, versions) and
# OUT_DIR/run.log. Without a usable GPU the records say `unavailable` and why.
# Exit status: run_pytorch.py's (1 when a task failed), 2 for a usage or
# environment problem.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peers="$(dirname "$here")"
die() { echo "run_pytorch_cuda.sh: error: $*" >&2; exit 2; }

(( $# >= 2 )) || die "usage: $0 DATA_DIR OUT_DIR [run_pytorch.py args...] (default args: --steps 100)"
data="$1" out="$2"
shift 2
extra=("$@")
(( ${#extra[@]} )) || extra=(--steps 100)

py="${PYTHON:-python3}"
command -v "$py" >/dev/null || die "no $py on PATH (set PYTHON to an interpreter with torch and numpy)"
[[ -d "$data" ]] || die "DATA_DIR $data is not a directory"
for d in mnist cifar10 babi; do
  [[ -d "$data/$d" ]] || echo "run_pytorch_cuda.sh: warning: no $data/$d (its tasks will fail)" >&2
done
mkdir -p "$out" || die "cannot create OUT_DIR $out"
out="$(cd "$out" && pwd)"
data="$(cd "$data" && pwd)"

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) on ${HOSTNAME:-unknown host}"
  echo "# nvidia-smi -L"
  nvidia-smi -L 2>&1 || echo "(nvidia-smi failed or is missing)"
  echo "# nvidia-smi"
  nvidia-smi 2>&1 || true
  echo "# python"
  "$py" - <<'PY' 2>&1 || echo "(the version check failed)"
import platform, sys
print("python", platform.python_version(), sys.executable)
for name in ("numpy", "torch", "yaml"):
    try:
        m = __import__(name)
        print(name, getattr(m, "__version__", "?"))
    except ImportError as e:
        print(name, "missing:", e)
try:
    import torch
    print("torch.version.cuda", torch.version.cuda, "| cudnn",
          torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None)
    print("torch.cuda.is_available()", torch.cuda.is_available(),
          "| devices", torch.cuda.device_count())
    for i in range(torch.cuda.device_count()):
        p = torch.cuda.get_device_properties(i)
        print("cuda:%d %s, %.1f GiB, capability %d.%d" % (i, p.name, p.total_memory / 2**30,
                                                          p.major, p.minor))
except Exception as e:
    print("torch CUDA query failed: %s: %s" % (type(e).__name__, e))
PY
} | tee "$out/environment.txt"

"$py" -c "import numpy, torch" 2>/dev/null ||
  die "$py cannot import numpy and torch (see $out/environment.txt)"

cmd=("$py" "$peers/run_pytorch.py" --device cuda --tasks all --data-dir "$data" --out "$out"
     "${extra[@]}")
echo "# ${cmd[*]}" | tee "$out/run.log"
status=0
"${cmd[@]}" 2>&1 | tee -a "$out/run.log" || status=$?

[[ -f "$out/results.json" ]] || die "run_pytorch.py wrote no $out/results.json (see $out/run.log)"
"$py" - "$out/results.json" <<'PY'
import json, sys
recs = json.load(open(sys.argv[1]))
print("run_pytorch_cuda.sh: %s: %d records" % (sys.argv[1], len(recs)))
for r in recs:
    if r["status"] == "ok":
        print("  %-12s %-12s ok  %8.3f s/epoch%s  %9.0f samples/s  GPU peak %s MiB  val_acc %.4f"
              % (r["task"], r["target"], r["seconds_per_epoch"], "*" if r["extrapolated"] else " ",
                 r["samples_per_s"], "%.0f" % (r["peak_device_bytes"] / 2**20)
                 if r.get("peak_device_bytes") else "-", r["val_acc"] or 0))
    else:
        print("  %-12s %-12s %s: %s" % (r["task"], r["target"], r["status"], r["reason"]))
PY
exit $status
