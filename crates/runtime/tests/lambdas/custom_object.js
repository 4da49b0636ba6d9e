function lambda(input, callback) {
  callback({ reason: 'bad' });
}
// expect: custom-failure {"reason":"bad"}
