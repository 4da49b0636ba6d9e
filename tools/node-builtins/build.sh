#!/usr/bin/env bash
# Rebuilds the Node built-in modules the sandbox bundles
# (crates/runtime/src/modules/vendor/<name>/<name>.js and LICENSE) from the exact versions
# pinned in package-lock.json. Needs Node 20+ and npm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
npm ci --no-audit --no-fund
node build.js "$here/../../crates/runtime/src/modules/vendor"
