#!/usr/bin/env bash
# Renders docs/images/studio-run.png: the studio running the http-api example
# under load, with the canvas counts, the Invocations panel (a row selected,
# its run drawn on the canvas) and the Charts. Needs installer/setup-deps.sh
# --dev-tools (Xvfb, xdotool, ImageMagick, wrk). Clicks at fixed places of a
# 1600x1000 screen: look at the result before committing it.
#   docs/images/take-run-screenshot.sh [build/release/bin]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/release/bin}")
WORK=$(mktemp -d)
PORT=18411
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
python3 - "$WORK" "$PORT" <<'PY'
import json, sys
d = json.load(open('resources/examples/http-api.json'))
d.setdefault('settings', {})['gateway'] = {'host': '127.0.0.1', 'port': int(sys.argv[2])}
json.dump(d, open(sys.argv[1] + '/api.json', 'w'))
PY
"$BIN/stratus" import "$WORK/api.json" "$WORK/todo-api.stratus" > /dev/null
export DISPLAY=:93
Xvfb $DISPLAY -screen 0 1600x1000x24 > /dev/null 2>&1 &
sleep 1
XDG_CONFIG_HOME=$WORK/config "$BIN/stratus-studio" "$WORK/todo-api.stratus" > "$WORK/studio.log" 2>&1 &
for _ in $(seq 1 40); do wid=$(xdotool search --name "Stratus Studio" 2>/dev/null | head -1 || true); [ -n "$wid" ] && break; sleep 0.25; done
xdotool windowmove "$wid" 0 0 windowsize "$wid" 1600 1000
sleep 1
xdotool mousemove 164 8 click 1; sleep 0.4; xdotool mousemove 188 29 click 1   # Run → Run
until curl -fs "http://127.0.0.1:$PORT/todos" > /dev/null; do sleep 0.1; done
for _ in $(seq 1 20); do
  curl -s -X POST -H 'content-type: application/json' -d '{"title":"buy milk"}' "http://127.0.0.1:$PORT/todos" > /dev/null
  curl -s "http://127.0.0.1:$PORT/todos/abc" > /dev/null
done
curl -s -X POST -d 'oops' "http://127.0.0.1:$PORT/todos" > /dev/null
for _ in 1 2 3 4 5; do
  wrk -t1 -c2 -d1s "http://127.0.0.1:$PORT/todos" > /dev/null
  wrk -t1 -c1 -d1s "http://127.0.0.1:$PORT/todos/x1" > /dev/null
done
curl -s -X POST -H 'content-type: application/json' -d '{"title":"write the docs"}' "http://127.0.0.1:$PORT/todos" > /dev/null
sleep 1.2
# The Charts tab, then the newest row (the POST): its path is drawn on the canvas.
xdotool mousemove 621 963 click 1
sleep 0.3
xdotool mousemove 46 "${ROW_Y:-731}" click 1
sleep 1.5
import -window root docs/images/studio-run.png
echo "wrote docs/images/studio-run.png"
