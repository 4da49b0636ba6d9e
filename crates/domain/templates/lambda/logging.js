function lambda(input, callback) {
  // Console output of production invocations is kept for 30 days (Logs section); debug
  // entries are shown only on the test page. At most 10 entries and 6,000 characters per call.
  console.debug("only visible on the test page", input.headers);
  console.info("invocation received", { timestamp: input.timestamp });
  if (!input.payload || Object.keys(input.payload).length === 0) {
    console.warn("called without a payload");
  }
  callback(null, { logged: true });
}
