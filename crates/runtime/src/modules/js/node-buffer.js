// Appended to the buffer package (vendor/buffer/buffer.js, Node's Buffer as browserify ships
// it): what Node has and the package predates (the base64url encoding, `constants`, atob and
// btoa), and `Buffer.fromBytes(uint8Array)`, the view without copy that lambdabox's own
// modules make of the host's bytes. UTF-8 strings and base64 are converted by the host.
{
  const exported = module.exports;
  const Buffer = exported.Buffer;
  const U8 = Uint8Array;
  const setPrototypeOf = Object.setPrototypeOf;
  const apply = Reflect.apply;
  const test = RegExp.prototype.test;
  const isBase64url = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
  // base64url decodes as base64: the package's decoder takes '-' and '_' and missing padding.
  const asBase64 = (encoding) => (isBase64url(encoding) ? 'base64' : encoding);
  const isUtf8 = (encoding) =>
    encoding === undefined || encoding === 'utf8' ||
    (typeof encoding === 'string' && (encoding.toLowerCase() === 'utf8' || encoding.toLowerCase() === 'utf-8'));
  // UTF-8 goes to the host, except for text with a lone surrogate (which the host cannot take;
  // the package writes it as U+FFFD, as Node does).
  const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

  Buffer.fromBytes = function fromBytes(bytes) {
    const view = new U8(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    setPrototypeOf(view, Buffer.prototype);
    return view;
  };

  const packageFrom = Buffer.from;
  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value !== 'string') return packageFrom(value, encodingOrOffset, length);
    if (isUtf8(encodingOrOffset) && !apply(test, LONE_SURROGATE, [value])) {
      return Buffer.fromBytes(natives.utf8Encode(value));
    }
    return packageFrom(value, asBase64(encodingOrOffset));
  };
  const packageByteLength = Buffer.byteLength;
  Buffer.byteLength = function byteLength(value, encoding) {
    return packageByteLength(value, asBase64(encoding));
  };
  const packageIsEncoding = Buffer.isEncoding;
  Buffer.isEncoding = function isEncoding(encoding) {
    return isBase64url(encoding) || packageIsEncoding(encoding);
  };

  const proto = Buffer.prototype;
  const packageToString = proto.toString;
  proto.toString = function toString(encoding, start, end) {
    const utf8 = isUtf8(encoding);
    if (!utf8 && !isBase64url(encoding)) return apply(packageToString, this, arguments);
    const length = this.length;
    start = start === undefined || start < 0 ? 0 : start >>> 0;
    end = end === undefined || end > length ? length : end >>> 0;
    if (end <= start) return '';
    const bytes = new U8(this.buffer, this.byteOffset + start, end - start);
    return utf8 ? natives.utf8Decode(bytes) : natives.base64Encode(bytes, true);
  };
  proto.toLocaleString = proto.toString;
  const packageWrite = proto.write;
  proto.write = function write(string, offset, length, encoding) {
    if (isBase64url(offset)) offset = 'base64';
    else if (isBase64url(length)) length = 'base64';
    else encoding = asBase64(encoding);
    return apply(packageWrite, this, [string, offset, length, encoding]);
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
