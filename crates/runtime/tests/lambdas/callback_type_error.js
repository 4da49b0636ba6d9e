function lambda(input, callback) {
  callback(new TypeError('wrong type'));
}
// expect: runtime-exception TypeError: wrong type
