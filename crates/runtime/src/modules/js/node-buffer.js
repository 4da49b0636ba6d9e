// Appended to the buffer package (vendor/buffer/buffer.js, Node's Buffer as browserify ships
// it): what Node has and the package predates (the base64url encoding, `constants`, atob and
// btoa), and `Buffer.fromBytes(uint8Array)`, the view without copy that lambdabox's own
// modules make of the host's bytes.
{
  const exported = module.exports;
  const Buffer = exported.Buffer;
  const U8 = Uint8Array;
  const setPrototypeOf = Object.setPrototypeOf;
  const apply = Reflect.apply;
  const isBase64url = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
  // base64url decodes as base64: the package's decoder takes '-' and '_' and missing padding.
  const asBase64 = (encoding) => (isBase64url(encoding) ? 'base64' : encoding);

  const from = Buffer.from;
  Buffer.from = function from_(value, encodingOrOffset, length) {
    return from(value, typeof value === 'string' ? asBase64(encodingOrOffset) : encodingOrOffset, length);
  };
  const byteLength = Buffer.byteLength;
  Buffer.byteLength = function byteLength_(value, encoding) {
    return byteLength(value, asBase64(encoding));
  };
  const isEncoding = Buffer.isEncoding;
  Buffer.isEncoding = function isEncoding_(encoding) {
    return isBase64url(encoding) || isEncoding(encoding);
  };

  const proto = Buffer.prototype;
  const toString = proto.toString;
  proto.toString = function toString_(encoding, start, end) {
    if (!isBase64url(encoding)) return apply(toString, this, arguments);
    const length = this.length;
    start = start === undefined || start < 0 ? 0 : start >>> 0;
    end = end === undefined || end > length ? length : end >>> 0;
    if (end <= start) return '';
    return natives.base64Encode(start === 0 && end === length ? this : this.subarray(start, end), true);
  };
  proto.toLocaleString = proto.toString;
  const write = proto.write;
  proto.write = function write_(string, offset, length, encoding) {
    if (isBase64url(offset)) offset = 'base64';
    else if (isBase64url(length)) length = 'base64';
    else encoding = asBase64(encoding);
    return apply(write, this, [string, offset, length, encoding]);
  };

  Buffer.fromBytes = function fromBytes(bytes) {
    const view = new U8(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    setPrototypeOf(view, proto);
    return view;
  };

  exported.constants = { MAX_LENGTH: exported.kMaxLength, MAX_STRING_LENGTH: 1073741823 };
  // The globals' functions, loaded on first call.
  exported.atob = function atob(data) {
    return require('lambdabox:encoding').atob(data);
  };
  exported.btoa = function btoa(data) {
    return require('lambdabox:encoding').btoa(data);
  };
}
