function lambda(input, callback) {
  // Messaging Consumer Step Up: an unauthenticated consumer authenticated during the
  // conversation ("general.cbotEventType" is CONSUMER_STEP_UP). Greet them, and move the
  // conversation to the skill for authenticated consumers if one is set.
  const payload = input.payload || {};
  const general = payload.general || {};
  const authenticatedSkillId = ""; // e.g. "4": the skill that serves authenticated consumers
  console.info("consumer stepped up", { convId: general.convId, consumer: general.originatorId });
  const commands = [{ type: "systemMessage", text: "Thanks for signing in. We can now look at your account." }];
  if (authenticatedSkillId) {
    commands.push({ type: "transfer", skillId: authenticatedSkillId });
  }
  callback(null, commands);
}
