#!/usr/bin/env bash
# The sandbox's tests (lambdabox-runtime: its unit tests and tests/runtime) against a QuickJS
# built with its C assertions on and AddressSanitizer, on the stable toolchain:
#   - assertions: the workspace builds rquickjs with `disable-assertions`, which makes the sys
#     crate's build script pass -DNDEBUG. A cargo feature cannot be switched off from the
#     command line, so the C compiler is told to read a one-line header first (`-include`)
#     that undefines NDEBUG again before any source line, so <assert.h> asserts.
#   - ASan: the C code (QuickJS, and the other C in the test's dependency graph: ring, SQLite)
#     is compiled with -fsanitize=address through the cc crate's per-target CFLAGS, and the
#     test binaries are linked against the ASan runtime. Rust code is not instrumented (that
#     needs -Zsanitizer, a nightly flag); QuickJS's heap is all C, which is what this is for.
# `--target` is passed so that these flags reach the target code only, not build scripts and
# proc macros (which rustc loads and which must not need the ASan runtime).
#
# Usage: scripts/engine-sanitizers.sh [extra args for the test binaries]
# Env: ASAN_TARGET_DIR (default target/asan), ENGINE_ASAN_TIMEOUT (seconds, default 1500).
set -euo pipefail
cd "$(dirname "$0")/.."

target=$(rustc -vV | sed -n 's/^host: //p')
target_env=$(echo "$target" | tr 'a-z-' 'A-Z_')
target_lower=$(echo "$target" | tr '-' '_')
export CARGO_TARGET_DIR="${ASAN_TARGET_DIR:-$PWD/target/asan}"
mkdir -p "$CARGO_TARGET_DIR"
header="$CARGO_TARGET_DIR/quickjs-assertions-on.h"
printf '/* engine-sanitizers.sh: QuickJS C assertions on despite -DNDEBUG */\n#undef NDEBUG\n' >"$header"

export "CFLAGS_${target_lower}=-fsanitize=address -fno-omit-frame-pointer -g -include $header"
export "CARGO_TARGET_${target_env}_RUSTFLAGS=-C link-arg=-fsanitize=address"
# abort_on_error: a report ends the process with a non-zero status, the test binary included.
# detect_leaks: on; the tests end with worker threads still parked, which hold no C memory
# (the suppressions file lists what LSan must not count).
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=0:symbolize=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/engine-sanitizers.supp:print_suppressions=0}"
export RUST_BACKTRACE=1

# Tests skipped under ASan, each only for the slowdown of instrumented C (its heap checks
# make QuickJS 2-3x slower), never for a finding:
skips=(
    # (none so far)
)
skip_args=()
for name in "${skips[@]}"; do skip_args+=(--skip "$name"); done

started=$(date +%s)
cargo build --locked -p lambdabox-runtime --target "$target" --lib --tests
lib=$(find "$CARGO_TARGET_DIR/$target/debug/build" -path '*rquickjs-sys-*/out/libquickjs.a' -newer "$header" | head -n1)
[ -n "$lib" ] || lib=$(find "$CARGO_TARGET_DIR/$target/debug/build" -path '*rquickjs-sys-*/out/libquickjs.a' | head -n1)
if ! nm "$lib" 2>/dev/null | grep -q '__asan_report'; then
    echo "engine-sanitizers: $lib is not instrumented with ASan" >&2
    exit 1
fi
if ! nm "$lib" 2>/dev/null | grep -q '__assert_fail'; then
    echo "engine-sanitizers: $lib was built without C assertions" >&2
    exit 1
fi
echo "engine-sanitizers: QuickJS built with ASan and assertions ($(($(date +%s) - started)) s)"

timeout "${ENGINE_ASAN_TIMEOUT:-1500}" \
    cargo test --locked -p lambdabox-runtime --target "$target" --lib --test runtime -- "${skip_args[@]}" "$@"
echo "engine-sanitizers: runtime tests passed under ASan with assertions on ($(($(date +%s) - started)) s)"
