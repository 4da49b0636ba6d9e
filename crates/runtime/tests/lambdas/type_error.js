function lambda(input, callback) {
  const x = null;
  callback(null, x.field);
}
// expect: runtime-exception TypeError
