#!/usr/bin/env bash
# bench_serve.sh: `stratus serve` under HTTP load, as ../shared/bench/peers
# measures its peers: GET /hello?name=x answered {"hello":"x"} by a Node.js
# function (the same handler as the peers' fixtures/handler.js), then the same
# route answered by the gateway alone (no function: the HTTP layer's own
# ceiling). Prints start-up to first answer, wrk -t2 -c32 and -t1 -c1 figures,
# and the server's resident memory after the load (instances excluded).
#
#   tests/bench/bench_serve.sh [build/release/bin/stratus]
#
# Needs wrk (installer/setup-deps.sh --dev-tools). The machine is shared and
# noisy: compare with a peer measured in the same run
# (../shared/bench/peers/run-node-red.sh), never with another day's number.
set -euo pipefail

STRATUS=${1:-$(dirname "$0")/../../build/release/bin/stratus}
STRATUS=$(realpath "$STRATUS")
DURATION=${WRK_DURATION:-10s}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "bench_serve: wrk is not installed (installer/setup-deps.sh --dev-tools)" >&2; exit 2; }

cat > "$WORK/bench.json" <<'EOF'
{
  "format": "stratus-workspace", "version": 1, "name": "bench",
  "workflows": [{
    "id": "main", "name": "Main",
    "nodes": [
      {"id": "hello-route", "kind": "trigger.http", "name": "GET /hello", "config": {"method": "GET", "path": "/hello"}},
      {"id": "hello", "kind": "function", "name": "hello", "config": {
        "runtime": "nodejs20.x", "handler": "index.handler", "memoryMB": 128, "concurrency": 0,
        "files": {"index.js": "exports.handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: (event.queryStringParameters || {}).name || 'world' }) });\n"}}},
      {"id": "bare-route", "kind": "trigger.http", "name": "GET /bare", "config": {"method": "GET", "path": "/bare"}}
    ],
    "edges": [{"id": "e1", "from": {"node": "hello-route", "port": "event"}, "to": {"node": "hello", "port": "in"}}]
  }]
}
EOF
"$STRATUS" import "$WORK/bench.json" "$WORK/bench.stratus" >/dev/null

port=18190
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Start-up: process start to the first answered request (its function's cold start included).
t0=$(date +%s%N)
"$STRATUS" serve "$WORK/bench.stratus" --port $port --quiet > "$WORK/serve.log" 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/hello?name=x" > /dev/null 2>&1; do sleep 0.002; done
t1=$(date +%s%N)
echo "start-up to first answered request (cold start included): $(( (t1 - t0) / 1000000 )) ms"
until curl -fs "http://127.0.0.1:$port/bare" > /dev/null 2>&1; do sleep 0.002; done
t2=$(date +%s%N)
echo "  (the gateway alone answers $(( (t2 - t1) / 1000000 )) ms later)"
echo "answer: $(curl -s "http://127.0.0.1:$port/hello?name=x")"

load() {
  local what=$1 url=$2
  wrk -t2 -c32 -d3s "$url" > /dev/null # warm-up, not reported
  for conns in "-t2 -c32" "-t1 -c1"; do
    wrk $conns -d"$DURATION" --latency "$url" > "$WORK/wrk.txt"
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    errors=$(grep -E "Non-2xx|Socket errors" "$WORK/wrk.txt" || true)
    printf '%-34s %-9s %10s req/s   p50 %-9s p99 %-9s %s\n' "$what" "${conns}" "$rps" "$p50" "$p99" "$errors"
  done
}
load "function (Node.js, warm)" "http://127.0.0.1:$port/hello?name=x"
load "gateway alone (no function)" "http://127.0.0.1:$port/bare"

instances=$(pgrep -P "$pid" | tr '\n' ' ')
echo "resident memory of stratus serve after the load: $(( $(rss_kib "$pid") / 1024 )) MiB (instances apart: ${instances:-none})"
kill -TERM "$pid"
wait "$pid" || true
