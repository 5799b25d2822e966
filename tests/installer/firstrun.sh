#!/usr/bin/env bash
# installer/start-studio.sh on a machine without a display: the first run
# imports the example into the user's workspace file; a later run opens that
# file as the user left it and never imports over it.
set -euo pipefail
source_dir="$1"
bin="$source_dir/build/release/bin/stratus"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
start() { env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" "$@" bash "$source_dir/installer/start-studio.sh"; }

first="$(start 2>&1)" || fail "the first run failed: $first"
workspace="$home/Stratus/http-api.stratus"
[ -f "$workspace" ] || fail "no workspace at $workspace after the first run"
grep -q "$workspace" <<<"$first" || fail "the first run did not say where the workspace is: $first"
"$bin" info "$workspace" | grep -q "http-api" || fail "the workspace is not the http-api example"

# The user's own edit: another design in the same file.
"$bin" import --force "$source_dir/resources/examples/upload-processing.json" "$workspace" >/dev/null
second="$(start 2>&1)" || fail "the second run failed: $second"
"$bin" info "$workspace" | grep -q "upload-processing" || fail "the second run replaced the user's workspace"
grep -q "kept as you left it" <<<"$second" || fail "the second run did not say it kept the file: $second"

# STRATUS_WORKSPACE chooses the file.
chosen="$home/elsewhere/mine.stratus"
third="$(start STRATUS_WORKSPACE="$chosen" 2>&1)" || fail "a run with STRATUS_WORKSPACE failed: $third"
[ -f "$chosen" ] || fail "STRATUS_WORKSPACE was not used"
echo "PASS"
