async function lambda(input, callback) {
  await Promise.reject(new RangeError('rejected'));
}
// expect: custom-failure rejected
