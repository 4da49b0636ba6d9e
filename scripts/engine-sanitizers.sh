#!/usr/bin/env bash
# The sandbox's tests (lambdabox-runtime: its unit tests and tests/runtime) against a QuickJS
# built with its C assertions on and AddressSanitizer (see engine-asan-env.sh for how, on the
# stable toolchain).
#
# Usage: scripts/engine-sanitizers.sh [extra arguments for the test binaries]
# Env: ASAN_TARGET_DIR (default target/asan), ENGINE_ASAN_TIMEOUT (seconds, default 1500).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=engine-asan-env.sh
. scripts/engine-asan-env.sh

# Tests skipped under ASan, each only for the slowdown of instrumented C (2-3x), never for a
# finding:
skips=(
)
skip_args=()
for name in "${skips[@]}"; do skip_args+=(--skip "$name"); done

started=$(date +%s)
cargo build --locked -p lambdabox-runtime --target "$ASAN_TARGET" --lib --tests
asan_check_quickjs
echo "engine-sanitizers: QuickJS built with ASan and assertions ($(($(date +%s) - started)) s)"

timeout "${ENGINE_ASAN_TIMEOUT:-1500}" \
    cargo test --locked -p lambdabox-runtime --target "$ASAN_TARGET" --lib --test runtime -- "${skip_args[@]}" "$@"
echo "engine-sanitizers: runtime tests passed under ASan with assertions on ($(($(date +%s) - started)) s)"
