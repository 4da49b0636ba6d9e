# Sourced by engine-sanitizers.sh and engine-ci.sh: the environment for builds of lambdabox's
# QuickJS with its C assertions on and AddressSanitizer, on the stable toolchain.
#   - assertions: the workspace builds rquickjs with `disable-assertions`, which makes the sys
#     crate's build script pass -DNDEBUG. A cargo feature cannot be switched off from the
#     command line, so the C compiler is told to read a one-line header first (`-include`)
#     that undefines NDEBUG again before any source line, so <assert.h> asserts.
#   - ASan: the C code (QuickJS, and the other C in the dependency graph: ring, SQLite) is
#     compiled with -fsanitize=address through the cc crate's per-target CFLAGS, and the
#     binaries are linked against gcc's static ASan runtime (whole archive: rustc links with
#     -nodefaultlibs, so `-fsanitize=address` alone adds no runtime, and the shared one would
#     have to come first in the library list). Rust code is not instrumented (that needs
#     -Zsanitizer, a nightly flag); QuickJS's heap is all C, which is what this is for.
# Cargo must be given `--target "$ASAN_TARGET"`, so that these flags reach the target code
# only, not build scripts and proc macros (which rustc loads, and which must not need the ASan
# runtime). Sets CARGO_TARGET_DIR to ASAN_TARGET_DIR (default: target/asan).

ASAN_TARGET=$(rustc -vV | sed -n 's/^host: //p')
export ASAN_TARGET
asan_target_env=$(echo "$ASAN_TARGET" | tr 'a-z-' 'A-Z_')
asan_target_lower=$(echo "$ASAN_TARGET" | tr '-' '_')
export CARGO_TARGET_DIR="${ASAN_TARGET_DIR:-$PWD/target/asan}"
mkdir -p "$CARGO_TARGET_DIR"
ASAN_ASSERT_HEADER="$CARGO_TARGET_DIR/quickjs-assertions-on.h"
printf '/* engine-asan-env.sh: QuickJS C assertions on despite -DNDEBUG */\n#undef NDEBUG\n' >"$ASAN_ASSERT_HEADER"
export "CFLAGS_${asan_target_lower}=-fsanitize=address -fno-omit-frame-pointer -g -include $ASAN_ASSERT_HEADER"
export "CARGO_TARGET_${asan_target_env}_RUSTFLAGS=-C link-arg=-Wl,--whole-archive -C link-arg=-l:libasan.a -C link-arg=-Wl,--no-whole-archive -C link-arg=-ldl -C link-arg=-lpthread -C link-arg=-lrt -C link-arg=-lm"
# abort_on_error: a report ends the process with a non-zero status.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}"
export RUST_BACKTRACE=1

# Fails unless the QuickJS archive of the last build is instrumented and asserts.
asan_check_quickjs() {
    local lib
    lib=$(ls -t "$CARGO_TARGET_DIR/$ASAN_TARGET"/debug/build/rquickjs-sys-*/out/libquickjs.a 2>/dev/null | head -n1)
    if [ -z "$lib" ]; then
        echo "engine-asan: no QuickJS build found under $CARGO_TARGET_DIR" >&2
        return 1
    fi
    if ! nm "$lib" 2>/dev/null | grep -c '__asan_report' >/dev/null; then
        echo "engine-asan: $lib is not instrumented with ASan" >&2
        return 1
    fi
    if ! nm "$lib" 2>/dev/null | grep -c '__assert_fail' >/dev/null; then
        echo "engine-asan: $lib was built without C assertions" >&2
        return 1
    fi
}
