function lambda(input, callback) {
  // Third-Party Bots custom integration: answer the consumer's message with bot messages and
  // an optional action (TRANSFER, CLOSE_CONVERSATION, CHANGE_TTR).
  const message = (input.payload && input.payload.message) || "";
  if (/agent|human/i.test(message)) {
    callback(null, {
      messages: ["Let me transfer you to an agent."],
      context: { action: "TRANSFER", actionParameters: { skill: "human_skill" } },
    });
    return;
  }
  callback(null, { messages: [`You said: ${message}`], context: {} });
}
