function lambda(input, callback) {
  // Messaging Line in Off-Hours: the consumer wrote while the skill is closed.
  // "offHours.openedInOffHours" tells whether the conversation started in off-hours too.
  const payload = input.payload || {};
  const general = payload.general || {};
  const openedInOffHours = (payload.offHours || {}).openedInOffHours === true;
  console.info("line in off-hours", { convId: general.convId, openedInOffHours });
  const text = openedInOffHours
    ? "We are closed right now. Leave your question and we will answer first thing tomorrow."
    : "Our team has left for the day. We will get back to you as soon as we are open again.";
  callback(null, [{ type: "systemMessage", text }]);
}
