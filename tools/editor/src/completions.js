// What lambda code can reach, as one table: names, signatures and one-line docs shown by
// CodeMirror's autocomplete. Sources: README "Writing lambdas" and
// crates/runtime/src/modules/js/toolbelt.js (the Toolbelt surface).
//
// MEMBERS is keyed by a path: "input", "Toolbelt", "Toolbelt.SecretClient()" (what the call
// returns), "require:crypto" (a module's exports), "require:luxon.DateTime".

const f = (label, detail, info) => ({ label, type: "function", detail, info });
const p = (label, detail, info) => ({ label, type: "property", detail, info });
const c = (label, detail, info) => ({ label, type: "class", detail, info });
const unavailable = (name) =>
  c(name, "()", `${name}: a LivePerson-cloud client; it loads, but every call fails naming the client and the call.`);

export const GLOBALS = [
  { label: "input", type: "variable", detail: "{timestamp, headers, payload}", info: "The invocation's input: payload is the event's or caller's body." },
  f("callback", "(err, result)", "Settles the invocation: callback(null, result) answers with result; callback(error) fails it (HTTP 901)."),
  f("require", "(name)", "Loads a bundled module: lp-faas-toolbelt, lodash, luxon, jsonwebtoken, crypto, Node's built-ins…"),
  { label: "Toolbelt", type: "namespace", detail: "lp-faas-toolbelt", info: "const { Toolbelt } = require('lp-faas-toolbelt'): HTTPClient, SecretClient, OrchestratorClient, …" },
  { label: "console", type: "namespace", detail: "log, info, warn, error, debug", info: "Writes to the invocation's log (debug entries only on the test page)." },
  { label: "process", type: "namespace", detail: "process.env", info: "process.env holds the function's environment variables." },
  f("fetch", "(url, init?) → Promise<Response>", "WHATWG fetch; reaches only hosts on the domain allowlist."),
  c("Buffer", "Node Buffer", "Node's Buffer: from, alloc, concat, toString('base64'), …"),
  f("setTimeout", "(fn, ms) → id", "Runs fn after ms milliseconds (the 30 s deadline still applies)."),
  f("clearTimeout", "(id)", "Cancels a setTimeout."),
];

const CONSOLE = ["log", "info", "warn", "error", "debug"].map((level) =>
  f(level, "(message, ...extras)", `Logs at ${level === "log" ? "info" : level} level; extras are stored as JSON.`),
);

const TOOLBELT = [
  f("HTTPClient", "() → request(options)", "A request-promise compatible client: httpClient({method, uri, json, headers, body, simple, resolveWithFullResponse}). Allowlisted hosts only."),
  f("SecretClient", "() → {readSecret, updateSecret}", "Reads and updates the account's secrets (Settings → Secrets)."),
  f("OrchestratorClient", "() → {invoke}", "Invokes other functions: invoke([{uuid, payload}], deadline, {errorStrategy, invokeParallel})."),
  f("MTLSClient", "({cert, key, ca?}) → {get, post, put, delete, patch, head, options}", "Requests that present a client certificate; responses are {statusCode, headers, body}."),
  f("ConversationUtil", "() → {scanConversationForKeywords}", "Helpers on a conversation the lambda already has; cloud calls fail."),
  f("SDEUtil", "() → {getSDEsFromConv}", "Extracts SDEs from a conversation the lambda already has; cloud calls fail."),
  ...["LpClient", "GDPRUtil", "ContextServiceClient", "SFClient", "LPMtlsClient", "CsdsClient"].map(unavailable),
];

const MTLS_METHODS = ["get", "post", "put", "delete", "patch", "head", "options"].map((m) =>
  f(m, "(url, headers?, body?, options?) → Promise", `${m.toUpperCase()} with the client certificate; resolves to {statusCode, headers, body}.`),
);

const MODULE_LIST = [
  ["lp-faas-toolbelt", "Toolbelt, LpServices, SDETypes, ErrorStrategy, ErrorCodes"],
  ["lodash", "utilities (get, set, merge, groupBy, …)"],
  ["luxon", "dates and times (DateTime, Duration, Interval)"],
  ["jsonwebtoken", "sign, verify, decode (HS256, RS256)"],
  ["oauth-1.0a", "OAuth 1 request signing"],
  ["crypto", "createHash, createHmac, randomBytes, randomUUID, sign, verify, ciphers"],
  ["assert", "Node's assert"],
  ["buffer", "Node's Buffer"],
  ["events", "EventEmitter"],
  ["http", "Node's http client (allowlisted hosts)"],
  ["https", "Node's https client (allowlisted hosts)"],
  ["path", "join, resolve, basename, dirname, extname"],
  ["querystring", "parse, stringify"],
  ["string_decoder", "StringDecoder"],
  ["timers", "setTimeout, setInterval, setImmediate"],
  ["timers/promises", "setTimeout as a promise"],
  ["url", "URL, URLSearchParams, parse, format"],
  ["util", "format, inspect, promisify, types"],
];

export const MODULES = MODULE_LIST.map(([label, info]) => ({ label, type: "namespace", detail: "module", info }));

export const MEMBERS = {
  input: [
    p("payload", "object", "The body: the event's payload in LivePerson's shape, or what the API caller sent."),
    p("headers", "[{key, value}]", "The request's headers as a list of {key, value}."),
    p("timestamp", "number", "When the invocation started, in milliseconds since the epoch."),
  ],
  console: CONSOLE,
  process: [p("env", "object", "Environment variables; BRAND_ID and LAMBDA_UUID are set by lambdabox.")],
  "process.env": [
    p("BRAND_ID", "string", "The account (brand) id."),
    p("LAMBDA_UUID", "string", "This function's uuid."),
  ],
  Toolbelt: TOOLBELT,
  "Toolbelt.HTTPClient()": ["get", "post", "put", "patch", "delete"].map((m) =>
    f(m, "(uri, options?) → Promise", `${m.toUpperCase()} request (request-promise style).`),
  ),
  "Toolbelt.SecretClient()": [
    f("readSecret", "(key) → Promise<{key, value}>", "Reads a secret; rejects with SecretError when it does not exist."),
    f("updateSecret", "({key, value}) → Promise", "Stores a new value (at most 10000 characters)."),
  ],
  "Toolbelt.OrchestratorClient()": [
    f("invoke", "(invocations, deadline?, {errorStrategy, invokeParallel, timeout}?) → Promise<results>", "Invokes functions by uuid; each result is {uuid, statusCode, body} or {error}."),
  ],
  "Toolbelt.MTLSClient()": MTLS_METHODS,
  "Toolbelt.ConversationUtil()": [
    f("scanConversationForKeywords", "(conversation, keywords) → messages", "Messages that contain any of the keywords, each tagged keywordRef:<keyword>."),
  ],
  "Toolbelt.SDEUtil()": [f("getSDEsFromConv", "(conversation) → sdes", "The conversation's SDEs (authenticated and not).")],
  "require:lp-faas-toolbelt": [
    { label: "Toolbelt", type: "namespace", detail: "clients", info: "HTTPClient, SecretClient, OrchestratorClient, MTLSClient, ConversationUtil, SDEUtil, …" },
    p("LpServices", "object", "Service names of LivePerson's domains (MSG_HIST, ASYNC_MESSAGING, …)."),
    p("SDETypes", "object", "SDE type names (CART, CUSTOMER_INFO, …)."),
    p("ConversationContentTypes", "object", "Parts of a conversation (MESSAGE_RECORDS, SDES, …)."),
    p("ErrorStrategy", "{ExitOnError, ContinueOnError}", "OrchestratorClient's errorStrategy."),
    p("ErrorCodes", "object", "LivePerson's error codes (Secret, MTLS, Orchestrator, …)."),
    c("SecretError", "Error", "What SecretClient rejects with; has .code."),
    c("MTLSError", "Error", "What MTLSClient throws or rejects with; has .code."),
  ],
  "require:lp-faas-toolbelt.ErrorStrategy": [p("ExitOnError", "default", "Stop at the first failed invocation."), p("ContinueOnError", "", "Invoke all; failures are in the results.")],
  "require:crypto": [
    f("createHash", "(algorithm) → Hash", "md5, sha1, sha256, sha384, sha512; .update(data).digest('hex')."),
    f("createHmac", "(algorithm, key) → Hmac", "HMAC with MD5, SHA-1 or SHA-2; .update(data).digest('base64')."),
    f("randomBytes", "(size) → Buffer", "Cryptographically strong random bytes."),
    f("randomUUID", "() → string", "A random RFC 4122 version 4 uuid."),
    f("randomInt", "(min?, max) → number", "A random integer in [min, max)."),
    f("createSign", "(algorithm) → Sign", "RSA PKCS#1 v1.5 / PSS, ECDSA P-256 signatures."),
    f("createVerify", "(algorithm) → Verify", "Verifies a signature."),
    f("sign", "(algorithm, data, key) → Buffer", "One-shot signature."),
    f("verify", "(algorithm, data, key, signature) → boolean", "One-shot verification."),
    f("createCipheriv", "(algorithm, key, iv) → Cipher", "AES-128/192/256 in CBC, CTR or GCM."),
    f("createDecipheriv", "(algorithm, key, iv) → Decipher", "AES-128/192/256 in CBC, CTR or GCM."),
    f("createPrivateKey", "(key) → KeyObject", "PEM PKCS#8, PKCS#1, SEC1, DER or JWK."),
    f("createPublicKey", "(key) → KeyObject", "PEM SPKI, PKCS#1, DER or JWK."),
    f("createSecretKey", "(key) → KeyObject", "A symmetric key."),
    f("pbkdf2Sync", "(password, salt, iterations, keylen, digest) → Buffer", "PBKDF2 key derivation."),
    f("timingSafeEqual", "(a, b) → boolean", "Constant-time comparison."),
    p("webcrypto", "{subtle, getRandomValues}", "Web Crypto: digest, importKey, sign, verify, encrypt, decrypt, deriveBits."),
  ],
  "require:jsonwebtoken": [
    f("sign", "(payload, secretOrKey, options?) → string", "Signs a JWT (HS256, RS256)."),
    f("verify", "(token, secretOrKey, options?) → payload", "Verifies signature and expiry; throws on failure."),
    f("decode", "(token, {complete}?) → payload", "Decodes without verifying."),
  ],
  "require:luxon": [
    c("DateTime", "luxon", "DateTime.now(), fromISO, fromMillis; .setZone('Europe/Berlin'), .toISO(), .plus({days: 1})."),
    c("Duration", "luxon", "Duration.fromObject({minutes: 5}), .as('seconds')."),
    c("Interval", "luxon", "Interval.fromDateTimes(start, end), .contains(dt)."),
    c("Info", "luxon", "Time zone and locale information."),
  ],
  "require:luxon.DateTime": [
    f("now", "() → DateTime", "The current time (UTC on this box)."),
    f("fromISO", "(text, opts?) → DateTime", "Parses an ISO 8601 string."),
    f("fromMillis", "(ms, opts?) → DateTime", "From milliseconds since the epoch."),
    f("fromFormat", "(text, format, opts?) → DateTime", "Parses with a format string."),
    f("utc", "(...) → DateTime", "A DateTime in UTC."),
  ],
  "require:lodash": [
    ["get", "(object, path, default?)", "Value at path."], ["set", "(object, path, value)", "Sets the value at path."],
    ["has", "(object, path)", "Whether path exists."], ["merge", "(object, ...sources)", "Deep merge."],
    ["cloneDeep", "(value)", "Deep copy."], ["pick", "(object, paths)", "Object of the picked keys."],
    ["omit", "(object, paths)", "Object without the keys."], ["groupBy", "(collection, iteratee)", "Groups into an object."],
    ["keyBy", "(collection, iteratee)", "Object keyed by iteratee."], ["uniq", "(array)", "Without duplicates."],
    ["isEmpty", "(value)", "Empty object, array, string, map or set."], ["debounce", "(fn, wait)", "Debounced function."],
  ].map(([name, detail, info]) => f(name, detail, info)),
  "require:path": ["join", "resolve", "basename", "dirname", "extname", "normalize"].map((n) => f(n, "(...paths)", `path.${n}`)),
  "require:querystring": [f("parse", "(str) → object", "Parses a query string."), f("stringify", "(object) → string", "Builds a query string.")],
  "require:util": [
    f("format", "(format, ...args) → string", "printf-like formatting."),
    f("inspect", "(value, options?) → string", "A readable representation."),
    f("promisify", "(fn) → fn", "Callback style to promise style."),
    p("types", "object", "Type checks (isDate, isPromise, …)."),
  ],
  "require:url": [c("URL", "WHATWG URL", "new URL(input, base?)"), c("URLSearchParams", "", "Query parameters."), f("parse", "(url) → object", "Legacy parser."), f("format", "(urlObject) → string", "Legacy formatter.")],
  "require:events": [c("EventEmitter", "", "on, once, emit, off")],
  "require:assert": [f("ok", "(value, message?)", "Throws unless truthy."), f("equal", "(a, b, message?)", "a == b"), f("strictEqual", "(a, b, message?)", "a === b"), f("deepStrictEqual", "(a, b, message?)", "Deep equality.")],
};

// Variables bound in the code to something the table knows: `const x = require('m')`,
// `const { A, B } = require('m')`, `const c = Toolbelt.SecretClient()`.
function bindings(text) {
  const map = { Toolbelt: "Toolbelt", input: "input", console: "console", process: "process" };
  let m;
  const req = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;
  while ((m = req.exec(text))) map[m[1]] = `require:${m[2].replace(/^node:/, "")}`;
  const destructured = /\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g;
  while ((m = destructured.exec(text))) {
    const module = m[2].replace(/^node:/, "");
    for (const part of m[1].split(",")) {
      const [name, alias] = part.split(":").map((s) => s.trim());
      if (!name) continue;
      const key = `require:${module}.${name}`;
      map[alias || name] = module === "lp-faas-toolbelt" && name === "Toolbelt" ? "Toolbelt" : key;
    }
  }
  const client = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+)?([\w$]+)\.([\w$]+)\(/g;
  while ((m = client.exec(text))) {
    if (map[m[2]] === "Toolbelt") map[m[1]] = `Toolbelt.${m[3]}()`;
  }
  return map;
}

const IDENT = /^[\w$]*$/;

/** The CompletionSource: require('…') names, members after a known object, then globals. */
export function lambdaCompletions(context) {
  const line = context.state.doc.lineAt(context.pos);
  const before = line.text.slice(0, context.pos - line.from);

  const inRequire = /require\(\s*['"]([\w@./:-]*)$/.exec(before);
  if (inRequire) {
    return { from: context.pos - inRequire[1].length, options: MODULES, validFor: /^[\w@./:-]*$/ };
  }
  if (/(['"`]|\/\/)/.test(before.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, ""))) return null; // in a string or comment

  const member = /([\w$]+(?:\(\s*\))?(?:\.[\w$]+(?:\(\s*\))?)*)\.([\w$]*)$/.exec(before);
  if (member) {
    const parts = member[1].replace(/\s+/g, "").split(".");
    const names = bindings(context.state.doc.toString());
    const head = parts[0].replace(/\(\)$/, "");
    let key = names[head];
    if (!key) return null;
    if (parts[0].endsWith("()")) key += "()";
    for (const part of parts.slice(1)) key = `${key}.${part}`;
    const options = MEMBERS[key];
    if (!options) return null;
    return { from: context.pos - member[2].length, options, validFor: IDENT };
  }

  const word = context.matchBefore(/[\w$]+/);
  if (!word && !context.explicit) return null;
  return { from: word ? word.from : context.pos, options: GLOBALS, validFor: IDENT };
}
