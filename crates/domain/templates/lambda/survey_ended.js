function lambda(input, callback) {
  // Messaging Survey Ended: the consumer finished (or left) the survey. The last answer is in
  // "lastContentEventNotification.event.message"; send it to your own systems from here.
  const payload = input.payload || {};
  const last = payload.lastContentEventNotification || {};
  const answer = last.event ? last.event.message : undefined;
  console.info("survey ended", {
    conversationId: payload.conversationId,
    surveyId: payload.surveyId,
    closeReason: payload.closeReason,
    lastAnswer: answer,
  });
  callback(null, [{ type: "systemMessage", text: "Thank you for your feedback!" }]);
}
