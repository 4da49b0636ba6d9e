#!/usr/bin/env bash
# The engine's checks in CI, in sequence, each with a time bound:
#   1. test262: the vendored suite against the sandbox's engine (crates/conformance); fails
#      when fewer runs pass than crates/conformance/test262-baseline.txt records or a run
#      fails that it does not list;
#   2. the runtime tests with QuickJS's C assertions on and AddressSanitizer
#      (scripts/engine-sanitizers.sh);
#   3. the fuzzer over the sandbox entry, built with the same ASan + assertions QuickJS,
#      for ENGINE_FUZZ_SECONDS (default 120).
# Runs all three even when one fails, prints the time each took, and exits non-zero if any
# failed. On a fresh Debian machine with only the Rust toolchain it installs what it needs
# (zstd for the suite's archive; nm and gcc's ASan runtime are part of the Rust images' gcc).
#
# Env: CARGO_TARGET_DIR (default target), ENGINE_FUZZ_SECONDS (120), ENGINE_FUZZ_SEED,
#      ENGINE_TEST262_TIMEOUT (1200 s), ENGINE_ASAN_TIMEOUT (1500 s).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v zstd >/dev/null 2>&1 || need+=(zstd)
command -v tar >/dev/null 2>&1 || need+=(tar)
command -v nm >/dev/null 2>&1 || need+=(binutils)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
if command -v gcc >/dev/null 2>&1 && [ "$(gcc -print-file-name=libasan.so)" = "libasan.so" ]; then
    need+=("libgcc-$(gcc -dumpversion | cut -d. -f1)-dev")
fi
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "engine-ci: installing ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$target_dir"
export ASAN_TARGET_DIR="${ASAN_TARGET_DIR:-$target_dir/asan}"
failed=()
timings=()

step() {
    local name=$1
    shift
    local started
    started=$(date +%s)
    echo "engine-ci: == $name"
    if "$@"; then
        timings+=("$name: $(($(date +%s) - started)) s, ok")
    else
        timings+=("$name: $(($(date +%s) - started)) s, FAILED")
        failed+=("$name")
    fi
}

# (Each step checks its commands' status itself: `set -e` does not apply inside `if`.)
test262() {
    cargo test --release --locked -p lambdabox-conformance || return
    cargo build --release --locked -p lambdabox-conformance --bin test262 || return
    timeout "${ENGINE_TEST262_TIMEOUT:-1200}" "$target_dir/release/test262"
}

fuzz() {
    (
        # shellcheck source=engine-asan-env.sh
        . scripts/engine-asan-env.sh
        cargo build --locked -p lambdabox-conformance --target "$ASAN_TARGET" --bin engine-fuzz || exit
        asan_check_quickjs || exit
        seconds=${ENGINE_FUZZ_SECONDS:-120}
        export FUZZ_SECONDS="$seconds" FUZZ_TRACE="$CARGO_TARGET_DIR/engine-fuzz-trace.txt"
        [ -z "${ENGINE_FUZZ_SEED:-}" ] || export FUZZ_SEED="$ENGINE_FUZZ_SEED"
        # Leak checking at exit is off here: the fuzzer exits with abandoned worker threads
        # (the watchdog's replacements) still holding runtimes; the runtime tests check leaks.
        export ASAN_OPTIONS="${ASAN_OPTIONS}:detect_leaks=0"
        status=0
        timeout $((seconds + 300)) "$CARGO_TARGET_DIR/$ASAN_TARGET/debug/engine-fuzz" || status=$?
        if [ "$status" -ne 0 ]; then
            echo "engine-ci: the fuzzer failed (status $status); programs last started (replay: FUZZ_REPLAY=seed:index):" >&2
            tail -n 20 "$FUZZ_TRACE" >&2 || true
        fi
        exit "$status"
    )
}

started=$(date +%s)
step "test262" test262
step "sanitizers (ASan + C assertions)" scripts/engine-sanitizers.sh
step "fuzz (ASan + C assertions)" fuzz

echo "engine-ci: timings"
for line in "${timings[@]}"; do echo "  $line"; done
echo "  total: $(($(date +%s) - started)) s"
if [ ${#failed[@]} -gt 0 ]; then
    echo "engine-ci: FAILED: ${failed[*]}"
    exit 1
fi
echo "engine-ci: all engine checks passed"
