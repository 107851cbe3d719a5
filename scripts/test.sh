#!/usr/bin/env bash
# test.sh [BUILD_DIR [BUILD_TYPE]] - set up, build and run every test
# (unit, golden, hostile-input, fuzz-corpus replay and CLI tests).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
type=${2:-Release}
bash scripts/install-deps.sh
bash scripts/build.sh "$dir" "$type"
ctest --test-dir "$dir" --output-on-failure --timeout 600
