#!/usr/bin/env bash
# Copies uPlot's prebuilt browser files and its licence into static/vendor/uplot/ from the exact
# version pinned in package-lock.json. Needs Node 20+ and npm.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor/uplot"
cd "$here"
npm ci --no-audit --no-fund
mkdir -p "$out"
cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css "$out/"
cp node_modules/uplot/LICENSE "$out/LICENSE"
ls -l "$out"
