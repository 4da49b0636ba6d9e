function lambda(input, callback) {
  // The smallest lambda: answer with a greeting. `input.payload` holds what the caller sent.
  const name = input.payload && input.payload.name ? input.payload.name : "World";
  callback(null, `Hello ${name}`);
}
