#!/usr/bin/env bash
# demo.sh - set up (Debian packages, build) and run marsad on the bundled
# sample articles in samples/: every token with its offsets, normalized
# form, clitic segments and stem.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build Release
build/marsad analyze samples/*.txt
