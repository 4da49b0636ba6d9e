#!/usr/bin/env bash
# Many invocations waiting at once, the whole box: the release binary with its worker
# processes, a deployed lambda that answers after a 1 s timer, and wrk holding CONNECTIONS
# requests in flight through the real invoke API for DURATION. Prints the answers by status
# (any 429 is a failure of the target), latency, and the peak resident memory of the server
# and its workers together (sampled every 100 ms), with the memory per invocation in flight.
#
#   benches/concurrent_timers.sh                 # 10,000 in flight for 6 s
#   CONNECTIONS=2000 DURATION=4s benches/concurrent_timers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-10000}
DURATION=${DURATION:-6s}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked --bin lambdabox >&2
BIN=${CARGO_TARGET_DIR:-$PWD/target}/release/lambdabox
# Each side needs a descriptor per connection.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((CONNECTIONS + 200)) ] || { echo "open-file limit $(ulimit -n) is too low for $CONNECTIONS connections" >&2; exit 1; }
work=$(mktemp -d)
cleanup() { kill "${LBX_PID:-}" "${SAMPLER_PID:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# shellcheck source=common.sh
. benches/common.sh
provision "$work/data"
port=$(free_port)
base="http://127.0.0.1:$port/api/account/bench"
RUST_LOG=warn "$BIN" serve --data-dir "$work/data" --bind "127.0.0.1:$port" \
  --lambda-max-in-flight $((CONNECTIONS + 1000)) --lambda-queue $((CONNECTIONS + 1000)) 2>>"$work/lbx.log" &
LBX_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.01; done
token=$(access_token "$port")
auth="Authorization: Bearer $token"
uuid=$(deploy_lambda "$base" "$token" timer 'function lambda(input, callback) {\n  setTimeout(() => callback(null, { waited: 1000 }), 1000);\n}\n')
curl -s -H "$auth" -H 'content-type: application/json' -d '{}' "$base/lambdas/$uuid/invoke?v=1"; echo

# Resident memory of the server and its workers, in KiB.
rss() {
  local total=0 pid
  for pid in "$LBX_PID" $(pgrep -P "$LBX_PID"); do
    total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
idle=$(rss)
( peak=0; while true; do now=$(rss); [ "$now" -gt "$peak" ] && peak=$now && echo "$peak" > "$work/peak"; sleep 0.1; done ) &
SAMPLER_PID=$!

post_lua "$work/post.lua" "$token" '{"payload":{}}'
cat >> "$work/post.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
ok, refused, other = 0, 0, 0
function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 429 then refused = refused + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, r, x = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); r = r + t:get("refused"); x = x + t:get("other") end
  print(string.format("answers: %d ok, %d refused with 429, %d other", o, r, x))
end
LUA
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$work/post.lua" "$base/lambdas/$uuid/invoke?v=1" | tee "$work/wrk.out"
kill "$SAMPLER_PID"; SAMPLER_PID=
peak=$(cat "$work/peak")
echo "workers: $(pgrep -P "$LBX_PID" | wc -l) processes"
echo "resident memory, server and workers: idle $((idle / 1024)) MiB, peak $((peak / 1024)) MiB with $CONNECTIONS in flight"
echo "memory per invocation in flight: $(( (peak - idle) / CONNECTIONS )) KiB"
