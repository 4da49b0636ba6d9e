function lambda(input, callback) {
  // Conversational command (an agent typed /command in the Agent Workspace). The result, a
  // string or a number, is shown to the agent only.
  const args = (input.payload && input.payload.arguments) || [];
  callback(null, `Command received with ${args.length} argument(s): ${args.join(", ")}`);
}
