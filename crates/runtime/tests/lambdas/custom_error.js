function lambda(input, callback) {
  callback(new Error('nope'));
}
// expect: custom-failure nope
