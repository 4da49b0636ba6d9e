async function lambda(input) {
  throw new Error('v2 failed');
}
// expect: custom-failure v2 failed
