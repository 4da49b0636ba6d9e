// Node's Buffer subset: from/alloc/concat/byteLength/isBuffer and toString in utf8, base64,
// base64url, hex, latin1/binary and ascii. Encodings are done by the host (Rust).
'use strict';

function normalize(encoding) {
  const name = String(encoding || 'utf8').toLowerCase();
  if (name === 'utf-8') return 'utf8';
  if (name === 'binary') return 'latin1';
  if (name === 'ucs2' || name === 'ucs-2' || name === 'utf16le' || name === 'utf-16le') return 'utf16le';
  return name;
}

function hexToBytes(text) {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  for (; n < out.length; n++) {
    const byte = parseInt(text.substr(n * 2, 2), 16);
    if (Number.isNaN(byte)) break;
    out[n] = byte;
  }
  return out.subarray(0, n);
}

function stringToBytes(text, encoding) {
  switch (normalize(encoding)) {
    case 'utf8': return natives.utf8Encode(text);
    case 'base64': case 'base64url': return natives.base64Decode(text);
    case 'hex': return hexToBytes(text);
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
      return out;
    }
    case 'utf16le': {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        out[i * 2] = code & 0xff;
        out[i * 2 + 1] = code >> 8;
      }
      return out;
    }
    default: throw new TypeError('Unknown encoding: ' + encoding);
  }
}

class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return Buffer.fromBytes(stringToBytes(value, encodingOrOffset));
    if (value instanceof ArrayBuffer) {
      const offset = encodingOrOffset || 0;
      return new Buffer(value, offset, length === undefined ? value.byteLength - offset : length);
    }
    if (ArrayBuffer.isView(value)) return Buffer.fromBytes(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice());
    if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.fromBytes(Uint8Array.from(value.data));
    if (Array.isArray(value) || (value && typeof value.length === 'number')) return Buffer.fromBytes(Uint8Array.from(value));
    throw new TypeError('The first argument must be of type string, Buffer, ArrayBuffer, Array, or Array-like Object');
  }
  static fromBytes(bytes) {
    return new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  static alloc(size, fill, encoding) {
    const buf = new Buffer(size);
    if (fill !== undefined) buf.fill(typeof fill === 'string' ? stringToBytes(fill, encoding)[0] || 0 : fill);
    return buf;
  }
  static allocUnsafe(size) {
    return new Buffer(size);
  }
  static isBuffer(value) {
    return value instanceof Buffer;
  }
  static isEncoding(encoding) {
    return ['utf8', 'base64', 'base64url', 'hex', 'latin1', 'ascii', 'utf16le'].includes(normalize(encoding));
  }
  static byteLength(value, encoding) {
    if (typeof value === 'string') return stringToBytes(value, encoding).length;
    return value.byteLength;
  }
  static concat(list, totalLength) {
    const total = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
    const out = Buffer.alloc(total);
    let offset = 0;
    for (const part of list) {
      if (offset >= total) break;
      out.set(part.subarray(0, total - offset), offset);
      offset += part.length;
    }
    return out;
  }
  toString(encoding, start, end) {
    const bytes = this.subarray(start || 0, end === undefined ? this.length : end);
    switch (normalize(encoding)) {
      case 'utf8': return natives.utf8Decode(bytes);
      case 'base64': return natives.base64Encode(bytes, false);
      case 'base64url': return natives.base64Encode(bytes, true);
      case 'hex': {
        let out = '';
        for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
        return out;
      }
      case 'latin1': case 'ascii': {
        let out = '';
        for (const byte of bytes) out += String.fromCharCode(byte);
        return out;
      }
      case 'utf16le': {
        let out = '';
        for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return out;
      }
      default: throw new TypeError('Unknown encoding: ' + encoding);
    }
  }
  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }
  equals(other) {
    if (this.length !== other.length) return false;
    for (let i = 0; i < this.length; i++) if (this[i] !== other[i]) return false;
    return true;
  }
  write(text, offset, encoding) {
    const bytes = stringToBytes(text, encoding);
    this.set(bytes.subarray(0, this.length - (offset || 0)), offset || 0);
    return Math.min(bytes.length, this.length - (offset || 0));
  }
}
Buffer.poolSize = 8192;

module.exports = { Buffer, stringToBytes };
