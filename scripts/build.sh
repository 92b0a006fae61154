#!/usr/bin/env bash
# Configures and builds dlc in ./build (Release, Ninja, both cores); extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build build -j "$(nproc)"
