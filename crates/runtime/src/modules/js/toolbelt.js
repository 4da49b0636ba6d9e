// lp-faas-toolbelt: HTTPClient (request-promise compatible), SecretClient and
// OrchestratorClient over host operations; LivePerson-cloud clients refuse clearly.
'use strict';
const { Buffer } = require('lambdabox:buffer');
const { URLSearchParams } = require('lambdabox:url');

const ErrorCodes = {
  Secret: {
    NotFound: 'com.liveperson.faas.secret.not-found',
    InvalidFormat: 'com.liveperson.faas.secret.invalid-format',
    OperationFailed: 'com.liveperson.faas.secret.op-failed',
  },
};

class SecretError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SecretError';
    this.code = code;
  }
}

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

// request-promise: (uri | options, options?) → Promise of the body (or the full response).
function request(uriOrOptions, maybeOptions) {
  const options = typeof uriOrOptions === 'string'
    ? Object.assign({}, maybeOptions, { uri: uriOrOptions })
    : Object.assign({}, uriOrOptions, maybeOptions);
  let url = String(options.uri || options.url || '');
  if (options.baseUrl) url = String(options.baseUrl).replace(/\/$/, '') + '/' + url.replace(/^\//, '');
  if (options.qs && Object.keys(options.qs).length) {
    url += (url.includes('?') ? '&' : '?') + new URLSearchParams(options.qs).toString();
  }
  const method = String(options.method || 'GET').toUpperCase();
  const headers = headerPairs(options.headers);
  const has = (name) => headers.some(([k]) => k === name);
  const args = { method, url, headers, timeoutMs: options.timeout };
  if (options.form !== undefined) {
    args.body = typeof options.form === 'string' ? options.form : new URLSearchParams(options.form).toString();
    if (!has('content-type')) headers.push(['content-type', 'application/x-www-form-urlencoded']);
  } else if (options.body !== undefined) {
    if (Buffer.isBuffer(options.body) || options.body instanceof Uint8Array) args.bodyBase64 = Buffer.from(options.body).toString('base64');
    else if (options.json && typeof options.body !== 'string') args.body = JSON.stringify(options.body);
    else args.body = String(options.body);
    if (options.json && !has('content-type')) headers.push(['content-type', 'application/json']);
  }
  if (options.json && !has('accept')) headers.push(['accept', 'application/json']);
  return op('http', args).then(
    (res) => {
      let body = res.body;
      if (options.json && typeof body === 'string' && body.length) {
        try {
          body = JSON.parse(body);
        } catch (e) {
          // request-promise keeps unparsable bodies as text
        }
      }
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

function SecretClient() {
  const wrap = (e) => {
    throw new SecretError(e.code || ErrorCodes.Secret.OperationFailed, e.message);
  };
  return {
    readSecret(key) {
      if (typeof key !== 'string' || !key) return Promise.reject(new SecretError(ErrorCodes.Secret.InvalidFormat, 'secret key must be a non-empty string'));
      return op('secret.read', { key }).catch(wrap);
    },
    updateSecret(secret) {
      if (!secret || typeof secret.key !== 'string' || secret.value === undefined) {
        return Promise.reject(new SecretError(ErrorCodes.Secret.InvalidFormat, 'secret must look like { key, value }'));
      }
      const size = typeof secret.value === 'string' ? secret.value.length : JSON.stringify(secret.value).length;
      if (size > 10000) return Promise.reject(new SecretError(ErrorCodes.Secret.InvalidFormat, 'secret value must be at most 10000 characters'));
      return op('secret.update', { key: secret.key, value: secret.value }).catch(wrap);
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function OrchestratorClient() {
  async function invokeOne(item, timeoutMs) {
    const retries = item.retries === undefined ? 3 : item.retries;
    const headers = Object.keys(item.headers || {}).map((key) => ({ key, value: String(item.headers[key]) }));
    const input = { timestamp: Date.now(), headers, payload: item.payload === undefined ? {} : item.payload };
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await op('orchestrator.invoke', { uuid: String(item.uuid), input, timeoutMs });
        const retry = typeof item.retryFunction === 'function' ? item.retryFunction(reply.statusCode) : [429, 500, 502, 504].includes(reply.statusCode);
        if (!retry || attempt > retries) return { uuid: item.uuid, body: reply.body, headers: {}, statusCode: reply.statusCode };
      } catch (e) {
        if (attempt > retries) return { uuid: item.uuid, statusCode: 500, error: { code: 'com.liveperson.faas.orchestrator-fn.invocation-failed', message: e.message } };
      }
      await sleep(100 * attempt);
    }
  }
  return {
    async invoke(invocations, deadline, options) {
      const list = Array.isArray(invocations) ? invocations : [invocations];
      const limit = Math.min(Number(deadline) || 25000, 25000);
      options = options || {};
      const perCall = options.timeout || Math.floor(limit / Math.max(list.length, 1));
      const exitOnError = (options.errorStrategy || 'ExitOnError') === 'ExitOnError';
      const check = (result) => {
        const failed = result.error || result.statusCode >= 400;
        if (failed && exitOnError) {
          const err = new Error('invocation of ' + result.uuid + ' failed: ' + (result.error ? result.error.message : result.statusCode));
          err.code = 'com.liveperson.faas.orchestrator-fn.invocation-failed';
          err.result = result;
          throw err;
        }
        return result;
      };
      const work = async () => {
        if (options.invokeParallel) return (await Promise.all(list.map((item) => invokeOne(item, perCall)))).map(check);
        const results = [];
        for (const item of list) results.push(check(await invokeOne(item, perCall)));
        return results;
      };
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
          const err = new Error('orchestrator deadline of ' + limit + ' ms exceeded');
          err.code = 'com.liveperson.faas.orchestrator-fn.deadline-exceeded';
          reject(err);
        }, limit);
      });
      try {
        return await Promise.race([work(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

// Clients that need LivePerson's cloud: they load, and every use rejects with a clear error.
function unavailable(name) {
  return function () {
    const error = () => new Error('Toolbelt.' + name + ' is not available in lambdabox: it needs LivePerson cloud services');
    const refuse = () => Promise.reject(error());
    return new Proxy(refuse, {
      get: (_target, prop) => (prop === 'then' ? undefined : refuse),
      apply: () => refuse(),
    });
  };
}

const Toolbelt = {
  HTTPClient: () => request,
  SecretClient,
  OrchestratorClient,
};
for (const name of ['LpClient', 'ConversationUtil', 'SDEUtil', 'GDPRUtil', 'ContextServiceClient', 'MTLSClient', 'SFClient', 'LPMtlsClient', 'CsdsClient']) {
  Toolbelt[name] = unavailable(name);
}

const LpServices = {
  MSG_HIST: 'msgHist', AGENT_VEP: 'agentVep', ACCOUNT_CONFIG_READ_ONLY: 'accountConfigReadOnly',
  ACCOUNT_CONFIG_READ_WRITE: 'accountConfigReadWrite', ASYNC_MESSAGING: 'asyncMessaging',
  ASYNC_MESSAGING_EN: 'asyncMessagingEnt', ENG_HIST_DOMAIN: 'engHistDomain', RTBF: 'rtbf', AUDITLOG: 'auditlog',
  SMT: 'smt', PUSHER: 'pusher', LE_DATA_REPORTING: 'leDataReporting', MSG_EWT_API: 'msgEwtAPI', MSDKGW: 'msdkgw',
};
const SDETypes = {
  CART: 'cart', TRANSACTION: 'purchase', VIEWED_PRODUCT: 'prodView', CUSTOMER_INFO: 'ctmrinfo',
  MARKETING_SOURCE: 'mrktInfo', PERSONAL_INFO: 'personal', LEAD: 'lead', SERVICE_ACTIVITY: 'service',
  VISITOR_ERROR: 'error', SEARCHED_CONTENT: 'searchInfo',
};
const ConversationContentTypes = {};
for (const name of ['info', 'sdes', 'unAuthSdes', 'campaign', 'messageRecords', 'agentParticipants', 'consumerParticipants', 'transfers', 'interactions', 'messageScores', 'messageStatuses', 'conversationSurveys', 'coBrowseSessions', 'summary', 'dialogs', 'responseTime', 'intents']) {
  ConversationContentTypes[name.replace(/[A-Z]/g, (c) => '_' + c).toUpperCase()] = name;
}

module.exports = { Toolbelt, LpServices, SDETypes, ConversationContentTypes, ErrorCodes, SecretError };
