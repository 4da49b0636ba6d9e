function lambda(input, callback) {
  callback(null, 'first');
  callback(null, 'second');
  callback(new Error('third'));
}
// expect: ok "first"
