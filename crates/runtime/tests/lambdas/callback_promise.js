function lambda(input, callback) {
  // LivePerson's runner resolves its promise with the result: a promise is adopted.
  callback(null, new Promise((resolve) => setTimeout(() => resolve({ adopted: true }), 5)));
  callback(null, 'ignored');
}
// expect: ok {"adopted":true}
