// The global Buffer and the Buffer of lambdabox's own modules: Node's (the `buffer` module),
// with `Buffer.fromBytes(uint8Array)` to wrap the host's bytes without copying.
'use strict';
module.exports = { Buffer: require('buffer').Buffer };
