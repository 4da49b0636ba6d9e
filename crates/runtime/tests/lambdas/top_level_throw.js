function lambda(input, callback) {
  callback(null, 1);
}
throw new Error('at load');
// expect: runtime-exception Error: at load
