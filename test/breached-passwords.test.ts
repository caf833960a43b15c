// Breached passwords: register, setPassword and a reset refuse a password the range API knows,
// and only the first 5 hex characters of its SHA-1 ever leave the server. The range API is a
// local stand-in on 127.0.0.1 that records every request and fails the story if anything else arrives.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validationError } from './helpers/answers';
import { NEW_PASSWORD, PASSWORD, REGISTER, RESET_PASSWORD_CONFIRM, linkParts, login, mutate, nthEmail } from './helpers/journeys';
import { startTestServer, type TestServer } from './helpers/server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp';
import { graphql } from './generated';

const BREACHED = 'password-from-a-breach-2019';
const breached = (field: string) => ({ field, code: 'PASSWORD_BREACHED', message: 'This password has appeared in a data breach; choose another.' });
const sha1 = (password: string) => createHash('sha1').update(password).digest('hex').toUpperCase();

const SET_PASSWORD = graphql(`mutation BreachedPasswordsSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { code message fieldErrors { field code message } } }
}`);
const RESET_PASSWORD = graphql(`mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }`);

/** A stand-in of the range API: answers the suffixes of BREACHED's range (and padding), records what it was sent. */
interface RangeApi {
  url: string;
  requests: { path: string; padding: string | undefined }[];
  /** Anything but `GET /range/<5 hex>` that arrived. */
  strayRequests: string[];
  /** 'down' answers 503; 'hang' never answers. */
  mode: 'up' | 'down' | 'hang';
  close(): Promise<void>;
}

async function startRangeApi(): Promise<RangeApi> {
  const api: Omit<RangeApi, 'url' | 'close'> = { requests: [], strayRequests: [], mode: 'up' };
  const server: Server = createServer((request, response) => {
    const match = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '');
    if (request.method !== 'GET' || !match) {
      api.strayRequests.push(`${request.method} ${request.url}`);
      response.writeHead(400).end();
      return;
    }
    api.requests.push({ path: request.url!, padding: request.headers['add-padding'] as string | undefined });
    if (api.mode === 'hang') return;
    if (api.mode === 'down') return void response.writeHead(503).end();
    const full = sha1(BREACHED);
    const lines = ['0018A45C4D1DEF81644B54AB7F969B88D65:1', '00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2'];
    if (full.startsWith(match[1])) lines.push(`${full.slice(5)}:3861493`);
    // Padding rows (count 0) stand for no password, even when one matches.
    lines.push(`${sha1(PASSWORD).slice(5)}:0`);
    response.writeHead(200, { 'content-type': 'text/plain' }).end(lines.join('\r\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    url: `http://127.0.0.1:${port}/range/`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  }) as RangeApi;
}

let smtp: TestSmtpServer;
let api: RangeApi;
beforeAll(async () => {
  smtp = await startSmtpServer();
  api = await startRangeApi();
});
afterAll(async () => {
  await api.close();
  await smtp.close();
});
afterEach(() => {
  // Whatever the story, nothing but a 5-character prefix ever reached the range API.
  expect(api.strayRequests).toEqual([]);
  for (const { path } of api.requests) expect(path).toMatch(/^\/range\/[0-9A-F]{5}$/);
  api.mode = 'up';
});

const warnings: string[] = [];

async function withServer(onError: 'allow' | 'refuse', story: (server: TestServer) => Promise<void>, timeout = '2s') {
  const logger = { info: () => undefined, warn: (m: string, f?: object) => void warnings.push(`${m} ${JSON.stringify(f)}`), error: () => undefined };
  const server = await startTestServer({ logger, passwordValidators: { breached: { enabled: true, rangeUrl: api.url, timeout, onError } } }, { smtp });
  try {
    await story(server);
  } finally {
    await server.close();
  }
}

test('registering with a breached password is refused with PASSWORD_BREACHED; only its 5-character prefix, padded, was sent', async () => {
  await withServer('allow', async (server) => {
    const before = api.requests.length;
    const refused = await mutate(server, REGISTER, { email: 'breach@example.com', password: BREACHED });
    expect(refused).toEqual(validationError(breached('password')));
    expect(api.requests.slice(before)).toEqual([{ path: `/range/${sha1(BREACHED).slice(0, 5)}`, padding: 'true' }]);

    // A password whose suffix is only a padding row (count 0) is not breached.
    const registered = await mutate(server, REGISTER, { email: 'breach@example.com', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(await login(server, { email: 'breach@example.com', password: PASSWORD })).toEqual(expect.any(String));
  });
});

test('setPassword and a reset refuse a breached new password; a clean one is taken', async () => {
  await withServer('allow', async (server) => {
    const email = 'changer@example.com';
    await mutate(server, REGISTER, { email, password: PASSWORD });
    const token = await login(server, { email, password: PASSWORD });

    const set = await mutate(server, SET_PASSWORD, { currentPassword: PASSWORD, newPassword: BREACHED }, token);
    expect(set).toEqual(validationError(breached('newPassword')));

    await mutate(server, RESET_PASSWORD, { email });
    const { uid, token: resetToken } = linkParts(await nthEmail(server, email, (e) => /^Password reset on /.test(e.subject)));
    const reset = await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: resetToken, newPassword: BREACHED });
    expect(reset).toEqual(validationError(breached('newPassword')));
    // The refused attempt spent nothing: the same link takes a clean password.
    expect(await mutate(server, RESET_PASSWORD_CONFIRM, { uid, token: resetToken, newPassword: NEW_PASSWORD })).toEqual({ __typename: 'ResetPasswordConfirmSuccess', ok: true });
    expect(await login(server, { email, password: NEW_PASSWORD })).toEqual(expect.any(String));
    const prefixes = api.requests.map((r) => r.path.slice('/range/'.length));
    expect(prefixes).toEqual(expect.arrayContaining([sha1(BREACHED).slice(0, 5), sha1(NEW_PASSWORD).slice(0, 5)]));
  });
});

test("with onError 'allow' an unreachable service lets the password through, with a warning that holds no hash", async () => {
  await withServer('allow', async (server) => {
    api.mode = 'down';
    warnings.length = 0;
    const registered = await mutate(server, REGISTER, { email: 'down@example.com', password: BREACHED });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(warnings).toEqual([expect.stringContaining('the breached-password service could not be asked')]);
    expect(warnings[0]).not.toContain(sha1(BREACHED).slice(0, 5));
  });
});

test("with onError 'refuse' an unreachable or slow service answers SERVICE_UNAVAILABLE and creates nothing", async () => {
  await withServer(
    'refuse',
    async (server) => {
      api.mode = 'hang';
      const started = Date.now();
      const answer = await server.gql(REGISTER, { input: { email: 'slow@example.com', password: PASSWORD } });
      expect(answer.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5000);
      api.mode = 'down';
      const down = await server.gql(REGISTER, { input: { email: 'slow@example.com', password: PASSWORD } });
      expect(down.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      api.mode = 'up';
      expect((await mutate(server, REGISTER, { email: 'slow@example.com', password: PASSWORD })).__typename).toBe('RegisterSuccess');
    },
    '1s',
  );
});
