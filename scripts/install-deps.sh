#!/usr/bin/env bash
# Installs every Debian 12 package dlc's build and tests need (idempotent; run as root or with sudo).
set -euo pipefail
packages=(
  cmake ninja-build g++ ccache pkg-config python3
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  libyaml-cpp-dev libabsl-dev libzip-dev zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
  dataset-fashion-mnist
  libopenblas-dev libomp-19-dev python3-matplotlib
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} packages present"
fi
