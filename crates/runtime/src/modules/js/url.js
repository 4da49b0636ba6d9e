// WHATWG URL (parsed by the host's `url` crate) and URLSearchParams.
'use strict';

const formEncode = (text) =>
  encodeURIComponent(text).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
function formDecode(text) {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch (e) {
    return spaced;
  }
}

class URLSearchParams {
  constructor(init) {
    this._list = [];
    this._url = null;
    if (init instanceof URLSearchParams) this._list = init._list.map((pair) => pair.slice());
    else if (typeof init === 'string') this._parse(init);
    else if (init && typeof init[Symbol.iterator] === 'function') for (const [k, v] of init) this.append(k, v);
    else if (init && typeof init === 'object') for (const key of Object.keys(init)) this.append(key, init[key]);
  }
  _parse(text) {
    this._list = [];
    for (const part of text.replace(/^\?/, '').split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      this._list.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
    }
  }
  _changed() {
    if (this._url) this._url._setSearch(this.toString());
  }
  get size() {
    return this._list.length;
  }
  append(name, value) {
    this._list.push([String(name), String(value)]);
    this._changed();
  }
  delete(name) {
    this._list = this._list.filter(([k]) => k !== String(name));
    this._changed();
  }
  get(name) {
    const found = this._list.find(([k]) => k === String(name));
    return found ? found[1] : null;
  }
  getAll(name) {
    return this._list.filter(([k]) => k === String(name)).map(([, v]) => v);
  }
  has(name) {
    return this._list.some(([k]) => k === String(name));
  }
  set(name, value) {
    const index = this._list.findIndex(([k]) => k === String(name));
    if (index < 0) return this.append(name, value);
    this._list[index][1] = String(value);
    this._list = this._list.filter(([k], i) => k !== String(name) || i <= index);
    this._changed();
  }
  sort() {
    this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this._changed();
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this._list) fn.call(thisArg, v, k, this);
  }
  *entries() {
    for (const pair of this._list) yield [pair[0], pair[1]];
  }
  *keys() {
    for (const pair of this._list) yield pair[0];
  }
  *values() {
    for (const pair of this._list) yield pair[1];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return this._list.map(([k, v]) => formEncode(k) + '=' + formEncode(v)).join('&');
  }
}

const PARTS = ['href', 'protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin'];

class URL {
  constructor(input, base) {
    this._load(base === undefined ? natives.parseUrl(String(input)) : natives.parseUrl(String(input), String(base)));
  }
  _load(parts) {
    this._parts = parts;
    if (!this._params) {
      this._params = new URLSearchParams(parts.search);
      this._params._url = this;
    } else {
      this._params._parse(parts.search);
    }
  }
  _rebuild(changes) {
    const p = Object.assign({}, this._parts, changes);
    const auth = p.username ? p.username + (p.password ? ':' + p.password : '') + '@' : '';
    const hostPart = p.hostname + (p.port ? ':' + p.port : '');
    const search = p.search && p.search !== '?' ? (p.search[0] === '?' ? p.search : '?' + p.search) : '';
    const hash = p.hash && p.hash !== '#' ? (p.hash[0] === '#' ? p.hash : '#' + p.hash) : '';
    const protocol = p.protocol.endsWith(':') ? p.protocol : p.protocol + ':';
    this._load(natives.parseUrl(protocol + '//' + auth + hostPart + p.pathname + search + hash));
  }
  _setSearch(query) {
    this._rebuild({ search: query ? '?' + query : '' });
  }
  get searchParams() {
    return this._params;
  }
  get host() {
    return this._parts.hostname + (this._parts.port ? ':' + this._parts.port : '');
  }
  set host(value) {
    const [hostname, port = ''] = String(value).split(':');
    this._rebuild({ hostname, port });
  }
  set href(value) {
    this._load(natives.parseUrl(String(value)));
  }
  toString() {
    return this._parts.href;
  }
  toJSON() {
    return this._parts.href;
  }
  static canParse(input, base) {
    try {
      new URL(input, base);
      return true;
    } catch (e) {
      return false;
    }
  }
}
for (const name of PARTS) {
  const existing = Object.getOwnPropertyDescriptor(URL.prototype, name);
  Object.defineProperty(URL.prototype, name, {
    configurable: true,
    get() {
      return this._parts[name];
    },
    set: existing && existing.set ? existing.set : name === 'origin' ? undefined : function (value) {
      this._rebuild({ [name]: String(value) });
    },
  });
}

module.exports = { URL, URLSearchParams, formEncode };
