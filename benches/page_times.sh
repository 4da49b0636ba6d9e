#!/usr/bin/env bash
# Server time of every page of the UI: the release binary with one deployed function, 200 of
# its invocations and their log entries stored, each page visited VISITS times (default 5) by a
# signed-in browser session (curl with a cookie jar); prints the median and the maximum of the
# request log's duration_ms per page.
#   benches/page_times.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VISITS=${VISITS:-5}
cargo build --release --locked --bin lambdabox >&2
target=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$target/release/lambdabox
# shellcheck source=common.sh
. benches/common.sh

work=$(mktemp -d)
trap 'kill "${LBX_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
provision "$work/data"
port=$(free_port)
base="http://127.0.0.1:$port"
LAMBDABOX_LOG_FORMAT=text NO_COLOR=1 "$BIN" serve --data-dir "$work/data" --bind "127.0.0.1:$port" 2>"$work/server.log" &
LBX_PID=$!
until curl -sf -o /dev/null "$base/readyz"; do sleep 0.05; done

token=$(access_token "$port")
code='function lambda(input, callback) {\n  console.info(\"hello\", input.payload);\n  callback(null, { ok: 1 });\n}\n'
uuid=$(deploy_lambda "$base/api/account/bench" "$token" pages "$code")
for _ in $(seq 200); do
  curl -s -o /dev/null -H "Authorization: Bearer $token" -H 'content-type: application/json' \
    -d '{"timestamp":0,"headers":[],"payload":{}}' "$base/api/account/bench/lambdas/$uuid/invoke?v=1&externalSystem=bench"
done
jar="$work/cookies"
curl -s -o /dev/null -c "$jar" -b "$jar" -d username=admin -d password=bench-password-1 "$base/login"

pages="/ /functions /functions/new /functions/$uuid/edit /functions/$uuid/invocations /functions/$uuid/test
  /deployments /deployments/$uuid/review /schedules /schedules/new /logs /settings /settings/reporting
  /users /activity /account/credentials /api-docs /login"
for page in $pages; do
  for _ in $(seq "$VISITS"); do curl -s -o /dev/null -b "$jar" "$base$page"; done
done
sleep 0.3
printf '%-30s %10s %10s\n' page "median ms" "max ms"
for page in $pages; do
  grep "method=GET path=$page " "$work/server.log" | grep -o 'duration_ms=[0-9.]*' | cut -d= -f2 | sort -n \
    | awk -v p="${page//$uuid/{id\}}" '{a[NR] = $1} END {printf "%-30s %10.2f %10.2f\n", p, a[int((NR + 1) / 2)], a[NR]}'
done
