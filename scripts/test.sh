#!/usr/bin/env bash
# Runs every test (the lit suite and the GoogleTest binaries) through ctest on an existing build.
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build --output-on-failure -j "$(nproc)"
