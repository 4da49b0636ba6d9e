'use strict';
// Prepended to the buffer package (vendor/buffer/buffer.js), which looks these globals up on
// every call: lambda code may have deleted or replaced them by then (Node's Buffer keeps its
// own). ArrayBuffer is taken from a byte array, as the global may be gone.
const Uint8Array = globalThis.Uint8Array;
const ArrayBuffer = Object.getPrototypeOf(new Uint8Array(0).buffer).constructor;
const SharedArrayBuffer = globalThis.SharedArrayBuffer;
