// Node's crypto, part 3 of 5: createCipheriv/createDecipheriv for AES in CBC (PKCS#7 padding),
// CTR and GCM. The host (aes, cbc, ctr, aes-gcm crates) does stateless calls; each cipher
// object here keeps the chaining state: CBC's next IV and partial block, the CTR/GCM byte
// offset, and for GCM all input so far, which the final call authenticates.

const CIPHERS = { __proto__: null };
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ctr', 'gcm']) CIPHERS['aes-' + bits + '-' + mode] = { mode, keyLength: bits / 8 };
  CIPHERS['aes' + bits] = CIPHERS['aes-' + bits + '-cbc'];
}
const BAD_DECRYPT = 'error:1C800064:Provider routines::bad decrypt';
const WRONG_FINAL_BLOCK = 'error:1C80006B:Provider routines::wrong final block length';
const GCM_FAILED = 'Unsupported state or unable to authenticate data';

// Turns output bytes into strings across calls the way Node's StringDecoder does: a UTF-8
// sequence, base64 group or UTF-16 unit cut by a call boundary waits for the next call.
class Decoder {
  constructor(encoding) {
    this.encoding = String(encoding).toLowerCase();
    this.pending = new Uint8Array(0);
  }
  keep(bytes) {
    const n = bytes.length;
    switch (this.encoding) {
      case 'utf8': case 'utf-8': {
        for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
          const byte = bytes[i];
          if ((byte & 0xc0) === 0x80) continue;
          const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
          return n - i < need ? n - i : 0;
        }
        return 0;
      }
      case 'base64': case 'base64url': return n % 3;
      case 'utf16le': case 'utf-16le': case 'ucs2': case 'ucs-2': return n % 2;
      default: return 0;
    }
  }
  write(bytes, last) {
    const all = concatBytes([this.pending, bytes]);
    const cut = last ? all.length : all.length - this.keep(all);
    this.pending = all.slice(cut);
    return bufferOf().fromBytes(all.subarray(0, cut)).toString(this.encoding);
  }
}

function cipherKey(key) {
  if (key instanceof KeyObject) return secretOf(key);
  return bytesOf(key, 'utf8', 'key').slice();
}

class Cipheriv {
  constructor(algorithm, key, iv, options, decrypt) {
    const spec = CIPHERS[String(algorithm).toLowerCase()];
    if (!spec) throw nodeError(Error, 'Unknown cipher', 'ERR_CRYPTO_UNKNOWN_CIPHER');
    this._mode = spec.mode;
    this._key = cipherKey(key);
    if (this._key.length !== spec.keyLength) throw nodeError(RangeError, 'Invalid key length', 'ERR_CRYPTO_INVALID_KEYLEN');
    this._iv = iv == null ? new Uint8Array(0) : bytesOf(iv, 'utf8', 'iv').slice();
    const ivOk = spec.mode === 'gcm' ? this._iv.length === 12 || this._iv.length === 16 : this._iv.length === 16;
    if (!ivOk) {
      const message = spec.mode === 'gcm' && this._iv.length > 0 ? 'Invalid initialization vector (AES-GCM takes 12 or 16 bytes here)' : 'Invalid initialization vector';
      throw nodeError(TypeError, message, 'ERR_CRYPTO_INVALID_IV');
    }
    if (spec.mode === 'gcm' && options && options.authTagLength !== undefined && options.authTagLength !== 16) {
      throw nodeError(TypeError, 'Invalid authentication tag length: ' + options.authTagLength, 'ERR_CRYPTO_INVALID_AUTH_TAG');
    }
    this._decrypt = decrypt;
    this._padding = true;
    this._pending = new Uint8Array(0); // CBC: input not yet a whole block (or held back)
    this._offset = 0; // CTR, GCM: bytes processed
    this._input = []; // GCM: every input chunk
    this._aad = new Uint8Array(0);
    this._tag = undefined;
    this._finished = false;
    this._decoder = undefined;
  }
  _output(bytes, encoding, last) {
    if (!encoding || encoding === 'buffer') return bufferOf().fromBytes(bytes);
    if (!this._decoder) this._decoder = new Decoder(encoding);
    return this._decoder.write(bytes, last);
  }
  _state(operation) {
    if (this._finished) throw nodeError(Error, 'Invalid state for operation ' + operation, 'ERR_CRYPTO_INVALID_STATE');
  }
  update(data, inputEncoding, outputEncoding) {
    this._state('update');
    const bytes = bytesOf(data, inputEncoding, 'data');
    let out;
    if (this._mode === 'cbc') {
      const all = concatBytes([this._pending, bytes]);
      let whole = all.length - (all.length % 16);
      // Decrypting with padding, the last whole block waits: final() strips its padding.
      if (this._decrypt && this._padding && whole === all.length) whole = Math.max(0, whole - 16);
      out = whole ? natives.aesCbc(this._key, this._iv, all.subarray(0, whole), !this._decrypt, false) : new Uint8Array(0);
      if (whole) this._iv = (this._decrypt ? all.subarray(0, whole) : out).slice(whole - 16);
      this._pending = all.slice(whole);
    } else {
      out = natives.aesCtr(this._key, this._iv, this._offset, bytes, this._mode === 'gcm');
      this._offset += bytes.length;
      if (this._mode === 'gcm') this._input.push(bytes.slice());
    }
    return this._output(out, outputEncoding, false);
  }
  final(outputEncoding) {
    this._state('final');
    this._finished = true;
    let out = new Uint8Array(0);
    if (this._mode === 'cbc') {
      const pending = this._pending;
      if (this._padding && !this._decrypt) {
        out = natives.aesCbc(this._key, this._iv, pending, true, true);
      } else if (this._padding) {
        if (pending.length !== 16) throw nodeError(Error, WRONG_FINAL_BLOCK, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
        out = natives.aesCbc(this._key, this._iv, pending, false, true);
        if (out == null) {
          const error = nodeError(Error, BAD_DECRYPT, 'ERR_OSSL_BAD_DECRYPT');
          error.reason = 'bad decrypt';
          throw error;
        }
      } else if (pending.length) {
        throw nodeError(Error, WRONG_FINAL_BLOCK, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
      }
    } else if (this._mode === 'gcm') {
      const data = concatBytes(this._input);
      if (this._decrypt) {
        if (!this._tag || natives.aesGcm(this._key, this._iv, this._aad, data, this._tag) == null) throw new Error(GCM_FAILED);
      } else {
        const sealed = natives.aesGcm(this._key, this._iv, this._aad, data, undefined);
        this._tag = sealed.slice(sealed.length - 16);
      }
    }
    return this._output(out, outputEncoding, true);
  }
  setAutoPadding(autoPadding) {
    this._state('setAutoPadding');
    this._padding = autoPadding !== false;
    return this;
  }
  setAAD(aad) {
    if (this._mode !== 'gcm' || this._offset > 0 || this._finished) this._fail('setAAD');
    this._aad = concatBytes([this._aad, bytesOf(aad, undefined, 'buffer')]);
    return this;
  }
  getAuthTag() {
    if (this._decrypt || this._mode !== 'gcm' || !this._finished) this._fail('getAuthTag');
    return bufferOf().fromBytes(this._tag.slice());
  }
  setAuthTag(tag) {
    if (!this._decrypt || this._mode !== 'gcm' || this._finished) this._fail('setAuthTag');
    const bytes = bytesOf(tag, undefined, 'buffer').slice();
    if (bytes.length !== 16) throw nodeError(TypeError, 'Invalid authentication tag length: ' + bytes.length, 'ERR_CRYPTO_INVALID_AUTH_TAG');
    this._tag = bytes;
    return this;
  }
  _fail(operation) {
    throw nodeError(Error, 'Invalid state for operation ' + operation, 'ERR_CRYPTO_INVALID_STATE');
  }
}

function createCipheriv(algorithm, key, iv, options) {
  return new Cipheriv(algorithm, key, iv, options, false);
}
function createDecipheriv(algorithm, key, iv, options) {
  return new Cipheriv(algorithm, key, iv, options, true);
}
const getCiphers = () => Object.keys(CIPHERS).sort();
