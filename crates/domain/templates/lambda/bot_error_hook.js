function lambda(input, callback) {
  // Error hook: called when the bot vendor failed. Its result is ignored; log what happened.
  const { error, vendor } = input.payload || {};
  console.error("bot vendor error", { vendor, error });
  callback(null, {});
}
