// Runs one call of LivePerson's own, unmodified Node client (npm `liveperson-functions-client`)
// and prints its outcome as one JSON line on stdout. A child process of its own, so that
// NODE_EXTRA_CA_CERTS (read only when Node starts) makes it trust the test CA exactly as a
// customer's process would trust theirs.
//
//   node lp_client_runner.mjs '{"accountId","clientId","clientSecret","host","method","args"}'
//
// `host` is what the client's service discovery answers for every service it asks about
// (`faasGW`, `faasUI`, `sentinel`): the client's own CSDS lookup is fixed to LivePerson's
// hosts (http://adminlogin.liveperson.net/...), so a customer points it elsewhere with the
// documented second constructor argument, `tooling.getCsdsEntry`. Nothing else is replaced:
// tokens (simple-oauth2), requests (got) and URLs are the library's own.
//
// Prints {asked: [[account, service], ...], value} or {asked, error: {name, message, chain}}.

import lp from 'liveperson-functions-client';

const { accountId, clientId, clientSecret, host, method, args } = JSON.parse(process.argv[2]);
const asked = [];
const client = new lp.Client(
  { accountId, authStrategy: { clientId, clientSecret } },
  {
    getCsdsEntry: async (account, service) => {
      asked.push([account, service]);
      return host;
    },
  },
);

/** The response without the header object (noise), or a plain value. */
function plain(value) {
  if (value && typeof value === 'object' && 'status' in value && 'body' in value) {
    const { url, ok, status, statusText, body, retryCount } = value;
    return { url, ok, status, statusText, body, retryCount };
  }
  return value;
}

/** Every message down VError's cause chain, with the HTTP response a cause carries, if any. */
function chain(err) {
  const out = [];
  for (let e = err; e && typeof e === 'object'; e = e.jse_cause ?? e.cause) {
    const response = e.jse_info?.response;
    out.push({
      name: e.name,
      message: e.message,
      ...(response ? { status: response.status ?? response.statusCode, body: response.body ?? response.payload } : {}),
      ...(e.data?.payload ? { payload: e.data.payload.toString() } : {}),
      ...(e.output?.statusCode ? { status: e.output.statusCode } : {}),
    });
    if (out.length > 10) break;
  }
  return out;
}

try {
  const value = await client[method](args);
  process.stdout.write(`${JSON.stringify({ asked, value: plain(value) })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ asked, error: { name: err.name, message: err.message, chain: chain(err) } })}\n`);
}
