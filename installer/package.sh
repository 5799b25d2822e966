#!/usr/bin/env bash
# Builds the Debian package `stratus` (stratus_VERSION_ARCH.deb in
# build/package/) from a release build: installs the build's dependencies,
# builds with the release preset, and runs CPack.
#   bash installer/package.sh
#   apt-get install ./build/package/stratus_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
mkdir -p build/package
cpack --config build/release/CPackConfig.cmake -B build/package -G DEB
rm -rf build/package/_CPack_Packages
ls build/package/stratus_*.deb
