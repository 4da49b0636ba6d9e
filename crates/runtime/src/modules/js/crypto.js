// Node's crypto subset: createHash, createHmac, randomBytes, randomUUID, timingSafeEqual.
// Digests and MACs are computed by the host (RustCrypto crates).
'use strict';
const { Buffer } = require('lambdabox:buffer');

const toBytes = (data, encoding) => (typeof data === 'string' ? Buffer.from(data, encoding) : Buffer.from(data));
function output(bytes, encoding) {
  const buf = Buffer.fromBytes(bytes);
  return encoding ? buf.toString(encoding) : buf;
}

class Hash {
  constructor(algorithm, key) {
    this._algorithm = String(algorithm);
    this._key = key;
    this._chunks = [];
    this._done = false;
    if (key === undefined) natives.digest(this._algorithm, new Uint8Array(0));
    else natives.hmac(this._algorithm, key, new Uint8Array(0));
  }
  update(data, encoding) {
    if (this._done) throw new Error('Digest already called');
    this._chunks.push(toBytes(data, encoding));
    return this;
  }
  digest(encoding) {
    if (this._done) throw new Error('Digest already called');
    this._done = true;
    const data = Buffer.concat(this._chunks);
    const bytes = this._key === undefined ? natives.digest(this._algorithm, data) : natives.hmac(this._algorithm, this._key, data);
    return output(bytes, encoding);
  }
}

function createHash(algorithm) {
  return new Hash(algorithm);
}
function createHmac(algorithm, key) {
  return new Hash(algorithm, toBytes(key));
}
function randomBytes(size, callback) {
  const bytes = Buffer.fromBytes(natives.randomBytes(size));
  if (typeof callback === 'function') {
    setTimeout(() => callback(null, bytes), 0);
    return undefined;
  }
  return bytes;
}
function timingSafeEqual(a, b) {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
const getHashes = () => ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

module.exports = { createHash, createHmac, randomBytes, randomUUID: () => natives.randomUUID(), timingSafeEqual, getHashes };
