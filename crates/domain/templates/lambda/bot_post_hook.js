function lambda(input, callback) {
  // Post-hook: receives the bot vendor's response and returns it, possibly modified.
  const payload = input.payload || {};
  payload.messages = (payload.messages || []).filter((m) => m !== "");
  callback(null, payload);
}
