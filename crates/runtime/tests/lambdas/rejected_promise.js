async function lambda(input, callback) {
  await Promise.reject(new RangeError('rejected'));
}
// expect: runtime-exception RangeError: rejected
