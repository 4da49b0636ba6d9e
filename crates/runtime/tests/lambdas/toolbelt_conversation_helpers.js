async function lambda(input, callback) {
  const { Toolbelt } = require('lp-faas-toolbelt');
  const conversation = {
    conversationHistoryRecords: [{
      messageRecords: [
        { type: 'TEXT_PLAIN', messageData: { msg: { text: 'I want to CANCEL my order' } }, timeL: 1, sentBy: 'Consumer' },
        { type: 'HOSTED_FILE', messageData: { file: { caption: 'refund receipt' } }, timeL: 2, sentBy: 'Consumer' },
        { type: 'RICH_CONTENT', messageData: {}, timeL: 3, sentBy: 'Agent' },
        { type: 'TEXT_PLAIN', messageData: { msg: { text: 'we can refund or cancel' } }, timeL: 4, sentBy: 'Agent' },
      ],
      sdes: { events: [{ serverTimeStamp: 20, sdeType: 'CART' }, { serverTimeStamp: 10, sdeType: 'PERSONAL_INFO' }] },
    }],
  };
  const hits = Toolbelt.ConversationUtil().scanConversationForKeywords(conversation, ['cancel', 'refund']);
  const { sdes, unAuthSdes } = Toolbelt.SDEUtil().getSDEsFromConv(conversation);
  let missing;
  try { Toolbelt.SDEUtil().getSDEsFromConv({}); } catch (e) { missing = e.message; }
  callback(null, { hits: hits.map((h) => [h.tag, h.sentTimestamp, h.sentBy]), order: sdes.events.map((e) => e.sdeType), unAuth: unAuthSdes.events.length, missing });
}
// expect: ok {"hits":[["keywordRef:cancel",1,"Consumer"],["keywordRef:cancel",4,"Agent"],["keywordRef:refund",2,"Consumer"],["keywordRef:refund",4,"Agent"]],"order":["PERSONAL_INFO","CART"],"unAuth":0,"missing":"Error while getting SDEs from conversation: Please provide a valid conversation."}
