// A host that is not a Yoga server (Express, Fastify, a Fetch-API server) mounts authql's
// /health, /ready, JWKS and metrics through auth.handlers: each answers over HTTP exactly as
// authql's own server does, as a Node/Express handler and as a Fetch-API handler, the metrics
// behind metrics.token as on the API's port.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Auth } from '../src';
import { JwtCreateDocument } from '../src/client/generated/graphql';
import { PASSWORD } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { withTestServer } from './helpers/server';
import { member } from './helpers/users';

jest.setTimeout(60_000);

const METRICS_TOKEN = 'scraper-token-0123456789-abcdef';
const privateKey = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const server = withTestServer({ jwt: { keys: [{ alg: 'EdDSA', privateKey, kid: 'k1' }] }, metrics: { enabled: true, token: METRICS_TOKEN } });
const cleanup = withCleanup();

type Mount = 'Node/Express handlers' | 'Fetch-API handlers';

/** A host's plain server: its own /hello, and authql's endpoints where the host chose to mount them. */
async function hostServer(auth: Auth, mount: Mount): Promise<string> {
  const routes: Record<string, keyof Auth['handlers']> = { '/health': 'health', '/ready': 'ready', '/.well-known/jwks.json': 'jwks', '/ops/metrics': 'metrics' };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const name = routes[new URL(req.url ?? '/', 'http://host').pathname];
    if (!name) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from the host');
    if (mount === 'Node/Express handlers') return auth.handlers[name].node(req, res);
    // A Fetch-API server (Bun, Deno, Hono, …) in miniature: a Request in, a Response out.
    const request = new Request(`http://host${req.url}`, { method: req.method, headers: req.headers as Record<string, string> });
    void auth.handlers[name].fetch(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
    });
  });
  cleanup.add(http, (host) => new Promise<void>((resolve) => host.close(() => resolve())));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe.each<Mount>(['Node/Express handlers', 'Fetch-API handlers'])('a host mounting %s', (mount) => {
  let base: string;
  beforeAll(async () => {
    base = await hostServer(server.auth, mount);
  });

  test('/health and /ready answer JSON as authql itself does, and the host still serves its own paths', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    expect(await health.json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'up', mailWorker: 'running' } });
    expect(await (await fetch(`${base}/elsewhere`)).text()).toBe('hello from the host');
  });

  test('the JWKS document verifies an access token from jwtCreate, and equals what authql itself publishes', async () => {
    const user = await member(server, `jwks-${mount.length}@example.com`);
    const created = await server.gql(JwtCreateDocument, { input: { email: user.email, password: PASSWORD } });
    const answer = created.data?.jwtCreate;
    if (answer?.__typename !== 'JwtCreateSuccess') throw new Error(JSON.stringify(created));
    const { payload } = await jwtVerify(answer.access, createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`)), { issuer: 'authql' });
    expect(payload.sub).toBe(user.id);
    const published = await fetch(`${base}/.well-known/jwks.json`);
    expect(published.headers.get('cache-control')).toBe('public, max-age=300');
    expect(await published.json()).toEqual(await (await fetch(new URL('/.well-known/jwks.json', server.url))).json());
  });

  test('the metrics need the Bearer token: 401 without one, 403 with another, the Prometheus text with it', async () => {
    const without = await fetch(`${base}/ops/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await without.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await fetch(`${base}/ops/metrics`, { headers: { authorization: 'Bearer not-the-token-0123456789' } });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const scraped = await fetch(`${base}/ops/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await scraped.text()).toMatch(/^# TYPE authql_logins_total counter$/m);
  });

  test('a HEAD gets the status and headers without a body', async () => {
    const head = await fetch(`${base}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

test('authql\'s own server answers the same endpoints from the same code (the metrics behind the token)', async () => {
  expect((await fetch(new URL('/metrics', server.url))).status).toBe(401);
  const scraped = await fetch(new URL('/metrics', server.url), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(await scraped.text()).toMatch(/^# TYPE authql_logins_total counter$/m);
  expect(await (await fetch(new URL('/health', server.url))).json()).toEqual({ status: 'alive' });
});
