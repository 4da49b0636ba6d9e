function lambda(input, callback) {
  throw new Error('boom');
}
// expect: custom-failure boom
