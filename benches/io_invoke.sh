#!/usr/bin/env bash
# Invocation of an I/O lambda over HTTP, the whole box: the lambda calls a loopback backend
# through Toolbelt.HTTPClient (allowlisted, the per-function rate limit raised out of the way)
# and answers its JSON. The peer is benches/node_vm_server.js in its I/O mode: a fresh `vm`
# context per request whose lambda calls the same backend through a keep-alive agent. Same run,
# same wrk load on loopback. The backend (benches/io_backend.rs, one thread) is measured alone
# first, to show it is not the bottleneck. Prints req/s for the three and the ratio.
#
#   benches/io_invoke.sh                        # 64 connections, 20 s per measurement
#   DURATION=10s CONNECTIONS=64 benches/io_invoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked --bin lambdabox --example io_backend >&2
target=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$target/release/lambdabox
work=$(mktemp -d)
cleanup() { kill "${LBX_PID:-}" "${NODE_PID:-}" "${BACKEND_PID:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=common.sh
. benches/common.sh
provision "$work/data"

# wait_listening LOG: prints the port a helper announced with "listening on PORT".
wait_listening() {
  for _ in $(seq 100); do grep -q listening "$1" 2>/dev/null && break; sleep 0.1; done
  sed -n 's/listening on //p' "$1" | head -1
}

"$target/release/examples/io_backend" > "$work/backend.log" &
BACKEND_PID=$!
backend_url="http://127.0.0.1:$(wait_listening "$work/backend.log")/item"

port=$(free_port)
base="http://127.0.0.1:$port/api/account/bench"
RUST_LOG=warn "$BIN" serve --data-dir "$work/data" --bind "127.0.0.1:$port" \
  --lambda-http-requests-per-second 1000000 2>>"$work/lbx.log" &
LBX_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done

token=$(access_token "$port")
auth="Authorization: Bearer $token"
curl -sf -o /dev/null -H "$auth" -H 'content-type: application/json' -d '{"domain":"127.0.0.1"}' "$base/proxy-settings"
code="async function lambda(input, callback) {\\n  const { Toolbelt } = require('lp-faas-toolbelt');\\n  callback(null, await Toolbelt.HTTPClient()({ uri: '$backend_url', json: true }));\\n}\\n"
uuid=$(deploy_lambda "$base" "$token" io1 "$code")

post_lua "$work/post.lua" "$token" '{"timestamp":0,"headers":[],"payload":{}}'
echo "lambdabox answers: $(curl -s -H "$auth" -H 'content-type: application/json' -d '{"payload":{}}' "$base/lambdas/$uuid/invoke?v=1&externalSystem=bench")"

BACKEND_URL=$backend_url node benches/node_vm_server.js > "$work/node.log" &
NODE_PID=$!
node_port=$(wait_listening "$work/node.log")
echo "node vm answers: $(curl -s -d '{"payload":{}}' "http://127.0.0.1:$node_port/")"

run() {
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency ${2:+-s "$2"} "$1" > "$work/wrk.out"
  cat "$work/wrk.out" >&2
  awk '/Requests\/sec/ {print $2}' "$work/wrk.out"
}
echo "== the backend alone, $CONNECTIONS connections" >&2
back=$(run "$backend_url")
echo "== lambdabox, $CONNECTIONS connections" >&2
lbx=$(run "$base/lambdas/$uuid/invoke?v=1&externalSystem=bench" "$work/post.lua")
echo "== node vm per request, $CONNECTIONS connections" >&2
nod=$(run "http://127.0.0.1:$node_port/" "$work/post.lua")
echo "backend alone: $back req/s; lambdabox: $lbx req/s; node vm: $nod req/s; ratio: $(python3 -c "print(round($lbx/$nod, 1))")x"
