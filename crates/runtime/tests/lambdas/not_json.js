function lambda(input, callback) {
  const a = {};
  a.self = a;
  callback(null, a);
}
// expect: runtime-exception not JSON-serialisable
