#!/usr/bin/env bash
# Rebuilds static/vendor/codemirror/lambdabox-editor.js and its LICENSE from
# the exact versions pinned in package-lock.json. Needs Node 20+ and npm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor/codemirror"
cd "$here"

npm ci --no-audit --no-fund

mkdir -p "$out"
meta="$(mktemp)"
trap 'rm -f "$meta"' EXIT

npx --no-install esbuild src/editor.js \
  --bundle --minify --format=iife --target=es2020 --platform=browser \
  --legal-comments=none \
  --banner:js="/*! lambdabox-editor: CodeMirror 6 and dependencies, MIT licensed; see LICENSE in this directory. Built by tools/editor/build.sh. */" \
  --metafile="$meta" \
  --outfile="$out/lambdabox-editor.js"

# LICENSE: the licence file of every npm package that ended up in the bundle,
# with a header naming the package and its version.
node - "$meta" "$out/LICENSE" <<'EOF'
const fs = require("fs");
const path = require("path");
const [metaPath, licensePath] = process.argv.slice(2);
const meta = JSON.parse(fs.readFileSync(metaPath, "utf8"));
const dirs = new Set();
for (const output of Object.values(meta.outputs)) {
  for (const [input, info] of Object.entries(output.inputs)) {
    if (!info.bytesInOutput) continue; // imported but tree-shaken away
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) dirs.add(path.resolve(m[1]));
  }
}
const packages = [...dirs].map((dir) => {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!file) throw new Error(`no licence file in ${pkg.name}@${pkg.version}`);
  return { name: pkg.name, version: pkg.version, license: pkg.license, text: fs.readFileSync(path.join(dir, file), "utf8").trim() };
}).sort((a, b) => a.name.localeCompare(b.name));
const rule = "=".repeat(78);
let text = "Third-party software bundled in lambdabox-editor.js\n" +
  "(built from tools/editor in the lambdabox repository).\n\n" +
  packages.map((p) => `  ${p.name}@${p.version} (${p.license})`).join("\n") + "\n";
for (const p of packages) {
  text += `\n${rule}\n${p.name}@${p.version}, licence: ${p.license}\n${rule}\n\n${p.text}\n`;
}
fs.writeFileSync(licensePath, text);
console.log(`LICENSE: ${packages.length} packages`);
EOF

ls -l "$out"
