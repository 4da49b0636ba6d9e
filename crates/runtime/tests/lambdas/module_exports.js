function lambda(input, callback) {
  callback(null, typeof module.exports);
}
module.exports = lambda;
// expect: ok "function"
