function lambda(input, callback) {
  // Messaging Conversation Idle: an agent or the consumer did not answer in time, or the
  // conversation waits in the queue ("general.cbotEventType" says which). The "idle" group
  // holds the timings. A consumer gone for too long gets the conversation closed.
  const payload = input.payload || {};
  const general = payload.general || {};
  const idle = payload.idle || {};
  const minutes = (span) => (span && span.timeUnits === "MINUTES" ? span.time : 0);
  console.info("conversation idle", { convId: general.convId, event: general.cbotEventType });
  switch (general.cbotEventType) {
    case "CONSUMER_NON_RESPONSIVE":
      if (minutes(idle.consumserNonResponsive) >= 30) {
        callback(null, [
          { type: "systemMessage", text: "We have not heard from you, so we closed this conversation." },
          { type: "closeConversation" },
        ]);
        return;
      }
      callback(null, [{ type: "systemMessage", text: "Are you still there?" }]);
      return;
    case "AGENT_NON_RESPONSIVE":
      callback(null, [{ type: "systemMessage", text: "Sorry for the wait, your agent will be right back." }]);
      return;
    default:
      callback(null, [{ type: "systemMessage", text: "Thank you for your patience, you are next in line." }]);
  }
}
