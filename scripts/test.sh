#!/usr/bin/env bash
# Runs every lambdabox test on a fresh Debian machine with only the Rust toolchain:
#   1. installs what the tests need (Debian's chromium for the browser tests, npm packages),
#   2. cargo test: unit tests and the HTTP integration tests against the real app,
#   3. the browser tests: real headless Chromium driving the real binary (tests/browser).
# Screenshots of every page visited land in artifacts/screenshots/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

cargo test --locked --workspace

if [ -d tests/browser ] && [ -f tests/browser/package.json ]; then
    cargo build --locked --bin lambdabox
    (
        cd tests/browser
        npm ci --no-audit --no-fund --loglevel=error
        LAMBDABOX_BIN="$PWD/../../target/debug/lambdabox" node --test --test-concurrency=1 ./*.test.mjs
    )
fi
