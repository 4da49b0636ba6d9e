function lambda(input, callback) {
  // Pre-hook: receives the request for the bot vendor and returns it, possibly modified.
  const payload = input.payload || {};
  if (typeof payload.message === "string") {
    payload.message = payload.message.trim();
  }
  callback(null, payload);
}
