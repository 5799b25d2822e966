#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
  DEADLINE="$(grep -i '^Lambda-Runtime-Deadline-Ms:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
  ARN="$(grep -i '^Lambda-Runtime-Invoked-Function-Arn:' "$HEADERS" | cut -d: -f2- | tr -d '[:space:]')"
  rm -f "$HEADERS"
  echo "handling $ID"
  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" \
    -d "{\"event\": $EVENT, \"id\": \"$ID\", \"deadline\": $DEADLINE, \"arn\": \"$ARN\"}"
done
