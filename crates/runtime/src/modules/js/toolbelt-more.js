// The Toolbelt beyond HTTPClient (see lp-faas-toolbelt): MTLSClient, SecretClient,
// OrchestratorClient, the conversation helpers that need no cloud, the clients that need
// LivePerson's cloud (they load, and every call fails naming the client and the call), and
// LivePerson's constants. Exports a function of the HTTP helpers it shares with HTTPClient.
'use strict';
module.exports = ({ headerPairs, headerObject, jsonIfAsked, bytes }) => {
  // LivePerson's names (Invalid, Failure, NotFound, AuthFailure…), and lambdabox's longer
  // names of the same codes.
  const ErrorCodes = {
    Platform: { Secret: { NoToken: 'com.liveperson.faas.handler.no-sa-token' } },
    Secret: {
      Invalid: 'com.liveperson.faas.secret.invalid-format',
      Failure: 'com.liveperson.faas.secret.op-failed',
      NotFound: 'com.liveperson.faas.secret.not-found',
      AuthFailure: 'com.liveperson.faas.secret.auth-failed',
      InvalidFormat: 'com.liveperson.faas.secret.invalid-format',
      OperationFailed: 'com.liveperson.faas.secret.op-failed',
    },
    Csds: {
      NotFound: 'com.liveperson.faas.csds.domain.not-found',
      Failure: 'com.liveperson.faas.csds.op-failed',
    },
    MTLS: {
      GeneralIssue: 'com.liveperson.faas.mtls.general-issue',
      RemoteThrew: 'com.liveperson.faas.mtls.remote-threw',
      MissingConf: 'com.liveperson.faas.mtls.missing-conf',
      InvalidKey: 'com.liveperson.faas.mtls.invalid-key',
      InvalidCert: 'com.liveperson.faas.mtls.invalid-cert',
      InvalidRequest: 'com.liveperson.faas.mtls.invalid-request',
      RequestTimeout: 'com.liveperson.faas.mtls.request-timeout',
    },
    Orchestrator: {
      InvocationFailed: 'com.liveperson.faas.orchestrator-fn.invocation-failed',
      DeadlineExceeded: 'com.liveperson.faas.orchestrator-fn.deadline-exceeded',
    },
  };

  // OrchestratorClient's options.errorStrategy.
  const ErrorStrategy = { ExitOnError: 'ExitOnError', ContinueOnError: 'ContinueOnError' };

  class SecretError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'SecretError';
      this.code = code;
    }
  }

  class MTLSError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'MTLSError';
      this.code = code;
    }
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

  // Failures worth another attempt when the invocation names no retryFunction.
  const RETRIED_STATUS = [429, 500, 502, 504];
  const RETRIED_CODES = ['ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT'];

  function OrchestratorClient() {
    async function invokeOne(item, timeoutMs) {
      const retries = item.retries === undefined ? 3 : item.retries;
      const headers = Object.keys(item.headers || {}).map((key) => ({ key, value: String(item.headers[key]) }));
      const input = { timestamp: Date.now(), headers, payload: item.payload === undefined ? {} : item.payload };
      // retryFunction(statusCode, error): the status of an answer, or the error of a call that got none.
      const wantsRetry = (statusCode, error) => {
        if (typeof item.retryFunction === 'function') return Boolean(item.retryFunction(statusCode, error));
        return error ? RETRIED_CODES.includes(error.code) : RETRIED_STATUS.includes(statusCode);
      };
      for (let attempt = 1; ; attempt++) {
        try {
          const reply = await op('orchestrator.invoke', { uuid: String(item.uuid), input, timeoutMs });
          if (attempt > retries || !wantsRetry(reply.statusCode, undefined)) {
            return { uuid: item.uuid, body: reply.body, headers: {}, statusCode: reply.statusCode };
          }
        } catch (e) {
          if (attempt > retries || !wantsRetry(undefined, e)) {
            return { uuid: item.uuid, statusCode: 500, error: { code: ErrorCodes.Orchestrator.InvocationFailed, message: e.message } };
          }
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
        const strategy = options.errorStrategy || ErrorStrategy.ExitOnError;
        if (strategy !== ErrorStrategy.ExitOnError && strategy !== ErrorStrategy.ContinueOnError) {
          throw new TypeError('errorStrategy must be ErrorStrategy.ExitOnError or ErrorStrategy.ContinueOnError');
        }
        const exitOnError = strategy === ErrorStrategy.ExitOnError;
        const check = (result) => {
          const failed = result.error || result.statusCode >= 400;
          if (failed && exitOnError) {
            const err = new Error('invocation of ' + result.uuid + ' failed: ' + (result.error ? result.error.message : result.statusCode));
            err.code = ErrorCodes.Orchestrator.InvocationFailed;
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
            err.code = ErrorCodes.Orchestrator.DeadlineExceeded;
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

  // PEM text from a string or a Buffer.
  function pemText(value) {
    if (typeof value === 'string') return value;
    if (value instanceof Uint8Array) return bytes().from(value).toString('utf8');
    return undefined;
  }

  // MTLSClient({cert, key, ca?}): requests that present a client certificate, through the same
  // allowlist and rate limit as HTTPClient. Responses are {statusCode, headers, body}; any
  // status resolves; failures reject with an MTLSError.
  function MTLSClient(config) {
    if (!config || config.cert === undefined || config.key === undefined) {
      throw new MTLSError(ErrorCodes.MTLS.MissingConf, 'MTLSClient needs { cert, key } as PEM strings or Buffers');
    }
    const cert = pemText(config.cert);
    const key = pemText(config.key);
    const ca = config.ca === undefined ? undefined : pemText(config.ca);
    if (!cert || !cert.includes('-----BEGIN CERTIFICATE-----')) {
      throw new MTLSError(ErrorCodes.MTLS.InvalidCert, 'the client certificate is not a PEM certificate');
    }
    if (!key || !/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(key)) {
      throw new MTLSError(ErrorCodes.MTLS.InvalidKey, 'the client key is not a PEM private key');
    }
    if (config.ca !== undefined && (!ca || !ca.includes('-----BEGIN CERTIFICATE-----'))) {
      throw new MTLSError(ErrorCodes.MTLS.InvalidCert, 'the CA is not a PEM certificate');
    }
    function send(method, url, headers, body, options) {
      options = options || {};
      if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
        return Promise.reject(new MTLSError(ErrorCodes.MTLS.InvalidRequest, 'the url must be an absolute http(s) URL'));
      }
      const pairs = headerPairs(headers);
      const args = { method, url, headers: pairs, timeoutMs: options.timeout, tls: { cert, key, ca, allowSelfSigned: Boolean(options.allowSelfSigned) } };
      if (body !== undefined && body !== null) {
        if (body instanceof Uint8Array) args.bodyBase64 = bytes().from(body).toString('base64');
        else if (typeof body === 'object') {
          args.body = JSON.stringify(body);
          if (!pairs.some(([k]) => k === 'content-type')) pairs.push(['content-type', 'application/json']);
        } else args.body = String(body);
      }
      return op('http', args).then(
        (res) => {
          const parsed = jsonIfAsked(res.body, options.json);
          return { statusCode: res.status, headers: headerObject(res.headers), body: parsed };
        },
        (e) => {
          const code = e.code === 'ETIMEDOUT' ? ErrorCodes.MTLS.RequestTimeout
            : e.code === 'ERR_TLS_CLIENT_IDENTITY' ? ErrorCodes.MTLS.InvalidCert
              : ErrorCodes.MTLS.RemoteThrew;
          const prefix = typeof e.code === 'string' && e.code.startsWith('ERR_SOCKET') ? 'Error [' + e.code + ']: ' : '';
          const err = new MTLSError(code, prefix + e.message);
          err.cause = e;
          throw err;
        }
      );
    }
    const withBody = (method) => (url, headers, body, options) => send(method, url, headers, body, options);
    const withoutBody = (method) => (url, headers, options) => send(method, url, headers, undefined, options);
    return {
      get: withBody('GET'), post: withBody('POST'), put: withBody('PUT'), delete: withBody('DELETE'),
      patch: withBody('PATCH'), head: withoutBody('HEAD'), options: withoutBody('OPTIONS'),
    };
  }

  // The conversation helpers that work on a conversation the lambda already has (from its
  // event's payload); fetching one needs LivePerson's cloud.
  function scanConversationForKeywords(conversation, keywords) {
    if (!conversation) throw new Error('Please provide conversation object.');
    if (!keywords || keywords.length === 0) throw new Error('Please provide array containing keywords.');
    const transcript = conversation.conversationHistoryRecords[0].messageRecords;
    const messages = transcript
      .filter((record) => record.type === 'TEXT_PLAIN' || record.type === 'HOSTED_FILE')
      .map((record) => ({
        message: record.type === 'TEXT_PLAIN' ? record.messageData.msg.text : record.messageData.file.caption,
        sentTimestamp: record.timeL,
        sentBy: record.sentBy,
      }));
    const found = [];
    for (const keyword of keywords) {
      const pattern = new RegExp(keyword, 'gmi');
      for (const message of messages) {
        pattern.lastIndex = 0;
        if (typeof message.message === 'string' && message.message.match(pattern)) found.push(Object.assign({}, message, { tag: 'keywordRef:' + keyword }));
      }
    }
    return found;
  }

  function getSDEsFromConv(conversation) {
    try {
      if (!conversation || !Object.prototype.hasOwnProperty.call(conversation, 'conversationHistoryRecords')) {
        throw new Error('Please provide a valid conversation.');
      }
      const record = conversation.conversationHistoryRecords[0];
      const byTime = (sdes) => ({ events: sdes.events.sort((a, b) => (a.serverTimeStamp < b.serverTimeStamp ? -1 : 1)) });
      return { sdes: byTime(record.sdes || { events: [] }), unAuthSdes: byTime(record.unAuthSdes || { events: [] }) };
    } catch (error) {
      throw new Error('Error while getting SDEs from conversation: ' + error.message);
    }
  }

  // What needs LivePerson's cloud: the clients load (lambdas often make them at the top), and
  // every such call fails with an error that names the client and the call.
  function notAvailable(client, method) {
    return new Error('Toolbelt.' + client + (method ? '().' + method : '()') + ' is not available in lambdabox: it needs LivePerson cloud services');
  }
  function unavailable(name, local) {
    return function () {
      const refuse = (method) => function () {
        return Promise.reject(notAvailable(name, method));
      };
      const target = refuse(undefined);
      return new Proxy(target, {
        get: (_target, prop) => {
          if (prop === 'then' || typeof prop === 'symbol') return undefined;
          if (local && Object.prototype.hasOwnProperty.call(local, prop)) return local[prop];
          return refuse(String(prop));
        },
        apply: () => Promise.reject(notAvailable(name, undefined)),
      });
    };
  }

  const Toolbelt = {
    ConversationUtil: unavailable('ConversationUtil', { scanConversationForKeywords }),
    SDEUtil: unavailable('SDEUtil', { getSDEsFromConv }),
  };
  for (const name of ['LpClient', 'GDPRUtil', 'ContextServiceClient', 'SFClient', 'LPMtlsClient', 'CsdsClient']) {
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
  const ConversationContentTypes = {
    INFO: 'info', SDES: 'sdes', UN_AUTH_SDES: 'unAuthSdes', CAMPAIGN: 'campaign',
    MESSAGE_RECORDS: 'messageRecords', AGENT_PARTICIPANTS: 'agentParticipants',
    AGENT_PARTICIPANTS_ACTIVE: 'agentParticipantsActive', CONSUMER_PARTICIPANTS: 'consumerParticipants',
    TRANSFERS: 'transfers', INTERACTIONS: 'interactions', MESSAGE_SCORES: 'messageScores',
    MESSAGE_STATUSES: 'messageStatuses', SKILL_CHANGES: 'skillChanges',
    CONVERSATION_SURVEYS: 'conversationSurveys', AGENT_PARTICIPANTS_LEAVE: 'agentParticipantsLeave',
    COBROWSE_SESSIONS: 'coBrowseSessions', SUMMARY: 'summary', MONITORING: 'monitoring', DIALOGS: 'dialogs',
    RESPONSE_TIME: 'responseTime', INTENTS: 'intents', UNIQUE_INTENTS: 'uniqueIntents',
    LATEST_AGENT_SURVEY: 'latestAgentSurvey',
    PREVIOUSLY_SUBMITTED_AGENT_SURVEYS: 'previouslySubmittedAgentSurveys',
  };

  return {
    Toolbelt, SecretClient, OrchestratorClient, MTLSClient,
    LpServices, SDETypes, ConversationContentTypes, ErrorCodes, ErrorStrategy, SecretError, MTLSError,
  };
};
