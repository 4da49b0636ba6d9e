// Node's crypto, part 1 of 5 (the parts share one module scope, see modules/mod.rs): input and
// output conversions, Node-style errors, createHash, createHmac, randomness, pbkdf2 and
// timingSafeEqual. Digests, MACs and key derivation are computed by the host (RustCrypto).
'use strict';
// Buffer is loaded on first use: for the common hash and HMAC to hex or base64 it is not
// needed, and loading it costs an invocation more than the hashing.
let bufferClass;
const bufferOf = () => bufferClass || (bufferClass = require('lambdabox:buffer').Buffer);
const HEX = '0123456789abcdef';
// The host encodes UTF-8 unless the text has a lone surrogate (Buffer writes that as U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function nodeError(Ctor, message, code) {
  const error = new Ctor(message);
  if (code) error.code = code;
  return error;
}
const invalidArg = (name, what) =>
  nodeError(TypeError, 'The "' + name + '" argument must be ' + what, 'ERR_INVALID_ARG_TYPE');

function isBytes(data) {
  return ArrayBuffer.isView(data) || data instanceof ArrayBuffer;
}
// The bytes of a string (in `encoding`), ArrayBuffer or view, as a Uint8Array over the same memory.
function bytesOf(data, encoding, name) {
  if (typeof data === 'string') {
    if ((encoding === undefined || encoding === 'utf8' || encoding === 'utf-8') && !LONE_SURROGATE.test(data)) {
      return natives.utf8Encode(data);
    }
    return bufferOf().from(data, encoding);
  }
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArg(name || 'data', 'of type string or an instance of Buffer, TypedArray, DataView or ArrayBuffer');
}
function concatBytes(list) {
  let length = 0;
  for (const part of list) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of list) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
function output(bytes, encoding) {
  if (encoding === 'hex') {
    let text = '';
    for (let i = 0; i < bytes.length; i++) text += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return text;
  }
  if (encoding === 'base64') return natives.base64Encode(bytes);
  if (encoding === 'base64url') return natives.base64Encode(bytes, true);
  const buf = bufferOf().fromBytes(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
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
    this._chunks.push(bytesOf(data, encoding).slice());
    return this;
  }
  digest(encoding) {
    if (this._done) throw new Error('Digest already called');
    this._done = true;
    const data = concatBytes(this._chunks);
    const bytes = this._key === undefined ? natives.digest(this._algorithm, data) : natives.hmac(this._algorithm, this._key, data);
    return output(bytes, encoding);
  }
}

function createHash(algorithm) {
  return new Hash(algorithm);
}
function createHmac(algorithm, key) {
  return new Hash(algorithm, key instanceof KeyObject ? secretOf(key) : bytesOf(key, undefined, 'key').slice());
}
function randomBytes(size, callback) {
  const bytes = bufferOf().fromBytes(natives.randomBytes(size));
  if (typeof callback === 'function') {
    setTimeout(() => callback(null, bytes), 0);
    return undefined;
  }
  return bytes;
}
// A uniform integer in [min, max) from 48 random bits, by rejection (as Node).
function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min)) throw invalidArg('min', 'a safe integer');
  if (!Number.isSafeInteger(max)) throw invalidArg('max', 'a safe integer');
  const range = max - min;
  if (!(range > 0 && range <= 2 ** 48)) {
    throw nodeError(RangeError, 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + ') and at most 2^48 above it. Received ' + max, 'ERR_OUT_OF_RANGE');
  }
  const limit = 2 ** 48 - (2 ** 48 % range);
  let value;
  for (;;) {
    const b = natives.randomBytes(6);
    value = ((b[0] * 256 + b[1]) * 256 + b[2]) * 2 ** 24 + ((b[3] * 256 + b[4]) * 256 + b[5]);
    if (value < limit) break;
  }
  const result = min + (value % range);
  if (typeof callback === 'function') {
    setTimeout(() => callback(null, result), 0);
    return undefined;
  }
  return result;
}
function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    throw nodeError(TypeError, 'The data argument must be an integer-type TypedArray', 'ERR_INVALID_ARG_TYPE');
  }
  if (array.byteLength > 65536) {
    throw nodeError(Error, "The ArrayBufferView's byte length (" + array.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
  }
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(natives.randomBytes(array.byteLength));
  return array;
}
function timingSafeEqual(a, b) {
  const left = bytesOf(a, undefined, 'buf1');
  const right = bytesOf(b, undefined, 'buf2');
  if (typeof a === 'string' || typeof b === 'string') throw invalidArg('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView');
  if (left.length !== right.length) {
    throw nodeError(RangeError, 'Input buffers must have the same byte length', 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH');
  }
  return natives.timingSafeEqual(left, right);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  if (typeof digest !== 'string') throw invalidArg('digest', 'of type string. Received ' + typeof digest);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw nodeError(RangeError, 'The value of "iterations" is out of range. It must be >= 1 && <= 2147483647. Received ' + iterations, 'ERR_OUT_OF_RANGE');
  }
  if (!Number.isInteger(keylen) || keylen < 0) {
    throw nodeError(RangeError, 'The value of "keylen" is out of range. It must be >= 0 && <= 2147483647. Received ' + keylen, 'ERR_OUT_OF_RANGE');
  }
  const algorithm = digest.toLowerCase().replace(/^sha-/, 'sha');
  try {
    return bufferOf().fromBytes(natives.pbkdf2(algorithm, bytesOf(password, 'utf8', 'password'), bytesOf(salt, 'utf8', 'salt'), iterations, keylen));
  } catch (e) {
    if (e instanceof TypeError) throw nodeError(TypeError, 'Invalid digest: ' + digest, 'ERR_CRYPTO_INVALID_DIGEST');
    throw e;
  }
}
function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') throw invalidArg('digest', 'of type string. Received function');
  if (typeof callback !== 'function') throw invalidArg('callback', 'of type function');
  const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
  setTimeout(() => callback(null, key), 0);
}

const getHashes = () => ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
