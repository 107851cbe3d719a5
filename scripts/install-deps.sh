#!/usr/bin/env bash
# install-deps.sh - the Debian 12 packages marsad builds and tests with.
# Run as root (or with sudo available).  Safe to run again.
set -euo pipefail

PKGS=(build-essential cmake pkg-config python3
      libutf8proc-dev libjansson-dev libcmocka-dev
      libsqlite3-dev sqlite3 libxml2-dev zlib1g-dev libxxhash-dev
      liblbfgs-dev)
# extra tools for CI and the developer verbs (fuzz, leakcheck, bench)
if [ "${1:-}" = "--dev" ]; then
  PKGS+=(clang valgrind time util-linux gzip)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
