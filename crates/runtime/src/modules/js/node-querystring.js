// Appended to querystring-es3 (vendor/querystring/querystring.js): Node's escape and unescape,
// which the package leaves out.
{
  const qs = module.exports;
  qs.escape = (text) => encodeURIComponent(String(text));
  // Malformed sequences stay as they are; well-formed %XX bytes are decoded as UTF-8, as Node does.
  qs.unescape = (text, decodeSpaces) => {
    text = String(text);
    if (decodeSpaces) text = text.replace(/\+/g, ' ');
    try {
      return decodeURIComponent(text);
    } catch (e) {
      const { Buffer } = require('buffer');
      const parts = [];
      for (let i = 0; i < text.length; i++) {
        const hex = text.slice(i + 1, i + 3);
        if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
          parts.push(Buffer.from([parseInt(hex, 16)]));
          i += 2;
        } else {
          const code = text.codePointAt(i);
          const char = String.fromCodePoint(code);
          parts.push(Buffer.from(char));
          i += char.length - 1;
        }
      }
      return Buffer.concat(parts).toString();
    }
  };
}
