#!/usr/bin/env bash
# Installs the dependencies, builds Stratus (release, tests and benchmarks) and
# runs the whole test suite. Re-running rebuilds only what changed.
#   STRATUS_WERROR=ON  treat warnings as errors (CI sets it)
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake --preset release -DSTRATUS_WERROR="${STRATUS_WERROR:-OFF}" >/dev/null
cmake --build --preset release
ctest --preset release
