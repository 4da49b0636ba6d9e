async function lambda(input, callback) {
  const { Toolbelt, LpServices } = require('lp-faas-toolbelt');
  const lpClient = Toolbelt.LpClient();
  const conversations = Toolbelt.ConversationUtil();
  const context = Toolbelt.ContextServiceClient({ apiKey: 'k', accountId: '1' });
  const results = [];
  for (const attempt of [() => lpClient(LpServices.MSG_HIST, '/x', {}), () => conversations.getConversationById('c1'), () => context.getListOfNamespaces()]) {
    try { await attempt(); results.push('resolved'); } catch (e) { results.push(e.message); }
  }
  callback(null, results);
}
// expect: ok ["Toolbelt.LpClient() is not available in lambdabox: it needs LivePerson cloud services","Toolbelt.ConversationUtil().getConversationById is not available in lambdabox: it needs LivePerson cloud services","Toolbelt.ContextServiceClient().getListOfNamespaces is not available in lambdabox: it needs LivePerson cloud services"]
