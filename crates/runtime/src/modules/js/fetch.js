// Global fetch with Headers / Request / Response (subset), through the host's allowlisted
// egress. Bodies are text; binary bodies go out as base64 and come back as UTF-8 text.
'use strict';
// Buffer and URLSearchParams are loaded by the calls that need them (each module loaded costs
// the invocation that loads it).
const bytes = () => require('lambdabox:buffer').Buffer;

class Headers {
  constructor(init) {
    this._map = new Map();
    if (init instanceof Headers) init.forEach((v, k) => this.append(k, v));
    else if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
    else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
  }
  append(name, value) {
    const key = String(name).toLowerCase();
    const prev = this._map.get(key);
    this._map.set(key, prev === undefined ? String(value) : prev + ', ' + value);
  }
  set(name, value) {
    this._map.set(String(name).toLowerCase(), String(value));
  }
  get(name) {
    const value = this._map.get(String(name).toLowerCase());
    return value === undefined ? null : value;
  }
  has(name) {
    return this._map.has(String(name).toLowerCase());
  }
  delete(name) {
    this._map.delete(String(name).toLowerCase());
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this._map) fn.call(thisArg, v, k, this);
  }
  *entries() {
    yield* this._map.entries();
  }
  *keys() {
    yield* this._map.keys();
  }
  *values() {
    yield* this._map.values();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}

function bodyFields(body, headers) {
  if (body === undefined || body === null) return {};
  if (typeof body === 'string') return { body };
  if (body instanceof require('lambdabox:url').URLSearchParams) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return { body: body.toString() };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bodyBase64: bytes().from(body).toString('base64') };
  return { body: String(body) };
}

class Request {
  constructor(input, init) {
    init = init || {};
    const base = input instanceof Request ? input : null;
    this.url = base ? base.url : String(input);
    this.method = String(init.method || (base ? base.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers || (base ? base.headers : undefined));
    this._body = init.body !== undefined ? init.body : base ? base._body : undefined;
    this._timeout = init.timeout;
  }
}

class Response {
  constructor(body, init) {
    init = init || {};
    this._body = body === undefined || body === null ? '' : String(body);
    this.status = init.status === undefined ? 200 : init.status;
    this.statusText = init.statusText || '';
    this.headers = new Headers(init.headers);
    this.url = init.url || '';
    this.redirected = false;
    this.bodyUsed = false;
    this.type = 'basic';
  }
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  _consume() {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.bodyUsed = true;
    return Promise.resolve(this._body);
  }
  text() {
    return this._consume();
  }
  json() {
    return this._consume().then((text) => JSON.parse(text));
  }
  arrayBuffer() {
    return this._consume().then((text) => {
      const data = bytes().from(text);
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    });
  }
  clone() {
    return new Response(this._body, { status: this.status, statusText: this.statusText, headers: this.headers, url: this.url });
  }
  static json(data, init) {
    const headers = new Headers((init && init.headers) || {});
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), Object.assign({}, init, { headers }));
  }
}

function fetch(input, init) {
  let request;
  try {
    request = new Request(input, init);
  } catch (e) {
    return Promise.reject(e);
  }
  const headers = [];
  const fields = bodyFields(request._body, request.headers);
  request.headers.forEach((v, k) => headers.push([k, v]));
  const args = Object.assign({ method: request.method, url: request.url, headers, timeoutMs: request._timeout }, fields);
  return op('http', args).then((res) => new Response(res.body, { status: res.status, headers: res.headers, url: res.url }));
}

module.exports = { fetch, Headers, Request, Response };
