// A real OpenID provider (oidc-provider) on 127.0.0.1 for the social-login stories, run as a
// child process (it is ESM). Its sign-in page offers one link per test account instead of a
// password form; a control endpoint makes the next token response misbehave on purpose.
// Settings come as JSON in OIDC_TEST_SETTINGS: { clients: [{ client_id, client_secret, redirect_uris }], accounts: { id: claims } }.
import http from 'node:http';
import { generateKeyPair, exportJWK, SignJWT, decodeJwt, importJWK } from 'jose';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_SETTINGS ?? '{}');
const accounts = settings.accounts ?? {};

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

/** What the next token response does: 'tamper' changes the ID token's payload, 'nonce' re-signs it with another nonce. */
let nextTokenTrick = null;

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: (settings.clients ?? []).map((c) => ({ grant_types: ['authorization_code'], response_types: ['code'], ...c })),
  jwks: { keys: [signingJwk] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Google and Microsoft put the email into the ID token; so does this provider.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['test-cookie-key'] },
  async findAccount(_ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<p id="provider-error">${out.error}: ${out.error_description ?? ''}</p>`;
  },
});
const handle = provider.callback();

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function finishInteraction(req, res, accountId) {
  const details = await provider.interactionDetails(req, res);
  if (!accountId) {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user denied the request.' }, { mergeWithLastSubmission: false });
  }
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

/** Rewrites the JSON body of a token response on its way out. */
function trickTokenResponse(res, trick) {
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    if (!chunk) return end(chunk, ...rest);
    const body = JSON.parse(String(chunk));
    rewriteIdToken(body.id_token, trick).then((idToken) => {
      const changed = JSON.stringify({ ...body, id_token: idToken });
      if (!res.headersSent) res.setHeader('content-length', Buffer.byteLength(changed));
      end(changed);
    });
    return res;
  };
}

async function rewriteIdToken(idToken, trick) {
  const [header, , signature] = idToken.split('.');
  const claims = decodeJwt(idToken);
  if (trick === 'tamper') {
    // Another subject under the provider's old signature: the signature no longer matches.
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else', email: 'someone-else@example.test' })).toString('base64url');
    return `${header}.${forged}.${signature}`;
  }
  // A correctly signed token whose nonce belongs to another authorization.
  const key = await importJWK(signingJwk, 'RS256');
  return new SignJWT({ ...claims, nonce: 'a-nonce-from-another-request' }).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(key);
}

server.on('request', (req, res) => {
  const url = new URL(req.url, issuer);
  const interaction = /^\/interaction\/([^/]+)(?:\/(login|deny))?$/.exec(url.pathname);
  if (url.pathname === '/__test/next-token' && req.method === 'POST') {
    nextTokenTrick = url.searchParams.get('trick');
    res.end('ok');
    return;
  }
  if (interaction && interaction[2]) {
    finishInteraction(req, res, interaction[2] === 'login' ? url.searchParams.get('account') : null).catch((error) => {
      res.statusCode = 400;
      res.end(String(error.message));
    });
    return;
  }
  if (interaction) {
    const uid = interaction[1];
    const links = Object.keys(accounts)
      .map((id) => `<p><a id="sign-in-${escapeHtml(id)}" href="/interaction/${uid}/login?account=${encodeURIComponent(id)}">Sign in as ${escapeHtml(id)}</a></p>`)
      .join('');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Test provider</title><h1>Test provider</h1>${links}<p><a id="deny" href="/interaction/${uid}/deny">Deny</a></p>`);
    return;
  }
  if (url.pathname === '/token' && nextTokenTrick) {
    trickTokenResponse(res, nextTokenTrick);
    nextTokenTrick = null;
  }
  handle(req, res);
});

process.stdout.write(`listening ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
