function lambda(input, callback) {
  // Messaging Survey Started: the post-conversation survey bot took over the conversation.
  // The payload describes it: conversationId, surveyId, skillId, participants, dialogs...
  const { conversationId, surveyId, skillId, context } = input.payload || {};
  console.info("survey started", { conversationId, surveyId, skillId, lang: context && context.lang });
  callback(null, [{ type: "systemMessage", text: "Before you go: could you answer a few short questions?" }]);
}
