// Runs the hello-world lambda the way a Node sandbox would: a fresh context per call via
// vm.runInNewContext with a 30 s timeout. Prints `median_us=<value>` for crates/runtime/benches/runtime.rs.
'use strict';
const vm = require('node:vm');

const code = `function lambda(input, callback) {
  callback(null, 'Hello World');
}
lambda(input, (err, result) => { out.result = result; });`;
const script = new vm.Script(code);

function once() {
  const out = {};
  script.runInNewContext({ input: { timestamp: 0, headers: [], payload: {} }, out }, { timeout: 30000 });
  if (out.result !== 'Hello World') throw new Error('unexpected result');
}

for (let i = 0; i < 200; i++) once();
const samples = [];
for (let i = 0; i < 2000; i++) {
  const start = process.hrtime.bigint();
  once();
  samples.push(Number(process.hrtime.bigint() - start) / 1000);
}
samples.sort((a, b) => a - b);
console.log(`median_us=${samples[samples.length >> 1].toFixed(1)}`);
