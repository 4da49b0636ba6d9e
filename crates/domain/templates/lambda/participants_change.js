function lambda(input, callback) {
  // Messaging Participants Change: an agent joined or left, or the conversation went back to
  // the queue. "participantsChange.newParticipants" lists who is in it now ({id, role}).
  const payload = input.payload || {};
  const general = payload.general || {};
  const change = payload.participantsChange || {};
  const agents = (change.newParticipants || []).filter((p) => p.role === "ASSIGNED_AGENT");
  console.info("participants changed", { convId: general.convId, event: general.cbotEventType, agents: agents.length });
  if (general.cbotEventType === "BACK_TO_QUEUE") {
    callback(null, [{ type: "systemMessage", text: "Your agent had to leave; the next free agent will take over." }]);
    return;
  }
  const text = agents.length > 0 ? "You are now connected to an agent." : "An agent left the conversation.";
  callback(null, [{ type: "systemMessage", text }]);
}
