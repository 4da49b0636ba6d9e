function lambda(input, callback) {
  const OAuth = require('oauth-1.0a');
  const crypto = require('crypto');
  const oauth = OAuth({
    consumer: { key: 'ck', secret: 'cs' },
    signature_method: 'HMAC-SHA1',
    hash_function(base, key) {
      return crypto.createHmac('sha1', key).update(base).digest('base64');
    },
  });
  oauth.getNonce = () => 'fixednonce';
  oauth.getTimeStamp = () => 1700000000;
  const auth = oauth.authorize({ url: 'https://api.example.com/v1/items?x=1', method: 'POST', data: { a: 'b c' } }, { key: 'tk', secret: 'ts' });
  callback(null, oauth.toHeader(auth));
}
// expect: ok {"Authorization":"OAuth oauth_consumer_key=\"ck\", oauth_nonce=\"fixednonce\", oauth_signature=\"uHR4rSnP4o%2B%2BTyN4v%2FHu4Mv526Q%3D\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1700000000\", oauth_token=\"tk\", oauth_version=\"1.0\""}
