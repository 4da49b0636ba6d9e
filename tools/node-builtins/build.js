// Bundles each browser port of a Node built-in into one CommonJS file for the sandbox's
// require(), with the licences of every npm package that ended up in it. The modules require
// each other through the sandbox's require() (the `external` lists), so no bundle carries a
// second copy of util or buffer. Usage: node build.js <vendor dir>
'use strict';
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

// Sandbox module name → npm entry, and what it leaves to the sandbox's require() (the name
// the package requires → the sandbox module that serves it).
const MODULES = [
  // base64 goes to the host's native helpers (crates/runtime/src/modules/js/base64.js).
  { name: 'buffer', entry: 'buffer', sandbox: { 'base64-js': 'lambdabox:base64' } },
  { name: 'events', entry: 'events' },
  { name: 'util', entry: 'util/util.js' },
  { name: 'querystring', entry: 'querystring-es3' },
  { name: 'path', entry: 'path-browserify' },
  { name: 'url', entry: 'url/url.js', sandbox: { querystring: 'querystring' } },
  { name: 'string_decoder', entry: 'string_decoder', sandbox: { buffer: 'buffer' } },
  { name: 'assert', entry: 'assert', sandbox: { 'util/': 'util' } },
];

// Leaves the requires named in `map` to the sandbox, under the sandbox's module name.
function sandboxRequires(map) {
  return {
    name: 'sandbox-requires',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) =>
        Object.prototype.hasOwnProperty.call(map, args.path) ? { path: map[args.path], external: true } : undefined);
    },
  };
}

function packageDirs(meta) {
  const dirs = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, info] of Object.entries(output.inputs)) {
      if (!info.bytesInOutput) continue;
      const m = /^(?:\(disabled\):)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) dirs.add(path.resolve(m[1]));
    }
  }
  return [...dirs];
}

function licence(name, dirs) {
  const packages = dirs.map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = fs.readdirSync(dir).find((f) => /^(licen[cs]e|copying)([-.][\w.-]*)?$/i.test(f));
    if (!file) throw new Error(`no licence file in ${pkg.name}@${pkg.version}`);
    return { name: pkg.name, version: pkg.version, license: pkg.license, text: fs.readFileSync(path.join(dir, file), 'utf8').trim() };
  }).sort((a, b) => a.name.localeCompare(b.name));
  const rule = '='.repeat(78);
  let text = `Third-party software bundled in ${name}.js\n(built from tools/node-builtins in the lambdabox repository).\n\n` +
    packages.map((p) => `  ${p.name}@${p.version} (${p.license})`).join('\n') + '\n';
  for (const p of packages) text += `\n${rule}\n${p.name}@${p.version}, licence: ${p.license}\n${rule}\n\n${p.text}\n`;
  return { text, packages };
}

async function main() {
  const vendor = process.argv[2];
  if (!vendor) throw new Error('usage: node build.js <vendor dir>');
  const summary = [];
  for (const m of MODULES) {
    const out = path.join(vendor, m.name);
    fs.mkdirSync(out, { recursive: true });
    const result = await esbuild.build({
      entryPoints: [require.resolve(m.entry)],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      target: 'es2020',
      // Whitespace and syntax only: names stay as the packages wrote them (constructor and
      // function names show in messages and util.inspect).
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
      plugins: [sandboxRequires(m.sandbox || {})],
      banner: { js: `/*! Node's ${m.name} module for lambdabox: npm packages, see LICENSE in this directory. Built by tools/node-builtins/build.sh. */` },
      metafile: true,
      write: false,
    });
    const { text, packages } = licence(m.name, packageDirs(result.metafile));
    fs.writeFileSync(path.join(out, `${m.name}.js`), result.outputFiles[0].text);
    fs.writeFileSync(path.join(out, 'LICENSE'), text);
    summary.push(`${m.name}: ${packages.map((p) => p.name + '@' + p.version).join(', ')} (${result.outputFiles[0].text.length} bytes)`);
  }
  console.log(summary.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
