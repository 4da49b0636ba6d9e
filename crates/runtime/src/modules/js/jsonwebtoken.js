// The jsonwebtoken package's API (sign / verify / decode and its error classes) with claims
// handled here and signatures made by the host (the Rust jsonwebtoken crate): HS*, RS*, PS*, ES*.
'use strict';
// Text to and from base64url by the host: no Buffer needed for the usual string keys and
// JSON claims (loading it would cost an invocation more than the signing).
const toB64url = (text) => natives.base64Encode(natives.utf8Encode(text), true);
const fromB64url = (text) => natives.utf8Decode(natives.base64Decode(text));

class JsonWebTokenError extends Error {
  constructor(message, error) {
    super(message);
    this.name = 'JsonWebTokenError';
    if (error) this.inner = error;
  }
}
class TokenExpiredError extends JsonWebTokenError {
  constructor(message, expiredAt) {
    super(message);
    this.name = 'TokenExpiredError';
    this.expiredAt = expiredAt;
  }
}
class NotBeforeError extends JsonWebTokenError {
  constructor(message, date) {
    super(message);
    this.name = 'NotBeforeError';
    this.date = date;
  }
}

const UNITS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31557600 };
function seconds(span) {
  if (typeof span === 'number') return span;
  const match = /^(-?\d*\.?\d+)\s*([a-z]*)$/i.exec(String(span).trim());
  if (!match) throw new Error('"expiresIn" should be a number of seconds or string representing a timespan');
  const unit = match[2].toLowerCase();
  const key = unit === '' ? 'ms' : unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0] === 'm' && unit.startsWith('mo') ? null : unit[0];
  if (!key || !(key in UNITS)) throw new Error('unsupported timespan unit: ' + unit);
  return Number(match[1]) * UNITS[key];
}

const b64json = (value) => toB64url(JSON.stringify(value));
const keyText = (key) => (key instanceof Uint8Array ? natives.utf8Decode(key) : typeof key === 'object' && key && key.key ? String(key.key) : String(key));

function withCallback(callback, work) {
  if (typeof callback !== 'function') return work();
  let result;
  try {
    result = work();
  } catch (e) {
    setTimeout(() => callback(e), 0);
    return undefined;
  }
  setTimeout(() => callback(null, result), 0);
  return undefined;
}

function sign(payload, secretOrPrivateKey, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = options || {};
  return withCallback(callback, () => {
    if (!secretOrPrivateKey) throw new Error('secretOrPrivateKey must have a value');
    const alg = options.algorithm || 'HS256';
    const header = Object.assign({ alg, typ: 'JWT' }, options.header || {}, options.keyid ? { kid: options.keyid } : {});
    const claims = typeof payload === 'object' && payload !== null ? Object.assign({}, payload) : payload;
    if (typeof claims === 'object') {
      const now = Math.floor((options.timestamp !== undefined ? options.timestamp * 1000 : Date.now()) / 1000);
      if (!options.noTimestamp && claims.iat === undefined) claims.iat = now;
      const iat = claims.iat === undefined ? now : claims.iat;
      if (options.expiresIn !== undefined) claims.exp = Math.floor(iat + seconds(options.expiresIn));
      if (options.notBefore !== undefined) claims.nbf = Math.floor(iat + seconds(options.notBefore));
      if (options.audience !== undefined) claims.aud = options.audience;
      if (options.issuer !== undefined) claims.iss = options.issuer;
      if (options.subject !== undefined) claims.sub = options.subject;
      if (options.jwtid !== undefined) claims.jti = options.jwtid;
    }
    const body = typeof claims === 'string' ? toB64url(claims) : b64json(claims);
    const input = b64json(header) + '.' + body;
    if (alg === 'none') return input + '.';
    return input + '.' + natives.jwsSign(alg, input, keyText(secretOrPrivateKey));
  });
}

function decode(token, options) {
  options = options || {};
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  let header;
  let payload;
  try {
    header = JSON.parse(fromB64url(parts[0]));
    const text = fromB64url(parts[1]);
    try {
      payload = JSON.parse(text);
    } catch (e) {
      payload = text;
    }
  } catch (e) {
    return null;
  }
  return options.complete ? { header, payload, signature: parts[2] } : payload;
}

function matches(expected, actual) {
  const wanted = Array.isArray(expected) ? expected : [expected];
  const got = Array.isArray(actual) ? actual : [actual];
  return got.some((value) => wanted.some((w) => (w instanceof RegExp ? w.test(value) : w === value)));
}

function verify(token, secretOrPublicKey, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = options || {};
  return withCallback(callback, () => {
    if (!token) throw new JsonWebTokenError('jwt must be provided');
    const parts = String(token).split('.');
    if (parts.length !== 3) throw new JsonWebTokenError('jwt malformed');
    const decoded = decode(token, { complete: true });
    if (!decoded) throw new JsonWebTokenError('invalid token');
    const alg = decoded.header.alg;
    if (!secretOrPublicKey) throw new JsonWebTokenError('secret or public key must be provided');
    const key = keyText(secretOrPublicKey);
    const allowed = options.algorithms || (key.includes('BEGIN') ? ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] : ['HS256', 'HS384', 'HS512']);
    if (!allowed.includes(alg)) throw new JsonWebTokenError('invalid algorithm');
    if (!parts[2]) throw new JsonWebTokenError('jwt signature is required');
    if (!natives.jwsVerify(alg, parts[0] + '.' + parts[1], parts[2], key)) throw new JsonWebTokenError('invalid signature');
    const payload = decoded.payload;
    const now = Math.floor(Date.now() / 1000);
    const tolerance = options.clockTolerance || 0;
    if (typeof payload === 'object') {
      if (payload.nbf !== undefined && !options.ignoreNotBefore && payload.nbf > now + tolerance) {
        throw new NotBeforeError('jwt not active', new Date(payload.nbf * 1000));
      }
      if (payload.exp !== undefined && !options.ignoreExpiration && now >= payload.exp + tolerance) {
        throw new TokenExpiredError('jwt expired', new Date(payload.exp * 1000));
      }
      if (options.audience !== undefined && !matches(options.audience, payload.aud)) {
        throw new JsonWebTokenError('jwt audience invalid. expected: ' + [].concat(options.audience).join(' or '));
      }
      if (options.issuer !== undefined && !matches(options.issuer, payload.iss)) {
        throw new JsonWebTokenError('jwt issuer invalid. expected: ' + [].concat(options.issuer).join(','));
      }
      if (options.subject !== undefined && payload.sub !== options.subject) {
        throw new JsonWebTokenError('jwt subject invalid. expected: ' + options.subject);
      }
    }
    return options.complete ? decoded : payload;
  });
}

module.exports = { sign, verify, decode, JsonWebTokenError, TokenExpiredError, NotBeforeError };
