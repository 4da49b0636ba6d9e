function lambda(input, callback) {
  const jwt = require('jsonwebtoken');
  const token = jwt.sign({ sub: '1', iat: 1700000000 }, 's3cret');
  const fresh = jwt.sign({ user: 'u' }, 's3cret', { expiresIn: '1h', issuer: 'me' });
  const verified = jwt.verify(fresh, 's3cret', { issuer: 'me' });
  const failures = [];
  try { jwt.verify(fresh, 'wrong'); } catch (e) { failures.push(e.name + ': ' + e.message); }
  const expired = jwt.sign({ exp: 1000 }, 's3cret');
  try { jwt.verify(expired, 's3cret'); } catch (e) { failures.push(e.name + ': ' + e.message); }
  try { jwt.verify(fresh, 's3cret', { algorithms: ['RS256'] }); } catch (e) { failures.push(e.message); }
  callback(null, {
    token,
    user: verified.user,
    lifetime: verified.exp - verified.iat,
    decoded: jwt.decode(token),
    header: jwt.decode(token, { complete: true }).header,
    failures,
  });
}
// expect: ok {"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwiaWF0IjoxNzAwMDAwMDAwfQ.zdr9E1hsshzwxMvk8Aqfx3kBZuZFbyinKKV2hNvqAdo","user":"u","lifetime":3600,"decoded":{"sub":"1","iat":1700000000},"header":{"alg":"HS256","typ":"JWT"},"failures":["JsonWebTokenError: invalid signature","TokenExpiredError: jwt expired","invalid algorithm"]}
