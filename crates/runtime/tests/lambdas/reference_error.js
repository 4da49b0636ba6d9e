function lambda(input, callback) {
  callback(null, notDefined + 1);
}
// expect: runtime-exception ReferenceError
