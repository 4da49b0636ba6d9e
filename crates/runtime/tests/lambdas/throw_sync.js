function lambda(input, callback) {
  throw new Error('boom');
}
// expect: runtime-exception Error: boom
