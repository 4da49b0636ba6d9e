// TextEncoder / TextDecoder (UTF-8 only) and atob / btoa, backed by the host.
'use strict';

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }
  encode(text = '') {
    return natives.utf8Encode(String(text));
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
    if (input instanceof ArrayBuffer) return natives.utf8Decode(new Uint8Array(input));
    if (ArrayBuffer.isView(input)) return natives.utf8Decode(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
    throw new TypeError('The "input" argument must be an ArrayBuffer or ArrayBufferView');
  }
}

// atob / btoa on Latin-1 strings, as in browsers and Node.
function atob(text) {
  const bytes = natives.base64Decode(String(text));
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

function btoa(text) {
  text = String(text);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 255) throw new TypeError('Invalid character');
    bytes[i] = code;
  }
  return natives.base64Encode(bytes, false);
}

module.exports = { TextEncoder, TextDecoder, atob, btoa };
