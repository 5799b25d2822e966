#!/usr/bin/env bash
# Installs every Debian 12 package that Stratus needs to build, test and run its
# function runtimes. Idempotent and non-interactive; skips `apt-get update`
# when nothing is missing. Run as root (or with sudo available).
#
#   installer/setup-deps.sh              what the build, the tests and the studio need
#   installer/setup-deps.sh --dev-tools  also screenshots, formatting and fuzzing (clang, libFuzzer)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6 (engine: Core, Network, HttpServer; editor: Widgets, Svg, Charts)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  # Qt's own strings (qtbase) in the studio's languages
  qt6-translations-l10n
  qt6-svg-dev qt6-charts-dev qt6-httpserver-dev
  # qt6-httpserver-dev's CMake files need WebSockets, and qt6-charts-dev's need
  # OpenGL (and OpenGLWidgets), which they do not pull in
  qt6-websockets-dev libqt6opengl6-dev
  libgl-dev libxkbcommon-dev
  # the Qt platform plugin for a real display, and the image/svg plugins
  qt6-qpa-plugins qt6-image-formats-plugins libqt6svg6
  # code editor
  libqscintilla2-qt6-dev
  # engine libraries
  nlohmann-json3-dev libsqlite3-dev sqlite3 libyaml-cpp-dev libzip-dev
  # function runtimes
  nodejs python3
  # provided.al2023 bootstraps in the tests are shell scripts using curl
  curl
  # GUI tests, screenshots and the studio on a headless machine
  xvfb xauth
  # the export tests check SAM templates with AWS's own translator
  # (../shared/tools/sam/check-template.py)
  python3-pydantic python3-boto3 python3-jsonschema python3-yaml
  # the local AWS endpoints are tested with the AWS CLI (docs/services.md)
  awscli
  # the Debian package (installer/package.sh): CPack's dependency computation,
  # the man page from --help, and the checks of its desktop entry and metainfo
  dpkg-dev fakeroot file help2man desktop-file-utils appstream
)

if [ "${1:-}" = "--dev-tools" ]; then
  # screenshots (../shared/tools/screenshot.sh), formatting, and building the
  # official AWS Node.js runtime interface client for its opt-in test
  packages+=(xdotool x11-utils imagemagick python3-xlib clang-format autoconf automake libtool make
             clang libclang-rt-14-dev
             # benchmarks: HTTP load (tests/bench/bench_serve.sh), jq for the peer scripts
             wrk jq)
elif [ -n "${1:-}" ]; then
  echo "setup-deps: unknown option $1 (try --dev-tools)" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} packages are installed"
else
  echo "setup-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm tools the tests use, pinned, in a folder of their own: asl-validator
# checks the exported state machines, and the Serverless Framework v3 with the
# serverless-step-functions plugin packages the exported services, and
# serverless-offline runs one to compare its answers with `stratus send`. They need
# npm's registry; without it the export tests check by their own rules only
# (and say so).
tools=/usr/local/lib/stratus-tools
npm_tools=(asl-validator@4.0.0 serverless@3.40.0 serverless-step-functions@3.28.1 serverless-offline@13.10.1)
if [ ! -x "$tools/node_modules/.bin/asl-validator" ] || [ ! -x "$tools/node_modules/.bin/serverless" ] \
   || [ ! -d "$tools/node_modules/serverless-offline" ]; then
  if command -v npm >/dev/null \
     && timeout 900 $SUDO npm install --prefix "$tools" --no-audit --no-fund --silent "${npm_tools[@]}"; then
    echo "setup-deps: ${npm_tools[*]} installed in $tools"
  else
    echo "setup-deps: warning: could not install ${npm_tools[*]} from npm (the export tests will use their own checks)" >&2
  fi
fi
# The AWS SDK for JavaScript v3 clients that Lambda's Node.js runtimes ship
# (DynamoDB with lib-dynamodb, S3, SQS), pinned by installer/node-sdk's
# lock file, in a folder of their own that Stratus's Node.js runtimes put on
# the module path (engine/runtime/launch.h, nodeSdkModules). Python functions
# get Debian's python3-boto3 (above).
sdk=/usr/local/lib/stratus-sdk
pinned="$(cd "$(dirname "$0")" && pwd)/node-sdk"
if ! cmp -s "$pinned/package-lock.json" "$sdk/package-lock.json" \
   || [ ! -d "$sdk/node_modules/@aws-sdk/client-dynamodb" ]; then
  staging="$(mktemp -d)"
  cp "$pinned/package.json" "$pinned/package-lock.json" "$staging/"
  if command -v npm >/dev/null \
     && (cd "$staging" && timeout 900 npm ci --no-audit --no-fund --silent); then
    $SUDO rm -rf "$sdk"
    $SUDO mkdir -p "$(dirname "$sdk")"
    $SUDO mv "$staging" "$sdk"
    $SUDO chmod -R a+rX "$sdk"
    echo "setup-deps: the AWS SDK for JavaScript v3 installed in $sdk"
  else
    rm -rf "$staging"
    echo "setup-deps: warning: could not install the AWS SDK for JavaScript from npm" \
         "(Node.js functions that require it will fail; their tests are skipped)" >&2
  fi
fi
echo "setup-deps: done"
