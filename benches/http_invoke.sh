#!/usr/bin/env bash
# Invocation over HTTP, the whole box: lambdabox's real `POST .../lambdas/{uuid}/invoke` path
# (bearer token auth, recording and request logging on) against a Node `node:http` server
# running the same lambda in a `vm` context per request, measured in the same run with wrk
# on loopback. Prints req/s and latency for both and the ratio.
#
# First it times the start of the release binary until /readyz answers 200 (STARTS times).
# With LAMBDAS > 1 the store holds that many deployed lambdas before the first start (created
# and deployed by benches/provision_lambdas.rs, past the API's limit of 50), and the
# invocations go to the last of them.
#
#   benches/http_invoke.sh            # 64 connections, 20 s per measurement
#   DURATION=10s CONNECTIONS=64 benches/http_invoke.sh
#   LAMBDAS=10000 benches/http_invoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
LAMBDAS=${LAMBDAS:-1}
STARTS=${STARTS:-3}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked --bin lambdabox --example provision_lambdas >&2
target=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$target/release/lambdabox
work=$(mktemp -d)
cleanup() { kill "${LBX_PID:-}" "${NODE_PID:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=common.sh
. benches/common.sh
provision "$work/data"

uuid=""
if [ "$LAMBDAS" -gt 1 ]; then
  t0=$(date +%s.%N)
  uuid=$("$target/release/examples/provision_lambdas" "$work/data" "$LAMBDAS")
  echo "created and deployed $LAMBDAS lambdas in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi

port=$(free_port)
base="http://127.0.0.1:$port/api/account/bench"
serve() {
  RUST_LOG=warn "$BIN" serve --data-dir "$work/data" --bind "127.0.0.1:$port" 2>>"$work/lbx.log" &
  LBX_PID=$!
}
for n in $(seq "$STARTS"); do
  t0=$(date +%s%N)
  serve
  until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.005; done
  echo "start $n: /readyz answered 200 after $(( ($(date +%s%N) - t0) / 1000000 )) ms ($LAMBDAS deployed lambdas)"
  if [ "$n" -lt "$STARTS" ]; then kill -TERM "$LBX_PID"; wait "$LBX_PID" || true; fi
done

token=$(access_token "$port")
auth="Authorization: Bearer $token"
if [ -z "$uuid" ]; then
  uuid=$(deploy_lambda "$base" "$token" hello1 'function lambda(input, callback) {\n  callback(null, { hello: input.payload.name });\n}\n')
fi

post_lua "$work/post.lua" "$token" '{"timestamp":0,"headers":[],"payload":{"name":"bench"}}'
curl -s -H "$auth" -H 'content-type: application/json' -d '{"payload":{"name":"check"}}' "$base/lambdas/$uuid/invoke?v=1&externalSystem=bench"; echo

node benches/node_vm_server.js > "$work/node.log" &
NODE_PID=$!
for _ in $(seq 50); do grep -q listening "$work/node.log" 2>/dev/null && break; sleep 0.1; done
node_port=$(sed 's/listening on //' "$work/node.log")

run() {
  wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$DURATION" --latency -s "$work/post.lua" "$1" > "$work/wrk.out"
  cat "$work/wrk.out" >&2
  awk '/Requests\/sec/ {print $2}' "$work/wrk.out"
}
echo "== lambdabox, 1 connection (latency)" >&2
run "$base/lambdas/$uuid/invoke?v=1&externalSystem=bench" 1 >/dev/null
echo "== lambdabox, $CONNECTIONS connections" >&2
lbx=$(run "$base/lambdas/$uuid/invoke?v=1&externalSystem=bench" "$CONNECTIONS")
echo "== node vm per request, $CONNECTIONS connections" >&2
nod=$(run "http://127.0.0.1:$node_port/" "$CONNECTIONS")
echo "lambdabox: $lbx req/s; node vm: $nod req/s; ratio: $(python3 -c "print(round($lbx/$nod, 1))")x"
