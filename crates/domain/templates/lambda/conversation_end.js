function lambda(input, callback) {
  // Messaging Conversation End: the agent, the consumer or the system closed the conversation
  // ("conversationEnd.closeReason"). A good place to hand the conversation over to a CRM; a
  // "systemMessage" command replaces the default closing message.
  const payload = input.payload || {};
  const general = payload.general || {};
  const closeReason = (payload.conversationEnd || {}).closeReason || "UNKNOWN";
  console.info("conversation closed", { convId: general.convId, closeReason });
  const texts = {
    CONSUMER: "Thank you for chatting with us. Have a great day!",
    AGENT: "Your conversation was closed by our agent. Write again anytime.",
    SYSTEM: "This conversation was closed after a period of inactivity.",
  };
  callback(null, [{ type: "systemMessage", text: texts[closeReason] || texts.SYSTEM }]);
}
