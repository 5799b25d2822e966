#!/usr/bin/env bash
# Installs the dependencies, builds Stratus and starts the studio on the
# example workspace. The example is imported once, into
# $STRATUS_WORKSPACE (default ~/Stratus/http-api.stratus), and never over a
# file that exists: that file is the user's from then on. Without a display
# it says so and shows what the command line can do instead.
set -euo pipefail
# A relative STRATUS_WORKSPACE is where the user is, not the checkout.
if [ -n "${STRATUS_WORKSPACE:-}" ]; then STRATUS_WORKSPACE="$(realpath -m -- "$STRATUS_WORKSPACE")"; fi
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

bin=build/release/bin
workspace="${STRATUS_WORKSPACE:-$HOME/Stratus/http-api.stratus}"
if [ -e "$workspace" ]; then
  echo "start-studio: opening your workspace $workspace (kept as you left it;"
  echo "  delete it, or set STRATUS_WORKSPACE, to start again from the example)"
else
  mkdir -p "$(dirname "$workspace")"
  "$bin/stratus" import resources/examples/http-api.json "$workspace"
  echo "start-studio: the example workspace is now yours, in $workspace"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat <<TXT

No display found (DISPLAY and WAYLAND_DISPLAY are not set), so the studio
cannot open a window here. Everything it shows is also on the command line:

  $bin/stratus info $workspace
  $bin/stratus validate $workspace
  $bin/stratus export-json $workspace
  $bin/stratus --help

Or run the studio under a virtual display: xvfb-run -a $bin/stratus-studio $workspace
TXT
  "$bin/stratus" info "$workspace"
  exit 0
fi
exec "$bin/stratus-studio" "$workspace"
