function lambda(input, callback) {
  // Messaging Conversation Routing: the conversation moved from "routing.oldSkillId" to
  // "routing.newSkillId". Tell the consumer where they are going (skill ids mapped to names).
  const payload = input.payload || {};
  const general = payload.general || {};
  const routing = payload.routing || {};
  const skillNames = { "2": "Billing", "3": "Technical Support" };
  const name = skillNames[String(routing.newSkillId)] || "the right team";
  console.info("conversation routed", { convId: general.convId, from: routing.oldSkillId, to: routing.newSkillId });
  callback(null, [{ type: "systemMessage", text: `We are connecting you to ${name}.` }]);
}
