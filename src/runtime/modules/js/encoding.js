// TextEncoder / TextDecoder (UTF-8 only), backed by the host.
'use strict';

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }
  encode(text = '') {
    return host.utf8Encode(String(text));
  }
}

class TextDecoder {
  constructor(label = 'utf-8') {
    const name = String(label).toLowerCase();
    if (name !== 'utf-8' && name !== 'utf8') throw new RangeError('The "' + label + '" encoding is not supported');
  }
  get encoding() {
    return 'utf-8';
  }
  decode(input) {
    if (input === undefined) return '';
    if (input instanceof ArrayBuffer) return host.utf8Decode(new Uint8Array(input));
    if (ArrayBuffer.isView(input)) return host.utf8Decode(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
    throw new TypeError('The "input" argument must be an ArrayBuffer or ArrayBufferView');
  }
}

module.exports = { TextEncoder, TextDecoder };
