function lambda(input, callback) {
  // Post-conversation survey events: react to a survey starting or ending.
  const { conversationId, surveyId } = input.payload || {};
  console.info("survey event", { conversationId, surveyId });
  callback(null, "ok");
}
