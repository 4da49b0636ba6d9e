#!/usr/bin/env bash
# Runs every lambdabox test on a fresh Debian machine with only the Rust toolchain:
#   1. installs what the tests need (Chromium and Node.js 20+ for the browser tests),
#   2. cargo test --release: the unit tests of every crate, the HTTP integration tests against
#      the real app, the sandbox's tests, the store's conformance suite on SQLite and on a real
#      PostgreSQL server (a throwaway one on loopback, scripts/postgres.sh), the cluster test;
#      in the release profile, so it reuses what `cargo run --release` compiled (one build,
#      not two),
#   3. the browser tests: real headless Chromium driving the real release binary (tests/browser).
# Ends with one line: `tests: N passed, N failed`. Honours CARGO_TARGET_DIR.
# Screenshots of every page visited land in artifacts/screenshots/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
log=$(mktemp)
pg=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg"; rm -rf "$log" "$pg"' EXIT

scripts/install-test-deps.sh
LAMBDABOX_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg")
export LAMBDABOX_TEST_POSTGRES_URL LAMBDABOX_TEST_POSTGRES_CA=$pg/tls/ca.crt LAMBDABOX_REQUIRE_POSTGRES=1
[ -x .cache/node/node_modules/.bin/node ] && PATH="$root/.cache/node/node_modules/.bin:$PATH"

status=0
# Everything but the engine's conformance tools (scripts/engine-ci.sh runs those): they turn
# on the sandbox's `conformance` feature, which would make this build differ from the product's.
cargo test --release --locked --workspace --exclude lambdabox-conformance 2>&1 | tee -a "$log" || status=1

if [ -d tests/browser ] && [ -f tests/browser/package.json ]; then
    # `cargo test` built the binary for the integration tests, with the tests' features:
    # building it again without them would recompile a few crates for nothing.
    [ -x "$target/release/lambdabox" ] || cargo build --release --locked --bin lambdabox
    (
        cd tests/browser
        npm ci --no-audit --no-fund --loglevel=error
        LAMBDABOX_BIN="$target/release/lambdabox" node --test --test-concurrency=1 ./*.test.mjs
    ) 2>&1 | tee -a "$log" || status=1
fi

# One summary over both runners: cargo's "test result: ... N passed; M failed" lines and
# node's "# pass N" / "# fail M".
awk '
    /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
    /^# pass / { p += $3 }
    /^# fail / { f += $3 }
    END { printf "tests: %d passed, %d failed\n", p, f }
' "$log"
exit $status
