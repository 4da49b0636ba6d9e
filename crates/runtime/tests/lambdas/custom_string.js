function lambda(input, callback) {
  callback('plain string failure');
}
// expect: custom-failure plain string failure
