function lambda(input, callback) {
  const crypto = require('crypto');
  callback(null, {
    md5: crypto.createHash('md5').update('abc').digest('hex'),
    sha1: crypto.createHash('sha1').update('a').update('bc').digest('hex'),
    sha256: crypto.createHash('sha256').update('abc').digest('hex'),
    hmac: crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'),
    hmacB64: crypto.createHmac('sha1', 'key').update('abc').digest('base64'),
    random: crypto.randomBytes(16).length,
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()),
    bufferDigest: Buffer.isBuffer(crypto.createHash('sha256').update(Buffer.from('abc')).digest()),
  });
}
// expect: ok {"md5":"900150983cd24fb0d6963f7d28e17f72","sha1":"a9993e364706816aba3e25717850c26c9cd0d89d","sha256":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","hmac":"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8","hmacB64":"T9CyFSdu8S8rPkyOysKBFJi2Vvw=","random":16,"uuid":true,"bufferDigest":true}
