function lambda(input, callback) {
  // Messaging New Conversation: a consumer opened a conversation. The payload groups the
  // conversation's fields under "general"; "newConversation.firstConversation" says whether it
  // is the consumer's first one. Answer with commands: a "systemMessage" replaces the default
  // automatic message ("transfer" and "closeConversation" are understood too).
  const payload = input.payload || {};
  const general = payload.general || {};
  const first = (payload.newConversation || {}).firstConversation === true;
  console.info("new conversation", { convId: general.convId, first, inOffHours: general.inOffHours });
  let text = first ? "Welcome! Thanks for reaching out for the first time." : "Welcome back!";
  if (general.inOffHours) {
    text += " We are closed right now and will answer when we are back.";
  } else {
    text += " An agent will be with you shortly.";
  }
  callback(null, [{ type: "systemMessage", text }]);
}
