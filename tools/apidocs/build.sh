#!/usr/bin/env bash
# Copies Swagger UI's prebuilt browser bundle, its stylesheet and its licence into
# static/vendor/swagger-ui/ from the exact version pinned in package-lock.json. Needs Node 20+
# and npm. The page that uses it is /api (templates/api_docs.html, static/js/api-docs.js).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor/swagger-ui"
cd "$here"
npm ci --no-audit --no-fund
mkdir -p "$out"
dist=node_modules/swagger-ui-dist
# The bundle ends with a source map comment; the map itself is not shipped.
sed -e '/^\/\/# sourceMappingURL=/d' "$dist/swagger-ui-bundle.js" > "$out/swagger-ui-bundle.js"
sed -e '/sourceMappingURL=/d' "$dist/swagger-ui.css" > "$out/swagger-ui.css"
cp "$dist/LICENSE" "$out/LICENSE"
[ -f "$dist/NOTICE" ] && cp "$dist/NOTICE" "$out/NOTICE"
ls -l "$out"
