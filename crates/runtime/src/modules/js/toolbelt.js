// lp-faas-toolbelt: HTTPClient (request-promise compatible) here; MTLSClient, SecretClient,
// OrchestratorClient, the conversation helpers that need no cloud (scanConversationForKeywords,
// getSDEsFromConv), the clients that need LivePerson's cloud (they refuse clearly) and the
// constants are in lambdabox:toolbelt-more, loaded on their first use.
'use strict';
// Every module a lambda loads is read into its fresh context at every invocation, so what most
// lambdas use (plain JSON requests) stays small here; Buffer and URLSearchParams, too, are
// loaded only by the calls that need them.
const bytes = () => require('lambdabox:buffer').Buffer;
const query = (fields) => new (require('lambdabox:url').URLSearchParams)(fields).toString();

function headerPairs(headers) {
  const pairs = [];
  for (const key of Object.keys(headers || {})) {
    const value = headers[key];
    if (value !== undefined) pairs.push([key.toLowerCase(), String(value)]);
  }
  return pairs;
}

function headerObject(pairs) {
  const out = {};
  for (const [k, v] of pairs) out[k] = out[k] === undefined ? v : out[k] + ', ' + v;
  return out;
}

// A response body parsed as JSON when the caller asked for JSON; text that is not JSON stays
// text, as request-promise keeps it.
function jsonIfAsked(body, asked) {
  if (!asked || typeof body !== 'string' || !body.length) return body;
  try {
    return JSON.parse(body);
  } catch (e) {
    return body;
  }
}

// request-promise: (uri | options, options?) → Promise of the body (or the full response).
function request(uriOrOptions, maybeOptions) {
  const options = typeof uriOrOptions === 'string'
    ? Object.assign({}, maybeOptions, { uri: uriOrOptions })
    : Object.assign({}, uriOrOptions, maybeOptions);
  let url = String(options.uri || options.url || '');
  if (options.baseUrl) url = String(options.baseUrl).replace(/\/$/, '') + '/' + url.replace(/^\//, '');
  if (options.qs && Object.keys(options.qs).length) {
    url += (url.includes('?') ? '&' : '?') + query(options.qs);
  }
  const method = String(options.method || 'GET').toUpperCase();
  const headers = headerPairs(options.headers);
  const has = (name) => headers.some(([k]) => k === name);
  const args = { method, url, headers, timeoutMs: options.timeout };
  if (options.form !== undefined) {
    args.body = typeof options.form === 'string' ? options.form : query(options.form);
    if (!has('content-type')) headers.push(['content-type', 'application/x-www-form-urlencoded']);
  } else if (options.body !== undefined) {
    if (options.body instanceof Uint8Array) args.bodyBase64 = bytes().from(options.body).toString('base64');
    else if (options.json && typeof options.body !== 'string') args.body = JSON.stringify(options.body);
    else args.body = String(options.body);
    if (options.json && !has('content-type')) headers.push(['content-type', 'application/json']);
  }
  if (options.json && !has('accept')) headers.push(['accept', 'application/json']);
  return op('http', args).then(
    (res) => {
      const body = jsonIfAsked(res.body, options.json);
      const response = { statusCode: res.status, headers: headerObject(res.headers), body, request: { uri: { href: res.url }, method } };
      if (options.simple !== false && !(res.status >= 200 && res.status < 300)) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const err = new Error(res.status + ' - ' + text);
        Object.assign(err, { name: 'StatusCodeError', statusCode: res.status, error: body, response, options });
        throw err;
      }
      return options.resolveWithFullResponse ? response : body;
    },
    (e) => {
      // request-promise's message is String(cause): Node's own errors (ERR_*) print their
      // code, so a refused host reads 'Error [ERR_SOCKET_CLOSED]: Socket is closed' as on
      // LivePerson Functions.
      const prefix = typeof e.code === 'string' && e.code.startsWith('ERR_') ? 'Error [' + e.code + ']: ' : 'Error: ';
      const err = new Error(prefix + e.message);
      Object.assign(err, { name: 'RequestError', cause: e, error: e, code: e.code, options });
      if (e.statusCode) err.statusCode = e.statusCode;
      throw err;
    }
  );
}

let loaded;
const more = () => loaded || (loaded = require('lambdabox:toolbelt-more')({ headerPairs, headerObject, jsonIfAsked, bytes }));

// The other clients keep their names and may be called with or without `new`.
function SecretClient() {
  return more().SecretClient();
}
function OrchestratorClient() {
  return more().OrchestratorClient();
}
function MTLSClient(config) {
  return more().MTLSClient(config);
}
function ConversationUtil() {
  return more().Toolbelt.ConversationUtil.apply(undefined, arguments);
}
function SDEUtil() {
  return more().Toolbelt.SDEUtil.apply(undefined, arguments);
}

const Toolbelt = { HTTPClient: () => request, SecretClient, OrchestratorClient, MTLSClient, ConversationUtil, SDEUtil };
for (const name of ['LpClient', 'GDPRUtil', 'ContextServiceClient', 'SFClient', 'LPMtlsClient', 'CsdsClient']) {
  Toolbelt[name] = function () {
    return more().Toolbelt[name].apply(undefined, arguments);
  };
}

module.exports = { Toolbelt };
for (const name of ['LpServices', 'SDETypes', 'ConversationContentTypes', 'ErrorCodes', 'ErrorStrategy', 'SecretError', 'MTLSError']) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => more()[name] });
}
