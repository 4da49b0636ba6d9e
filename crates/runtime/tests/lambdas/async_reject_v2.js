async function lambda(input) {
  throw new Error('v2 failed');
}
// expect: runtime-exception Error: v2 failed
