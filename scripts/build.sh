#!/usr/bin/env bash
# build.sh [BUILD_DIR [BUILD_TYPE]] - configure and build marsad with
# warnings as errors (default: build/, Release).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
type=${2:-Release}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DMARSAD_WERROR=ON >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
