#!/usr/bin/env bash
# Installs what the tests need, if missing: Debian's chromium (browser tests), curl, PostgreSQL
# (the store's conformance suite and the cluster test; scripts/postgres.sh starts a throwaway
# server), and Node.js 20 or newer with npm (the browser test runner). Where Debian offers only an older Node.js, Node 20
# comes from the npm registry (the `node` package, which ships the binary) into
# .cache/node/, and scripts/test.sh puts it first on PATH. Idempotent; uses apt-get as root,
# or through sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# the invoke pages' curl commands are run as a user would run them
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing test dependencies: ${need[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

node_major() { "${1:-node}" -e 'console.log(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 20 ] && [ "$(node_major .cache/node/node_modules/.bin/node)" -lt 20 ]; then
    echo "installing Node.js 20 from the npm registry into .cache/node (Debian's is $(node --version 2>/dev/null))" >&2
    mkdir -p .cache/node
    npm install --prefix .cache/node --no-audit --no-fund --loglevel=error node@20 >/dev/null
fi
