function lambda(input, callback) {
  const url = new URL('https://user:pw@example.com:8080/a/b?x=1&y=two#frag');
  url.searchParams.append('z', 'a b');
  const params = new URLSearchParams({ q: 'x&y', n: '1' });
  const bytes = new TextEncoder().encode('héllo');
  callback(null, {
    b64: Buffer.from('hello').toString('base64'),
    hex: Buffer.from('hello').toString('hex'),
    fromB64: Buffer.from('aGVsbG8=', 'base64').toString(),
    fromHex: Buffer.from('68656c6c6f', 'hex').toString('utf8'),
    concat: Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(),
    atob: atob('aGVsbG8='),
    btoa: btoa('hello'),
    url: [url.hostname, url.port, url.pathname, url.searchParams.get('y'), url.hash, url.href],
    relative: new URL('../c?d=1', 'https://example.com/a/b/').href,
    params: params.toString(),
    encoded: bytes.length,
    decoded: new TextDecoder().decode(bytes),
    invalidUrl: (() => { try { new URL('not a url'); return 'parsed'; } catch (e) { return e.name; } })(),
  });
}
// expect: ok {"b64":"aGVsbG8=","hex":"68656c6c6f","fromB64":"hello","fromHex":"hello","concat":"ab","atob":"hello","btoa":"aGVsbG8=","url":["example.com","8080","/a/b","two","#frag","https://user:pw@example.com:8080/a/b?x=1&y=two&z=a+b#frag"],"relative":"https://example.com/a/c?d=1","params":"q=x%26y&n=1","encoded":6,"decoded":"héllo","invalidUrl":"TypeError"}
