// base64-js's API (toByteArray, fromByteArray, byteLength) for the bundled buffer package
// (vendor/buffer, built with base64-js left to this module): base64 is done by the host.
'use strict';

function toByteArray(text) {
  return natives.base64Decode(text);
}

function fromByteArray(bytes) {
  return natives.base64Encode(bytes, false);
}

function byteLength(text) {
  return natives.base64Decode(text).length;
}

module.exports = { toByteArray, fromByteArray, byteLength };
