// Node's crypto, part 4 of 5: webcrypto.subtle basics, on the same host helpers: digest,
// importKey/exportKey, sign/verify (HMAC, RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA P-256),
// encrypt/decrypt (AES-GCM, AES-CBC, AES-CTR) and PBKDF2 deriveBits. Every method returns a
// Promise; failures reject with a DOMException-like Error (its name as WebCrypto's).

function webError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}
const HASHES = { __proto__: null, 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const ALGORITHMS = ['HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'PBKDF2', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA'];

function algorithmOf(algorithm) {
  const given = typeof algorithm === 'string' ? { name: algorithm } : algorithm;
  const name = given && ALGORITHMS.find((n) => n.toUpperCase() === String(given.name).toUpperCase());
  if (!name) throw webError('NotSupportedError', 'Unrecognized algorithm name');
  return { ...given, name };
}
function hashOf(hash) {
  const name = typeof hash === 'string' ? hash : hash && hash.name;
  const digest = HASHES[String(name).toUpperCase()];
  if (!digest) throw webError('NotSupportedError', 'Unrecognized hash name: ' + name);
  return digest;
}
const arrayBuffer = (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
const dataOf = (data) => bytesOf(data, undefined, 'data');

class CryptoKey {
  constructor(type, algorithm, extractable, usages, material) {
    this.type = type;
    this.algorithm = algorithm;
    this.extractable = !!extractable;
    this.usages = Array.from(usages || []);
    Object.defineProperty(this, '_material', { value: material });
  }
}

// The SPKI header of an uncompressed P-256 point (id-ecPublicKey, prime256v1).
const P256_SPKI_PREFIX = [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00];

function importAsymmetric(format, keyData, algorithm) {
  let material;
  if (format === 'jwk') material = [bufferOf().from(JSON.stringify(keyData)), 'jwk', ''];
  else if (format === 'spki' || format === 'pkcs8') material = [dataOf(keyData), 'der', format];
  else if (format === 'raw' && algorithm.name === 'ECDSA') material = [concatBytes([Uint8Array.from(P256_SPKI_PREFIX), dataOf(keyData)]), 'der', 'spki'];
  else throw webError('NotSupportedError', 'Unsupported key format ' + format + ' for ' + algorithm.name);
  const [type, asymmetricKeyType, der] = natives.keyImport(...material, false);
  if ((asymmetricKeyType === 'ec') !== (algorithm.name === 'ECDSA')) throw webError('DataError', 'The key does not match the algorithm ' + algorithm.name);
  return { type, der };
}

const subtle = {
  async digest(algorithm, data) {
    return arrayBuffer(natives.digest(hashOf(algorithm), dataOf(data)));
  },
  async importKey(format, keyData, algorithm, extractable, usages) {
    algorithm = algorithmOf(algorithm);
    const described = { name: algorithm.name };
    if (algorithm.hash !== undefined) described.hash = { name: Object.keys(HASHES).find((h) => HASHES[h] === hashOf(algorithm.hash)) };
    if (algorithm.name === 'ECDSA') described.namedCurve = algorithm.namedCurve || 'P-256';
    if (described.namedCurve && described.namedCurve !== 'P-256') throw webError('NotSupportedError', 'Only the P-256 curve is supported');
    if (['HMAC', 'AES-GCM', 'AES-CBC', 'AES-CTR', 'PBKDF2'].includes(algorithm.name)) {
      let secret;
      if (format === 'raw') secret = dataOf(keyData).slice();
      else if (format === 'jwk' && keyData && keyData.kty === 'oct') secret = natives.base64Decode(String(keyData.k));
      else throw webError('NotSupportedError', 'Unsupported key format ' + format + ' for ' + algorithm.name);
      if (algorithm.name.startsWith('AES') && ![16, 24, 32].includes(secret.length)) throw webError('DataError', 'Invalid key length');
      if (algorithm.name === 'HMAC' && !described.hash) throw new TypeError('HMAC keys need a hash');
      described.length = secret.length * 8;
      return new CryptoKey('secret', described, extractable, usages, secret);
    }
    if (algorithm.name !== 'ECDSA' && !described.hash) throw new TypeError(algorithm.name + ' keys need a hash');
    const { type, der } = importAsymmetric(format, keyData, algorithm);
    return new CryptoKey(type, described, extractable, usages, der);
  },
  async exportKey(format, key) {
    if (!(key instanceof CryptoKey)) throw invalidArg('key', 'an instance of CryptoKey');
    if (!key.extractable) throw webError('InvalidAccessError', 'key is not extractable');
    if (key.type === 'secret') {
      if (format === 'raw') return arrayBuffer(key._material.slice());
      if (format === 'jwk') return { kty: 'oct', k: natives.base64Encode(key._material, true), ext: true, key_ops: key.usages };
    } else if (format === 'jwk') {
      return { ...JSON.parse(natives.keyExport(key._material, '', 'jwk')), ext: true, key_ops: key.usages };
    } else if (format === (key.type === 'private' ? 'pkcs8' : 'spki')) {
      return arrayBuffer(natives.keyExport(key._material, format, 'der'));
    }
    throw webError('NotSupportedError', 'Unsupported export format ' + format);
  },
  async sign(algorithm, key, data) {
    return arrayBuffer(signWith(algorithmOf(algorithm), key, dataOf(data)));
  },
  async verify(algorithm, key, signature, data) {
    algorithm = algorithmOf(algorithm);
    signature = dataOf(signature);
    if (algorithm.name === 'HMAC') {
      const expected = signWith(algorithm, key, dataOf(data));
      return expected.length === signature.length && natives.timingSafeEqual(expected, signature);
    }
    const [digest, options] = signatureScheme(algorithm, key);
    return natives.verify(digest, [key._material, 'der', key.type === 'private' ? 'pkcs8' : 'spki'], dataOf(data), signature, options);
  },
  async encrypt(algorithm, key, data) {
    return arrayBuffer(aes(algorithmOf(algorithm), key, dataOf(data), true));
  },
  async decrypt(algorithm, key, data) {
    return arrayBuffer(aes(algorithmOf(algorithm), key, dataOf(data), false));
  },
  async deriveBits(algorithm, key, length) {
    algorithm = algorithmOf(algorithm);
    if (algorithm.name !== 'PBKDF2' || key.algorithm.name !== 'PBKDF2') throw webError('NotSupportedError', 'Only PBKDF2 derives bits here');
    if (!(length > 0 && length % 8 === 0)) throw webError('OperationError', 'length must be a positive multiple of 8');
    return arrayBuffer(natives.pbkdf2(hashOf(algorithm.hash), key._material, dataOf(algorithm.salt), algorithm.iterations, length / 8));
  },
};

function checkKey(algorithm, key) {
  if (!(key instanceof CryptoKey)) throw invalidArg('key', 'an instance of CryptoKey');
  if (key.algorithm.name !== algorithm.name) throw webError('InvalidAccessError', 'The requested operation is not valid for the provided key');
}
function signatureScheme(algorithm, key) {
  checkKey(algorithm, key);
  const digest = algorithm.name === 'ECDSA' ? hashOf(algorithm.hash) : hashOf(key.algorithm.hash);
  if (algorithm.name === 'RSA-PSS') return [digest, [constants.RSA_PKCS1_PSS_PADDING, algorithm.saltLength | 0, false]];
  return [digest, [constants.RSA_PKCS1_PADDING, 0, algorithm.name === 'ECDSA']];
}
function signWith(algorithm, key, data) {
  if (algorithm.name === 'HMAC') {
    checkKey(algorithm, key);
    return natives.hmac(hashOf(key.algorithm.hash), key._material, data);
  }
  if (key.type !== 'private') throw webError('InvalidAccessError', 'A private key is needed to sign');
  const [digest, options] = signatureScheme(algorithm, key);
  return natives.sign(digest, [key._material, 'der', 'pkcs8'], data, options);
}
function aes(algorithm, key, data, encrypt) {
  checkKey(algorithm, key);
  const iv = dataOf(algorithm.name === 'AES-CTR' ? algorithm.counter : algorithm.iv);
  let out;
  if (algorithm.name === 'AES-GCM') {
    if (algorithm.tagLength !== undefined && algorithm.tagLength !== 128) throw webError('NotSupportedError', 'Only 128-bit AES-GCM tags are supported');
    if (iv.length !== 12 && iv.length !== 16) throw webError('NotSupportedError', 'AES-GCM takes a 12 or 16 byte iv here');
    const aad = algorithm.additionalData === undefined ? new Uint8Array(0) : dataOf(algorithm.additionalData);
    if (encrypt) out = natives.aesGcm(key._material, iv, aad, data, undefined);
    else if (data.length >= 16) out = natives.aesGcm(key._material, iv, aad, data.subarray(0, data.length - 16), data.subarray(data.length - 16));
  } else if (iv.length !== 16) {
    throw webError('OperationError', 'The ' + (algorithm.name === 'AES-CTR' ? 'counter' : 'iv') + ' must be 16 bytes');
  } else if (algorithm.name === 'AES-CBC') {
    out = natives.aesCbc(key._material, iv, data, encrypt, true);
  } else if (algorithm.name === 'AES-CTR') {
    if (algorithm.length !== undefined && algorithm.length !== 128 && algorithm.length !== 64) throw webError('NotSupportedError', 'AES-CTR counter length must be 64 or 128');
    out = natives.aesCtr(key._material, iv, 0, data, false);
  } else {
    throw webError('NotSupportedError', algorithm.name + ' does not encrypt');
  }
  if (out == null) throw webError('OperationError', 'The operation failed for an operation-specific reason');
  return out;
}
