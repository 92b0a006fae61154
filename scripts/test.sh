#!/usr/bin/env bash
# Runs every test through ctest on an existing build: the lit suite, the GoogleTest binaries and
# the short end-to-end training runs. The long accuracy runs: ctest --test-dir build -L long
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build --output-on-failure -j "$(nproc)" --label-exclude long "$@"
