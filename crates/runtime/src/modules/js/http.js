// Node's http and https clients (request, get, ClientRequest, IncomingMessage, Agent,
// STATUS_CODES, METHODS) over the host's HTTP operation, the one fetch and the toolbelt use:
// the same egress allowlist, rate limit and errors. The host sends each request whole and
// follows allowed redirects itself; the response body comes back whole (as UTF-8 text), so
// a response emits one 'data' chunk. Events are emitted from timer callbacks, so a listener
// that throws fails the invocation as an uncaught exception does in Node.
'use strict';
const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { setImmediate } = require('timers');
const { URL } = require('lambdabox:url');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const METHODS = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];

// Node's own errors print their code: String(error) reads 'Error [ERR_SOCKET_CLOSED]: Socket is
// closed' for a host the platform refuses, as the toolbelt's errors do.
function nodeError(message, fields, Kind = Error) {
  const error = Object.assign(new Kind(message), fields);
  if (typeof error.code === 'string' && error.code.startsWith('ERR_')) {
    Object.defineProperty(error, 'toString', {
      configurable: true,
      writable: true,
      value() {
        return this.name + ' [' + this.code + ']: ' + this.message;
      },
    });
  }
  return error;
}

class IncomingMessage extends EventEmitter {
  constructor(res) {
    super();
    this.statusCode = res.status;
    this.statusMessage = STATUS_CODES[res.status] || '';
    this.httpVersion = '1.1';
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.headers = {};
    this.rawHeaders = [];
    this.trailers = {};
    this.rawTrailers = [];
    this.url = '';
    this.method = null;
    this.complete = false;
    this.aborted = false;
    this.readable = true;
    this.destroyed = false;
    for (const [name, value] of res.headers) {
      this.rawHeaders.push(name, value);
      const key = name.toLowerCase();
      const prev = this.headers[key];
      if (key === 'set-cookie') this.headers[key] = prev ? prev.concat(value) : [value];
      else this.headers[key] = prev === undefined ? value : prev + ', ' + value;
    }
    this._body = Buffer.from(res.body || '', 'utf8');
    this._encoding = null;
    this._flowing = false;
    this._consumed = false;
  }
  setEncoding(encoding) {
    this._encoding = encoding || 'utf8';
    return this;
  }
  on(event, listener) {
    super.on(event, listener);
    if (event === 'data') this.resume();
    else if (event === 'readable') setImmediate(() => this.emit('readable'));
    return this;
  }
  addListener(event, listener) {
    return this.on(event, listener);
  }
  resume() {
    if (!this._flowing) {
      this._flowing = true;
      setImmediate(() => this._flow());
    }
    return this;
  }
  pause() {
    return this;
  }
  isPaused() {
    return !this._flowing;
  }
  _take() {
    this._consumed = true;
    return this._encoding ? this._body.toString(this._encoding) : this._body;
  }
  _finish() {
    this.complete = true;
    this.readable = false;
    this.emit('end');
    this.emit('close');
  }
  _flow() {
    if (this._consumed || this.destroyed) return;
    if (this._body.length) this.emit('data', this._take());
    this._consumed = true;
    this._finish();
  }
  // The 'readable' style: the whole body, then null (and 'end').
  read() {
    if (this._consumed || this.destroyed) return null;
    if (!this._body.length) {
      this._consumed = true;
      setImmediate(() => this._finish());
      return null;
    }
    const chunk = this._take();
    setImmediate(() => this._finish());
    return chunk;
  }
  pipe(destination) {
    this.on('data', (chunk) => destination.write(chunk));
    this.on('end', () => {
      if (typeof destination.end === 'function') destination.end();
    });
    return destination;
  }
  setTimeout(ms, callback) {
    return this;
  }
  destroy(error) {
    this.destroyed = true;
    if (error) setImmediate(() => this.emit('error', error));
    return this;
  }
  [Symbol.asyncIterator]() {
    const message = this;
    return {
      next() {
        if (message._consumed || message.destroyed || !message._body.length) {
          message._consumed = true;
          message.complete = true;
          return Promise.resolve({ value: undefined, done: true });
        }
        return Promise.resolve({ value: message._take(), done: false });
      },
      return() {
        message._consumed = true;
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

class ClientRequest extends EventEmitter {
  constructor(options, callback) {
    super();
    this.method = options.method;
    this.protocol = options.protocol;
    this.host = options.hostname;
    this.path = options.path;
    this.aborted = false;
    this.destroyed = false;
    this.finished = false;
    this.writableEnded = false;
    this.reusedSocket = false;
    this.res = null;
    this._url = options.url;
    this._timeout = options.timeout;
    this._headers = {};
    this._chunks = [];
    for (const name of Object.keys(options.headers || {})) this.setHeader(name, options.headers[name]);
    if (options.auth && !this.hasHeader('authorization')) {
      this.setHeader('authorization', 'Basic ' + Buffer.from(String(options.auth)).toString('base64'));
    }
    if (typeof callback === 'function') this.once('response', callback);
  }
  setHeader(name, value) {
    this._headers[String(name).toLowerCase()] = [String(name), value];
    return this;
  }
  getHeader(name) {
    const entry = this._headers[String(name).toLowerCase()];
    return entry ? entry[1] : undefined;
  }
  hasHeader(name) {
    return String(name).toLowerCase() in this._headers;
  }
  removeHeader(name) {
    delete this._headers[String(name).toLowerCase()];
  }
  getHeaders() {
    const out = {};
    for (const key of Object.keys(this._headers)) out[key] = this._headers[key][1];
    return out;
  }
  getHeaderNames() {
    return Object.keys(this._headers);
  }
  flushHeaders() {}
  setNoDelay() {}
  setSocketKeepAlive() {}
  setTimeout(ms, callback) {
    this._timeout = ms;
    if (typeof callback === 'function') this.once('timeout', callback);
    return this;
  }
  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    if (this.writableEnded) {
      const error = nodeError('write after end', { code: 'ERR_STREAM_WRITE_AFTER_END' });
      setImmediate(() => this.emit('error', error));
      return false;
    }
    if (chunk !== undefined && chunk !== null) {
      this._chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    }
    if (typeof callback === 'function') setImmediate(callback);
    return true;
  }
  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') [callback, chunk] = [chunk, undefined];
    else if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
    if (this.writableEnded) return this;
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    this.writableEnded = true;
    this.finished = true;
    if (typeof callback === 'function') this.once('finish', callback);
    this._send();
    return this;
  }
  _send() {
    const headers = [];
    for (const key of Object.keys(this._headers)) {
      const [name, value] = this._headers[key];
      if (Array.isArray(value)) for (const one of value) headers.push([name, String(one)]);
      else if (value !== undefined) headers.push([name, String(value)]);
    }
    const args = { method: this.method, url: this._url, headers, timeoutMs: this._timeout };
    if (this._chunks.length) args.bodyBase64 = Buffer.concat(this._chunks).toString('base64');
    setImmediate(() => this.emit('finish'));
    op('http', args).then(
      (res) => setImmediate(() => this._respond(res)),
      (e) => setImmediate(() => this._fail(e))
    );
  }
  _respond(res) {
    if (this.destroyed) return;
    const message = new IncomingMessage(res);
    this.res = message;
    this.emit('response', message);
  }
  _fail(e) {
    if (this.destroyed) return;
    if (e.code === 'ETIMEDOUT') this.emit('timeout');
    if (this.destroyed) return;
    this.destroyed = true;
    const fields = { code: e.code };
    if (e.statusCode !== undefined) fields.statusCode = e.statusCode;
    this.emit('error', nodeError(e.message, fields));
    this.emit('close');
  }
  destroy(error) {
    if (this.destroyed) return this;
    this.destroyed = true;
    // Node's error for a request dropped before its response.
    const reason = error || (this.res ? null : nodeError('socket hang up', { code: 'ECONNRESET' }));
    setImmediate(() => {
      if (reason) this.emit('error', reason);
      this.emit('close');
    });
    return this;
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.destroyed = true;
    setImmediate(() => {
      this.emit('abort');
      this.emit('close');
    });
  }
}

class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.options = Object.assign({}, options);
    this.maxSockets = Infinity;
    this.keepAlive = !!this.options.keepAlive;
  }
  destroy() {}
}

// The parts of a URL string or URL object that request options name.
function urlOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    path: url.pathname + url.search,
  };
  if (url.port) options.port = Number(url.port);
  if (url.username || url.password) options.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
  return options;
}

// http.request(url[, options][, callback]) and http.request(options[, callback]).
function requestOptions(defaultProtocol, input, options, callback) {
  let base = {};
  if (typeof input === 'string') base = urlOptions(new URL(input));
  else if (input instanceof URL) base = urlOptions(input);
  else [input, options, callback] = [null, input, options];
  if (typeof options === 'function') [options, callback] = [{}, options];
  const merged = Object.assign({}, base, options);
  const protocol = merged.protocol || defaultProtocol;
  if (protocol !== defaultProtocol) {
    const message = 'Protocol "' + protocol + '" not supported. Expected "' + defaultProtocol + '"';
    throw nodeError(message, { code: 'ERR_INVALID_PROTOCOL' }, TypeError);
  }
  const hostname = String(merged.hostname || merged.host || 'localhost');
  const port = merged.port || merged.defaultPort;
  const host = hostname.includes(':') ? '[' + hostname + ']' : hostname;
  const path = merged.path === undefined || merged.path === null ? '/' : String(merged.path);
  const method = String(merged.method || 'GET').toUpperCase();
  const url = protocol + '//' + host + (port ? ':' + port : '') + path;
  return { options: Object.assign(merged, { protocol, hostname, method, path, url }), callback };
}

// The module for one protocol ('http:' or 'https:').
module.exports = function client(defaultProtocol) {
  function request(input, options, callback) {
    const parsed = requestOptions(defaultProtocol, input, options, callback);
    return new ClientRequest(parsed.options, parsed.callback);
  }
  function get(input, options, callback) {
    const req = request(input, options, callback);
    req.end();
    return req;
  }
  function createServer() {
    throw new Error('http servers are not available in lambdas');
  }
  return {
    request, get, createServer, Agent, globalAgent: new Agent(), ClientRequest, IncomingMessage,
    STATUS_CODES, METHODS, maxHeaderSize: 16384,
  };
};
