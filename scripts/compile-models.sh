#!/usr/bin/env bash
# The main job for now: compiles the five task models and prints their summary and dlc IR.
set -euo pipefail
cd "$(dirname "$0")/.."
for model in models/*.yaml; do
  echo "=== $model"
  build/bin/dlc compile "$model" --emit=summary
  build/bin/dlc compile "$model" --emit=mlir
done
