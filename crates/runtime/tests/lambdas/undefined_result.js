function lambda(input, callback) {
  callback();
}
// expect: ok null
