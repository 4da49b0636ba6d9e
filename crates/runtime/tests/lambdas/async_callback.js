async function lambda(input, callback) {
  const value = await new Promise((resolve) => setTimeout(() => resolve(42), 10));
  callback(null, { value });
}
// expect: ok {"value":42}
