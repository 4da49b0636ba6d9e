function lambda(input, callback) {
  callback(null, 'Hello World');
}
// expect: ok "Hello World"
