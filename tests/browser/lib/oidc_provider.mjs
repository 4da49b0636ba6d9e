// A real OpenID Connect provider on loopback for the SSO tests: panva's `oidc-provider` behind a
// node:http server on 127.0.0.1:0. The listener starts first, so the issuer URL is known before
// lambdabox starts (lambdabox may read the discovery document as it starts); `register()` then
// adds lambdabox's callback URL as the redirect URI of its one confidential client, once
// lambdabox says where it listens.
//
// The sign-in page is ours, not the library's development pages (those pull a web font from
// the internet): one form, `#idp-login-form`, whose login is an account id; any password is
// accepted. Signing in also grants what the client asked for, as a company IdP does for its own
// applications, so there is no consent page.

import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';

const LOOPBACK = '127.0.0.1';
const STOP_TIMEOUT_MS = 5_000;
const MAX_FORM_BYTES = 16 * 1024;
/** The provider's cookies all start with this, so a test can drop the IdP session alone. */
export const IDP_COOKIE_PREFIX = 'oidc_';

// The library prints development notices ("you SHOULD change ...", and on Node 20 "Unsupported
// runtime" although it works there) through console.info and console.warn; in a test run they
// are noise. Only its own lines are dropped, and the library is imported after this filter.
for (const level of ['info', 'warn']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    if (typeof args[0] === 'string' && args[0].startsWith('oidc-provider ')) return;
    original(...args);
  };
}
const { default: Provider } = await import('oidc-provider');

/**
 * Starts the listener. `accounts` maps an account id (what is typed as the login) to
 * { preferred_username, email, groups }. Resolves to
 * { issuer, clientId, clientSecret, settings, register(...redirectUris), stop() };
 * `settings.codeTtlSeconds` is read each time a code is issued, so a test can shorten it.
 */
export async function startOidcProvider({ accounts, codeTtlSeconds = 60 }) {
  const settings = { codeTtlSeconds };
  const clientId = 'lambdabox';
  const clientSecret = randomBytes(24).toString('base64url');
  // One signing key and one cookie key for the provider's whole life: register() rebuilds the
  // Provider with more redirect URIs, and its JWKS and cookies must stay the same across that.
  const signingKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    kid: 'test-signing-key',
    use: 'sig',
    alg: 'RS256',
  };
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const redirectUris = [];
  let provider;
  let callback;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end(`test IdP error: ${err.message}`);
    });
  });
  // Connections are tracked so stop() does not wait on a browser's idle keep-alive sockets.
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => { server.off('error', reject); resolve(); });
  });
  const issuer = `http://${LOOPBACK}:${server.address().port}`;

  function build() {
    return new Provider(issuer, {
      clients: redirectUris.length === 0 ? [] : [{
        client_id: clientId,
        client_secret: clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [...redirectUris],
      }],
      responseTypes: ['code'],
      pkce: { required: () => true }, // S256 is the only method this version accepts
      claims: {
        openid: ['sub'],
        profile: ['preferred_username'],
        email: ['email'],
        groups: ['groups'],
      },
      // The ID token carries every claim its scopes release (groups included), not only `sub`.
      conformIdTokenClaims: false,
      findAccount: async (_ctx, id) => {
        const account = Object.hasOwn(accounts, id) ? accounts[id] : undefined;
        if (!account) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            preferred_username: account.preferred_username ?? id,
            email: account.email,
            groups: [...(account.groups ?? [])],
          }),
        };
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      ttl: {
        AuthorizationCode: () => settings.codeTtlSeconds,
        AccessToken: () => 600,
        IdToken: () => 600,
        Interaction: () => 600,
        Session: () => 3600,
        Grant: () => 3600,
      },
      cookies: {
        keys: cookieKeys,
        names: {
          session: `${IDP_COOKIE_PREFIX}session`,
          interaction: `${IDP_COOKIE_PREFIX}interaction`,
          resume: `${IDP_COOKIE_PREFIX}resume`,
        },
      },
      jwks: { keys: [signingKey] },
      renderError: async (ctx, out) => {
        ctx.type = 'html';
        ctx.body = page('Sign-in error', `<p id="idp-error">${escapeHtml(out.error)}: ${escapeHtml(out.error_description ?? '')}</p>`);
      },
    });
  }
  provider = build();
  callback = provider.callback();

  async function handle(req, res) {
    const url = new URL(req.url, issuer);
    const m = url.pathname.match(/^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/);
    if (m && req.method === 'GET' && !m[2]) {
      const details = await provider.interactionDetails(req, res);
      return sendHtml(res, 200, loginPage(details.uid, ''));
    }
    if (m && req.method === 'POST' && m[2]) {
      const details = await provider.interactionDetails(req, res);
      const form = new URLSearchParams(await readBody(req));
      const login = form.get('login') ?? '';
      if (!Object.hasOwn(accounts, login)) {
        return sendHtml(res, 200, loginPage(details.uid, `No account ${login}.`));
      }
      const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, {
        login: { accountId: login },
        consent: { grantId },
      }, { mergeWithLastSubmission: false });
    }
    return callback(req, res);
  }

  return {
    issuer,
    clientId,
    clientSecret,
    settings,
    /** Adds redirect URIs to the client (rebuilding the Provider: same keys, same storage). */
    register(...uris) {
      for (const uri of uris.flat()) {
        if (!redirectUris.includes(uri)) redirectUris.push(uri);
      }
      provider = build();
      callback = provider.callback();
    },
    /** Closes the listener (and any open connections), bounded. */
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await Promise.race([closed, new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS))]);
    },
  };
}

function loginPage(uid, error) {
  return page('Sign in to the test IdP', `
    ${error ? `<p id="idp-error" role="alert">${escapeHtml(error)}</p>` : ''}
    <form id="idp-login-form" method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
      <label>Login <input type="text" name="login" required autofocus></label>
      <label>Password <input type="password" name="password" required></label>
      <button type="submit">Sign in</button>
    </form>`);
}

function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,"></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function sendHtml(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return body;
}
