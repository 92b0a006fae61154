#!/bin/sh
# Assembles the seed corpus of keras-frontend-fuzzer in $1 from the project's
# model files (every format the frontend reads, valid and invalid) and the
# saved regressions. Usage: test/fuzz/make_corpus.sh build-fuzz/corpus
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: make_corpus.sh OUT_DIR}
mkdir -p "$out"
find "$root/models" "$root/test/frontend/inputs" "$root/test/fuzz/regressions" \
     -type f \( -name '*.yaml' -o -name '*.json' -o -name '*.keras' -o -name 'crash-*' \
                -o -name '*.input' \) |
while read -r f; do
  # Flat names; the path keeps them unique.
  cp "$f" "$out/$(echo "${f#$root/}" | tr '/' '_')"
done
echo "$(ls "$out" | wc -l) seed inputs in $out"
