// Node's crypto, part 2 of 5: KeyObject, createPrivateKey/createPublicKey/createSecretKey,
// createSign/createVerify and the one-shot sign/verify. Keys are parsed by the host (rsa and
// p256 crates) into one normal form (PKCS#8 or SPKI DER) that the KeyObject keeps.

const constants = {
  RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_PKCS1_PSS_PADDING: 6,
  RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
};

class KeyObject {
  constructor(type, asymmetricKeyType, material) {
    this._type = type;
    this._asymmetricKeyType = asymmetricKeyType;
    this._material = material;
  }
  get type() {
    return this._type;
  }
  get asymmetricKeyType() {
    return this._asymmetricKeyType;
  }
  get symmetricKeySize() {
    return this._type === 'secret' ? this._material.length : undefined;
  }
  export(options) {
    const format = (options && options.format) || (this._type === 'secret' ? 'buffer' : undefined);
    if (this._type === 'secret') {
      if (format === 'jwk') return { kty: 'oct', k: natives.base64Encode(this._material, true) };
      return bufferOf().fromBytes(this._material.slice());
    }
    if (format === 'jwk') return JSON.parse(natives.keyExport(this._material, '', 'jwk'));
    if (format !== 'pem' && format !== 'der') {
      throw nodeError(TypeError, 'The property \'options.format\' must be one of: \'pem\', \'der\', \'jwk\'. Received ' + format, 'ERR_INVALID_ARG_VALUE');
    }
    const structure = (options && options.type) || (this._type === 'private' ? 'pkcs8' : 'spki');
    if (options && options.cipher) throw new Error('Encrypted private keys are not supported');
    const exported = natives.keyExport(this._material, structure, format);
    return typeof exported === 'string' ? exported : bufferOf().fromBytes(exported);
  }
  equals(other) {
    if (!(other instanceof KeyObject) || other._type !== this._type) return false;
    const a = this._material;
    const b = other._material;
    return a.length === b.length && natives.timingSafeEqual(a, b);
  }
}

function secretOf(key) {
  if (key._type !== 'secret') throw nodeError(TypeError, 'Invalid key object type ' + key._type + ', expected secret.', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
  return key._material;
}

// What the host reads a key from: [bytes, format ('pem' | 'der' | 'jwk'), DER structure].
function keyMaterial(key) {
  if (key instanceof KeyObject) {
    if (key._type === 'secret') throw nodeError(TypeError, 'Invalid key object type secret, expected private or public.', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
    return [key._material, 'der', key._type === 'private' ? 'pkcs8' : 'spki'];
  }
  if (typeof key === 'string' || isBytes(key)) return [bytesOf(key, 'utf8'), 'pem', ''];
  if (key && typeof key === 'object' && key.key !== undefined) {
    if (key.passphrase !== undefined) throw new Error('Encrypted private keys are not supported');
    if (key.key instanceof KeyObject) return keyMaterial(key.key);
    const format = key.format || 'pem';
    if (format === 'jwk') return [bufferOf().from(JSON.stringify(key.key)), 'jwk', ''];
    if (format === 'der') return [bytesOf(key.key, key.encoding, 'key'), 'der', key.type || ''];
    return [bytesOf(key.key, key.encoding || 'utf8', 'key'), 'pem', ''];
  }
  throw invalidArg('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey.');
}

function importKey(key, wantPublic) {
  const [type, asymmetricKeyType, der] = natives.keyImport(...keyMaterial(key), wantPublic);
  return new KeyObject(type, asymmetricKeyType, der);
}
function createPrivateKey(key) {
  const object = importKey(key, false);
  if (object.type !== 'private') throw nodeError(TypeError, 'Invalid key object type public, expected private.', 'ERR_INVALID_ARG_VALUE');
  return object;
}
function createPublicKey(key) {
  return importKey(key, true);
}
function createSecretKey(key, encoding) {
  return new KeyObject('secret', undefined, bytesOf(key, encoding, 'key').slice());
}

// 'RSA-SHA256', 'sha256', 'SHA-256', 'sha256WithRSAEncryption', 'ecdsa-with-SHA256' → 'sha256'.
function digestName(algorithm) {
  const match = /^(?:rsa-|ecdsa-with-)?sha-?(1|224|256|384|512)(?:withrsaencryption)?$/.exec(String(algorithm).toLowerCase());
  if (!match) throw nodeError(TypeError, 'Invalid digest', 'ERR_CRYPTO_INVALID_DIGEST');
  return 'sha' + match[1];
}
// The host's options [padding, saltLength, p1363] from a key given as `{key, padding, …}`.
function signOptions(key) {
  const options = key && typeof key === 'object' && !(key instanceof KeyObject) && !isBytes(key) ? key : {};
  const padding = options.padding === undefined ? constants.RSA_PKCS1_PADDING : options.padding;
  const saltLength = options.saltLength === undefined ? constants.RSA_PSS_SALTLEN_AUTO : options.saltLength;
  if (options.dsaEncoding !== undefined && options.dsaEncoding !== 'der' && options.dsaEncoding !== 'ieee-p1363') {
    throw nodeError(TypeError, "The property 'options.dsaEncoding' is invalid. Received " + options.dsaEncoding, 'ERR_INVALID_ARG_VALUE');
  }
  return [padding | 0, saltLength | 0, options.dsaEncoding === 'ieee-p1363'];
}
function signBytes(digest, data, key) {
  return natives.sign(digest, keyMaterial(key), data, signOptions(key));
}
function verifyBytes(digest, data, key, signature) {
  return natives.verify(digest, keyMaterial(key), data, signature, signOptions(key));
}

// What Sign and Verify share: the digest and the data written so far.
class SignatureData {
  constructor(algorithm) {
    this._digest = digestName(algorithm);
    this._chunks = [];
  }
  update(data, encoding) {
    this._chunks.push(bytesOf(data, encoding).slice());
    return this;
  }
  write(data, encoding) {
    this.update(data, encoding);
    return true;
  }
  end(data, encoding) {
    if (data !== undefined && typeof data !== 'function') this.update(data, encoding);
    return this;
  }
}
class Sign extends SignatureData {
  sign(key, encoding) {
    return output(signBytes(this._digest, concatBytes(this._chunks), key), encoding);
  }
}
class Verify extends SignatureData {
  verify(key, signature, encoding) {
    return verifyBytes(this._digest, concatBytes(this._chunks), key, bytesOf(signature, encoding, 'signature'));
  }
}

function createSign(algorithm) {
  return new Sign(algorithm);
}
function createVerify(algorithm) {
  return new Verify(algorithm);
}
// One-shot forms; a null algorithm means SHA-256 for RSA and EC keys (OpenSSL's default).
function sign(algorithm, data, key, callback) {
  const signature = output(signBytes(algorithm == null ? 'sha256' : digestName(algorithm), bytesOf(data, undefined, 'data'), key));
  if (typeof callback !== 'function') return signature;
  setTimeout(() => callback(null, signature), 0);
  return undefined;
}
function verify(algorithm, data, key, signature, callback) {
  const digest = algorithm == null ? 'sha256' : digestName(algorithm);
  const result = verifyBytes(digest, bytesOf(data, undefined, 'data'), key, bytesOf(signature, undefined, 'signature'));
  if (typeof callback !== 'function') return result;
  setTimeout(() => callback(null, result), 0);
  return undefined;
}
