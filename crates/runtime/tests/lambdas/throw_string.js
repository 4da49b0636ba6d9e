function lambda(input, callback) {
  throw 'a string';
}
// expect: runtime-exception Uncaught a string
