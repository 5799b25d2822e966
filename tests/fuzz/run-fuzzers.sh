#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for a bounded time (docs/testing.md).
#
#   tests/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Builds the `fuzz` preset first (configuring it if build/fuzz does not
# exist), then runs each target (default: all) for SECONDS_PER_TARGET
# (default 60) over build/fuzz/corpus/<target>, a working copy seeded from
# tests/data/fuzz/<target>/, so new inputs never land in the source tree.
# Known crashers (tests/data/fuzz/regressions/) are not copied in: CTest
# replays them (ctest --preset fuzz). Each target runs in libFuzzer's fork
# mode with one job, so that it goes on after a crash and one shallow bug
# does not hide the rest; every crash, leak, timeout and out-of-memory input
# is kept in build/fuzz/artifacts/<target>/, the logs in build/fuzz/logs/.
# Exits 1 if any target found one, 2 on a usage or build error.
#
# Builds and runs nice'd (NICE=15, -j2 at most: JOBS=2).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "run-fuzzers: SECONDS_PER_TARGET must be a positive whole number, not '$seconds'" >&2
  exit 2
fi
nice_level="${NICE:-15}"
jobs="${JOBS:-2}"
build="$root/build/fuzz"
data="$root/tests/data/fuzz"
all_targets=(fuzz_workspacejson fuzz_workspacefile fuzz_schedule fuzz_choicerule fuzz_handler
             fuzz_runtimeapi fuzz_cliargs)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

cd "$root" || exit 2
if [ ! -f "$build/CMakeCache.txt" ]; then
  nice -n "$nice_level" cmake --preset fuzz >/dev/null || { echo "run-fuzzers: configure failed" >&2; exit 2; }
fi
nice -n "$nice_level" cmake --build --preset fuzz -j "$jobs" || { echo "run-fuzzers: build failed" >&2; exit 2; }

mkdir -p "$build/corpus" "$build/artifacts" "$build/logs"
failed=()
for t in "${targets[@]}"; do
  bin="$build/bin/$t"
  if [ ! -x "$bin" ]; then
    echo "run-fuzzers: no target $t (expected $bin)" >&2
    exit 2
  fi
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  [ -d "$data/$t" ] && cp -n "$data/$t"/* "$corpus"/ 2>/dev/null
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  log="$build/logs/$t.log"
  echo "run-fuzzers: $t for ${seconds}s (log: $log)"
  stamp="$build/logs/$t.started"
  : >"$stamp"
  nice -n "$nice_level" "$bin" "$corpus" "${dict[@]}" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 </dev/null
  rc=$?
  # An input found again keeps its name (its SHA-1) but gets a new time.
  found=$(find "$artifacts" -maxdepth 1 -type f -newer "$stamp" | wc -l)
  counts=$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+/[0-9]+/[0-9]+')
  if [ $rc -ne 0 ] || [ "$found" -gt 0 ] || [[ "${counts:-0/0/0}" != "0/0/0" ]]; then
    failed+=("$t")
    echo "run-fuzzers: $t FAILED (exit $rc; oom/timeout/crash ${counts:-?}; $found input(s) in $artifacts); the newest:"
    # Fork mode keeps the children's reports out of the log: replay a few.
    for a in $(ls -t "$artifacts" | head -3); do
      echo "  $artifacts/$a:"
      nice -n "$nice_level" "$bin" "$artifacts/$a" 2>&1 \
        | grep -E '(^SUMMARY|what\(\):|runtime error:|ERROR: [A-Za-z]+Sanitizer)' | head -3 | sed 's/^/    /'
    done
  else
    echo "run-fuzzers: $t ok ($(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1))"
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "run-fuzzers: ${#failed[@]} target(s) found problems: ${failed[*]} (inputs in $build/artifacts/)"
  exit 1
fi
echo "run-fuzzers: ${#targets[@]} target(s), no problems found"
