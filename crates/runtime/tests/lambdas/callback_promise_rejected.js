function lambda(input, callback) {
  callback(null, Promise.reject(new Error('rejected later')));
}
// expect: custom-failure rejected later
