function lambda(input, callback) {
  // Automatic messages: answer with commands. A "systemMessage" replaces the default automatic
  // message; "transfer" and "closeConversation" are also understood (first of each type counts).
  const { convId, cbotEventType } = input.payload || {};
  console.info("conversation event", { convId, cbotEventType });
  callback(null, [
    {
      type: "systemMessage",
      text: "Thank you for reaching out. An agent will be with you shortly.",
    },
  ]);
}
