// authql inside a host's server learns the client's address from what the host has (Yoga's
// initial context, a Node/Express request), exactly as the standalone server does: the per-IP
// limits and the lockout per network hold per client. A host that gives no address gets its
// rate-limited operations refused with CLIENT_ADDRESS_UNKNOWN (never exempt, never pooled);
// forwarded addresses count only from trustProxy sources; RATE_LIMITED is HTTP 200 for a
// client that accepts application/json and 429 only for application/graphql-response+json.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { execute, parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { Auth } from '../src';
import { parseConfig } from '../src/config';
import { LOGIN, ME, PASSWORD, REGISTER } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { queryOf, startTestServer, TEST_SECRET, type Document, type TestOptions } from './helpers/server';
import { createUser } from './helpers/users';

jest.setTimeout(120_000);

const cleanup = withCleanup();
const serverWith = async (options: TestOptions) => cleanup.add(await startTestServer(options), (server) => server.close());

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const http = createServer(handler);
  cleanup.add(http, (host) => new Promise<void>((resolve) => host.close(() => resolve())));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
}

/** A host's Yoga server as the README shows it: authql's schema, auth.plugins(), the initial context passed whole. */
const hostYoga = (auth: Auth, context: (initial: { request: Request }) => unknown = (initial) => auth.context(initial)) =>
  listen(createYoga({ schema: auth.schema, plugins: auth.plugins(), context: context as never, logging: false }));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

/** POSTs an operation from a chosen local address (127.0.0.x: each is another client to the server). */
function postFrom(url: string, from: string, document: Document, variables: object = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const body = JSON.stringify({ query: queryOf(document), variables });
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const CLIENT = '127.0.0.1';
const OTHER_CLIENT = '127.0.0.2';
const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code ?? answer.body.data?.login?.code ?? answer.body.data?.register?.__typename;
const signUp = (url: string, n: number, from = CLIENT) => postFrom(url, from, REGISTER, { input: { email: `host${n}@example.com`, password: PASSWORD } });
const loginFrom = (url: string, from: string, email: string, password: string, headers?: Record<string, string>) =>
  postFrom(url, from, LOGIN, { input: { email, password } }, headers);

describe("a host's Yoga server passing Yoga's initial context to auth.context", () => {
  test('12 sign-ups from one client: the 11th and 12th are RATE_LIMITED (register limit 10/1h), as on the standalone server', async () => {
    const server = await serverWith({ rateLimits: {} });
    const url = await hostYoga(server.auth);
    const answers: string[] = [];
    for (let n = 1; n <= 12; n += 1) answers.push(codeOf(await signUp(url, n)));
    expect(answers).toEqual([...Array(10).fill('RegisterSuccess'), 'RATE_LIMITED', 'RATE_LIMITED']);
    // Another client is counted apart.
    expect(codeOf(await signUp(url, 13, OTHER_CLIENT))).toBe('RegisterSuccess');
  });

  test("ten wrong passwords from an attacker's address lock the account there only: the owner signs in from another", async () => {
    const server = await serverWith({ rateLimits: {} });
    const owner = await createUser(server, 'owner@example.com');
    const url = await hostYoga(server.auth);
    const attacker = [];
    for (let n = 1; n <= 11; n += 1) attacker.push(codeOf(await loginFrom(url, OTHER_CLIENT, owner.email, `wrong guess ${n}`)));
    expect(attacker).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
    const fromOwner = await loginFrom(url, CLIENT, owner.email, owner.password);
    expect(fromOwner.body.data.login).toMatchObject({ __typename: 'LoginSuccess', user: { email: owner.email } });
  });
});

describe('a host that gives authql no client address', () => {
  test('login is refused with CLIENT_ADDRESS_UNKNOWN naming the fix, me still works, and the log has one line', async () => {
    const warnings: string[] = [];
    const server = await serverWith({ rateLimits: {}, logger: { info: () => undefined, warn: (message) => void warnings.push(message), error: () => undefined } });
    const owner = await createUser(server, 'nameless@example.com');
    // A host that copies the headers and drops the rest of the request.
    const url = await hostYoga(server.auth, ({ request }) => server.auth.context({ headers: Object.fromEntries(request.headers) }));

    for (let n = 0; n < 3; n += 1) {
      const refused = await loginFrom(url, CLIENT, owner.email, owner.password);
      expect(refused.status).toBe(200);
      expect(refused.body.data?.login ?? null).toBeNull();
      expect(refused.body.errors).toHaveLength(1);
      expect(refused.body.errors![0].extensions?.code).toBe('CLIENT_ADDRESS_UNKNOWN');
      expect(refused.body.errors![0].message).toMatch(/could not learn the client's address: pass the host's request to auth\.context\(.*docs\/embedding\.md/);
    }
    expect(codeOf(await signUp(url, 1))).toBe('CLIENT_ADDRESS_UNKNOWN');

    const me = await postFrom(url, CLIENT, ME, {}, { authorization: `Token ${owner.token}` });
    expect(me.body).toEqual({ data: { me: expect.objectContaining({ email: owner.email }) } });

    const logged = warnings.filter((line) => line.includes("could not learn the client's address"));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain(owner.token);
  });
});

/** Checked by tsc, never run: what each kind of host has goes in without a cast. */
export function hostsTypeCheck(auth: Auth, req: ExpressRequest, res: ExpressResponse, incoming: IncomingMessage, request: Request) {
  return [auth.context(req), auth.context({ req, res }), auth.viewer({ req, res }), auth.context(incoming), auth.viewer(incoming), auth.context({ request, ip: '192.0.2.1' }), auth.context(request, { ip: null })];
}

describe('a plain node:http host passing the IncomingMessage itself to auth.context', () => {
  /** A minimal host: reads the JSON body, runs the operation with graphql's execute and the context authql makes from `req`. */
  async function nodeHost(auth: Auth): Promise<string> {
    return listen(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const result = await execute({ schema: auth.schema, document: parse(query), variableValues: variables, contextValue: await auth.context(req) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  }

  test('sign-ups are counted per client address, and the Authorization header is read from the plain headers', async () => {
    const server = await serverWith({ rateLimits: { register: { perIp: '3/1h' } } });
    // Signed up on authql's own server from 127.0.0.1: one of that client's three sign-ups.
    const owner = await createUser(server, 'plain-node@example.com');
    const url = await nodeHost(server.auth);
    const answers = [];
    for (let n = 1; n <= 3; n += 1) answers.push(codeOf(await signUp(url, n)));
    expect(answers).toEqual(['RegisterSuccess', 'RegisterSuccess', 'RATE_LIMITED']);
    expect(codeOf(await signUp(url, 4, OTHER_CLIENT))).toBe('RegisterSuccess');

    const me = await postFrom(url, CLIENT, ME, {}, { authorization: `Token ${owner.token}` });
    expect(me.body.data.me.email).toBe(owner.email);
  });
});

describe('trustProxy sources', () => {
  const LIMITS = { rateLimits: { login: { perIp: '3/1m', perAccount: '100/1m' } } };
  const guesses = async (url: string, from: string, forwarded: (n: number) => string) => {
    const answers = [];
    for (let n = 1; n <= 4; n += 1) answers.push(codeOf(await loginFrom(url, from, `x${from}-${n}@example.com`, 'wrong', { 'x-forwarded-for': forwarded(n) })));
    return answers;
  };

  test('X-Forwarded-For from a peer that is not listed is ignored (the socket address is counted); from a listed source it is used', async () => {
    const server = await serverWith({ ...LIMITS, trustProxy: ['127.0.0.2/32'] });
    const url = await hostYoga(server.auth);
    // Not a listed proxy: four different forwarded addresses are still one client.
    expect(await guesses(url, CLIENT, (n) => `198.51.100.${n}`)).toEqual([...Array(3).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
    // The listed proxy: four clients behind it, one guess each, none limited.
    expect(await guesses(url, OTHER_CLIENT, (n) => `203.0.113.${n}`)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
  });

  test("the names of Express's vocabulary work: with 'loopback', a client behind a loopback proxy is counted by its forwarded address", async () => {
    const server = await serverWith({ ...LIMITS, trustProxy: 'loopback' });
    const url = await hostYoga(server.auth);
    expect(await guesses(url, CLIENT, (n) => `203.0.113.${n}`)).toEqual(Array(4).fill('INVALID_CREDENTIALS'));
    // A forged entry in front of the proxy's own changes nothing: the walk stops at the first untrusted hop.
    expect(await guesses(url, CLIENT, (n) => `10.9.9.${n}, 198.51.100.7`)).toEqual([...Array(3).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
  });

  test('an unknown word or a bad CIDR fails at once, naming it', () => {
    const options = { mongodb: { uri: 'mongodb://127.0.0.1/x' }, secret: TEST_SECRET };
    expect(() => parseConfig({ ...options, trustProxy: ['loopbak'] })).toThrow(/loopbak/);
    expect(() => parseConfig({ ...options, trustProxy: '10.0.0.0/40' })).toThrow(/10\.0\.0\.0\/40/);
    expect(() => parseConfig({ ...options, rateLimits: { trustProxy: ['uniquelocal', '300.1.1.1'] } })).toThrow(/300\.1\.1\.1/);
    expect(parseConfig({ ...options, trustProxy: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
  });
});

describe('RATE_LIMITED over HTTP follows the media type (GraphQL over HTTP)', () => {
  const ACCEPTS: [string | null, number][] = [
    [null, 200],
    ['*/*', 200],
    ['application/json', 200],
    ['application/graphql-response+json', 429],
    ['application/json, application/graphql-response+json', 200],
    ['application/graphql-response+json, application/json', 429],
  ];

  test.each(['standalone', 'host Yoga with auth.plugins()'])('%s: 200 with code and retryAfter for application/json, 429 for graphql-response+json; Retry-After always', async (kind) => {
    const server = await serverWith({ rateLimits: { login: { perAccount: '1/1m', perIp: '100/1m' } } });
    const url = kind === 'standalone' ? server.url : await hostYoga(server.auth);
    await loginFrom(url, CLIENT, 'media@example.com', 'wrong');
    const seen = [];
    for (const [accept] of ACCEPTS) {
      const answer = await loginFrom(url, CLIENT, 'media@example.com', 'wrong', accept ? { accept } : {});
      const [error] = answer.body.errors ?? [];
      expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
      expect(answer.headers['retry-after']).toBe(String(error.extensions!.retryAfter));
      seen.push([accept, answer.status]);
    }
    expect(seen).toEqual(ACCEPTS);
  });
});
