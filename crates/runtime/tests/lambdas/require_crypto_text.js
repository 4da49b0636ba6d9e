function lambda(input, callback) {
  const crypto = require('crypto');
  // Hash and HMAC of text to hex and base64 (no Buffer involved), and of text with a lone
  // surrogate (written as U+FFFD, as Node does); values from Node 20.
  callback(null, [
    crypto.createHash('sha256').update('héllo').digest('hex'),
    crypto.createHmac('sha1', 'key').update('héllo', 'utf8').digest('base64'),
    crypto.createHash('md5').update('a\ud800b').digest('hex'),
    crypto.createHash('sha256').update('x').digest('base64url'),
    Buffer.isBuffer(crypto.createHash('sha1').update('x').digest()),
  ]);
}
// expect: ok ["3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179","TCWnprFl6VNICm6z6XLL9ys/7/8=","ff6405018d5ab2642e35fdba389b7c51","LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE",true]
