function lambda(input, callback) {
  throw 'a string';
}
// expect: custom-failure a string
