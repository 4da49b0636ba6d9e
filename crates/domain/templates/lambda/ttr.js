function lambda(input, callback) {
  // Messaging TTR: the time to respond changed, because the consumer asked for an urgent answer
  // or the agent changed it. "ttr.oldTtr" / "ttr.newTtr" are {ttrType, value (seconds)}.
  const payload = input.payload || {};
  const general = payload.general || {};
  const ttr = payload.ttr || {};
  const next = ttr.newTtr || {};
  console.info("time to respond changed", { convId: general.convId, from: ttr.oldTtr, to: next });
  const minutes = Math.max(1, Math.round((next.value || 0) / 60));
  const text =
    next.ttrType === "URGENT"
      ? `We marked your conversation as urgent: expect an answer within ${minutes} minute(s).`
      : `Expect an answer within ${minutes} minute(s).`;
  callback(null, [{ type: "systemMessage", text }]);
}
