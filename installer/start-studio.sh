#!/usr/bin/env bash
# Installs the dependencies, builds Stratus and starts the studio on the
# bundled example workspace (imported into build/release/examples/). Without a
# display it says so and shows what the command line can do instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release

bin=build/release/bin
workspace=build/release/examples/http-api.stratus
mkdir -p "$(dirname "$workspace")"
# Import replaces the design each time (the example is the source of truth),
# so a re-run always starts from the example as shipped.
"$bin/stratus" import resources/examples/http-api.json "$workspace"

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
