function lambda(input, callback) {
  // Chat post survey e-mail transcript: decide who receives the transcript. Return a list of
  // {targetEmail, senderName, senderEmail, subject}; the chat server sends the mails.
  const { csatRank, skillName, agentName } = input.payload || {};
  if (csatRank >= 3) {
    callback(null, []);
    return;
  }
  callback(null, [
    {
      targetEmail: "supervisors@example.com",
      senderName: "lambdabox",
      senderEmail: "noreply@example.com",
      subject: `Low rating (${csatRank}) for ${agentName} in ${skillName}`,
    },
  ]);
}
