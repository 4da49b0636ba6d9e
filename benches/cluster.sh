#!/usr/bin/env bash
# Several nodes on one PostgreSQL database, on this one box:
#   1. invoke throughput through 1, 2 and 3 nodes (the run shape of benches/http_invoke.sh: wrk
#      on loopback, CONNECTIONS in all, split evenly over the nodes), with a single node on the
#      SQLite file in the same run for reference. All nodes share the box's cores, so this shows
#      what the shared database costs, not how nodes scale;
#   2. change propagation: a redeploy on node 1 until nodes 2 and 3 answer with the new code;
#   3. failover: a load through nginx (round robin over 3 nodes, the reference deployment's
#      settings) while one node is SIGKILLed: how many requests fail, and for how long.
#
#   benches/cluster.sh                  # 64 connections, 20 s per measurement
#   DURATION=10s benches/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
REDEPLOYS=${REDEPLOYS:-10}

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#need[@]} -gt 0 ]; then $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null; fi
scripts/install-test-deps.sh >/dev/null
cargo build --release --locked --bin lambdabox >&2
target=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$target/release/lambdabox
work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as its own user
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  scripts/postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=common.sh
. benches/common.sh

# One node on the SQLite file first, for reference (the same lambda and run shape).
LAMBDABOX_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export LAMBDABOX_MASTER_KEY
LAMBDABOX_DATABASE_URL= provision "$work/sqlite"
sqlite_port=$(free_port)
LAMBDABOX_DATABASE_URL= RUST_LOG=warn "$BIN" serve --data-dir "$work/sqlite" --bind "127.0.0.1:$sqlite_port" 2>>"$work/sqlite.log" &
sqlite_pid=$!
pids+=("$sqlite_pid")
until curl -sf -o /dev/null "http://127.0.0.1:$sqlite_port/readyz"; do sleep 0.01; done
stoken=$(access_token "$sqlite_port")
suuid=$(deploy_lambda "http://127.0.0.1:$sqlite_port/api/account/bench" "$stoken" hello1 'function lambda(input, callback) {\n  callback(null, { hello: input.payload.name });\n}\n')
post_lua "$work/post-sqlite.lua" "$stoken" '{"timestamp":0,"headers":[],"payload":{"name":"bench"}}'
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$work/post-sqlite.lua" \
  "http://127.0.0.1:$sqlite_port/api/account/bench/lambdas/$suuid/invoke?v=1&externalSystem=bench" > "$work/wrk-sqlite.out"
sqlite=$(awk '/Requests\/sec/ {printf "%.0f\n", $2}' "$work/wrk-sqlite.out")
kill "$sqlite_pid"; wait "$sqlite_pid" 2>/dev/null || true

admin_url=$(scripts/postgres.sh start "$work/pg")
psql -q "$admin_url" -c "CREATE DATABASE bench"
export LAMBDABOX_DATABASE_URL=${admin_url%/postgres}/bench
provision "$work/n1"

ports=()
node_pids=()
start_node() { # start_node N: node N (1-based) on ports[N-1]
  local n=$1
  RUST_LOG=warn "$BIN" serve --data-dir "$work/n$n" --bind "127.0.0.1:${ports[$((n - 1))]}" 2>>"$work/node$n.log" &
  node_pids[n]=$!
  pids+=("$!")
  until curl -sf -o /dev/null "http://127.0.0.1:${ports[$((n - 1))]}/readyz"; do sleep 0.01; done
}
for n in 1 2 3; do ports+=("$(free_port)"); done
start_node 1
token=$(access_token "${ports[0]}")
base="http://127.0.0.1:${ports[0]}/api/account/bench"
uuid=$(deploy_lambda "$base" "$token" hello1 'function lambda(input, callback) {\n  callback(null, { hello: input.payload.name });\n}\n')
post_lua "$work/post.lua" "$token" '{"timestamp":0,"headers":[],"payload":{"name":"bench"}}'
path="/api/account/bench/lambdas/$uuid/invoke?v=1&externalSystem=bench"

# throughput NODES: wrk on each of the first NODES nodes at once, CONNECTIONS split evenly;
# prints the sum of req/s.
throughput() {
  local nodes=$1 each=$(( CONNECTIONS / $1 )) i wrks=()
  for i in $(seq "$nodes"); do
    wrk -t"$(( nodes == 1 ? 2 : 1 ))" -c"$each" -d"$DURATION" -s "$work/post.lua" \
      "http://127.0.0.1:${ports[$((i - 1))]}$path" > "$work/wrk$i.out" &
    wrks+=("$!")
  done
  wait "${wrks[@]}"
  for i in $(seq "$nodes"); do cat "$work/wrk$i.out"; done | awk '/Requests\/sec/ {s += $2} END {printf "%.0f\n", s}'
}

echo "== throughput ($CONNECTIONS connections, $DURATION)"
echo "1 node on SQLite:      $sqlite req/s"
one=$(throughput 1)
echo "1 node on PostgreSQL:  $one req/s ($(python3 -c "print(round($one / $sqlite, 2))")x the SQLite node)"
start_node 2
two=$(throughput 2)
echo "2 nodes on PostgreSQL: $two req/s ($(python3 -c "print(round($two / $one, 2))")x one node; per node $(python3 -c "print(round($two / 2 / $one, 2))"))"
start_node 3
three=$(throughput 3)
echo "3 nodes on PostgreSQL: $three req/s ($(python3 -c "print(round($three / $one, 2))")x one node; per node $(python3 -c "print(round($three / 3 / $one, 2))"))"

echo "== change propagation ($REDEPLOYS redeploys on node 1, answered by nodes 2 and 3)"
python3 benches/cluster_probe.py propagation "$REDEPLOYS" "$token" "$uuid" "${ports[@]}"

echo "== failover (nginx over 3 nodes; node 3 SIGKILLed under load)"
sed -e "s/node1:8080/127.0.0.1:${ports[0]}/; s/node2:8080/127.0.0.1:${ports[1]}/; s/node3:8080/127.0.0.1:${ports[2]}/" \
    -e "s/listen 8080;/listen 127.0.0.1:$(free_port | tee "$work/lb.port");/" deploy/cluster/nginx.conf \
  | sed -e "s|^events {}|pid $work/nginx.pid;\nerror_log $work/nginx.err;\nevents {}|" \
        -e "s|^http {|http {\n    access_log off;\n    client_body_temp_path $work;\n    proxy_temp_path $work;|" > "$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work"
python3 benches/cluster_probe.py failover "$token" "$uuid" "$(cat "$work/lb.port")" "${node_pids[3]}"
