#!/bin/sh
# CI check of the engine's patch series (see LAMBDABOX.md). Exit 0 when:
#  1. quickjs/ is byte-identical to the QuickJS sources of the crates.io package
#     rquickjs-sys 0.14.0 (for the files kept here; fetched with cargo if not cached);
#  2. patches/*.patch apply in order, cleanly (git apply: exact context, no fuzz), to a copy
#     of quickjs/ -- a second implementation besides the build script's (diffy);
#  3. the crate builds from scratch with the series applied, without a C compiler warning.
# Usage: vendor/rquickjs-sys/check-patches.sh [--no-build]
# With KEEP=1 the applied tree is left in the printed temporary directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=0.14.0
tmp=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$tmp"' EXIT

# 1. the pristine tree
pkg=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/rquickjs-sys-$version 2>/dev/null | head -n 1 || true)
if [ -z "$pkg" ]; then
    mkdir -p "$tmp/fetch/src"
    printf '[package]\nname = "fetch-pristine"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\nrquickjs-sys = "=%s"\n' \
        "$version" > "$tmp/fetch/Cargo.toml"
    echo 'fn main() {}' > "$tmp/fetch/src/main.rs"
    (cd "$tmp/fetch" && cargo fetch --quiet)
    pkg=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/rquickjs-sys-$version | head -n 1)
fi
for f in "$here"/quickjs/*; do
    name=$(basename "$f")
    if ! cmp -s "$f" "$pkg/quickjs/$name"; then
        echo "check-patches: quickjs/$name differs from rquickjs-sys $version's" >&2
        exit 1
    fi
done
echo "check-patches: quickjs/ is rquickjs-sys $version's ($(ls "$here/quickjs" | wc -l) files)"

# 2. the series applies
mkdir "$tmp/tree"
cp "$here"/quickjs/* "$tmp/tree/"
for p in "$here"/patches/*.patch; do
    if ! (cd "$tmp/tree" && git apply --whitespace=nowarn -p1 "$p"); then
        echo "check-patches: $(basename "$p") does not apply (see LAMBDABOX.md, Editing a patch)" >&2
        exit 1
    fi
    echo "check-patches: applied $(basename "$p")"
done
[ "${KEEP:-}" = 1 ] && echo "check-patches: applied tree in $tmp/tree"

# 3. it builds, warning-free
[ "${1:-}" = --no-build ] && exit 0
log="$tmp/build.log"
if ! (cd "$root" && cargo build --quiet -p rquickjs-sys --target-dir "$tmp/target" >"$log" 2>&1); then
    cat "$log" >&2
    echo "check-patches: the crate does not build with the series" >&2
    exit 1
fi
if grep -E '^warning: rquickjs-sys@[^:]*: .*warning:' "$log" >/dev/null; then
    grep '^warning: rquickjs-sys@' "$log" >&2
    echo "check-patches: C compiler warnings (fix them, or silence an upstream one in build.rs)" >&2
    exit 1
fi
echo "check-patches: the crate builds with the series, no C warning"
