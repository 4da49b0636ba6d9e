function lambda(input, callback) {
  callback(null, function () {});
}
// expect: runtime-exception not JSON-serialisable
