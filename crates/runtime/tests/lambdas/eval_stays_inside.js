function lambda(input, callback) {
  const g = Function('return this')();
  const names = ['std', 'os', 'Deno', 'fs', 'child_process'].filter((n) => n in g);
  callback(null, { names, evalType: typeof eval('globalThis.process'), hasExit: typeof process.exit });
}
// expect: ok {"names":[],"evalType":"object","hasExit":"undefined"}
