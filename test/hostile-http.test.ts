// Hostile HTTP: whatever a fuzzer sends (a Host that is no host, query-string parameters
// that are not JSON, a document nested thousands deep, bad percent-encoding, a malformed
// cookie), the answer is never a 5xx: a 4xx with a JSON error body, or an ordinary answer,
// never a stack trace, and the server keeps answering. Raw bytes over a socket, so that
// every header is exactly what an attacker would send, in development and in production.
import { connect } from 'node:net';
import { withTestServer } from './helpers/server';

jest.setTimeout(60_000);

interface RawAnswer {
  status: number;
  headers: Map<string, string>;
  text: string;
}

/** Sends the bytes as they are and reads the answer until the server closes the connection. */
function sendRaw(url: string, request: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.end(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      let text = raw.slice(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') text = unchunk(text);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text });
    });
  });
}

function unchunk(body: string): string {
  let out = '';
  for (let at = 0; ; ) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!size) return out;
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

/** One HTTP/1.1 request; `host` and every header are sent exactly as given. */
function http(method: string, target: string, headers: Record<string, string> = {}, body = ''): string {
  const all = { host: '127.0.0.1', accept: 'application/json', connection: 'close', ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers };
  return `${method} ${target} HTTP/1.1\r\n${Object.entries(all).map(([name, value]) => `${name}: ${value}`).join('\r\n')}\r\n\r\n${body}`;
}

const postJson = (query: string, headers: Record<string, string> = {}) =>
  http('POST', '/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify({ query }));
const TYPENAME = encodeURIComponent('{ __typename }');
const MALFORMED_COOKIE = 'authql_session=%E0%A4%A';
const nestedList = (depth: number) => `{ user(id: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { id } }`;

type Expected = { refused: true } | { data: unknown };
const REFUSED = { refused: true } as const;

const HOSTILE: [string, string, Expected][] = [
  ['a Host header with a space in it', postJson('{ __typename }', { host: 'a b' }), REFUSED],
  ['an unclosed IPv6 Host', http('GET', `/graphql?query=${TYPENAME}`, { host: '[::1' }), REFUSED],
  ['a percent-encoded Host', http('GET', `/graphql?query=${TYPENAME}`, { host: '%ZZ' }), REFUSED],
  ['an IPv4 Host out of range', http('GET', `/graphql?query=${TYPENAME}`, { host: '999.999.999.999' }), REFUSED],
  ['a Host port out of range', http('GET', `/graphql?query=${TYPENAME}`, { host: '127.0.0.1:99999999' }), REFUSED],
  ['the JWKS document asked for with a malformed Host', http('GET', '/.well-known/jwks.json', { host: 'a b' }), REFUSED],
  ['GET variables that are not JSON', http('GET', `/graphql?query=${TYPENAME}&variables={not`), REFUSED],
  ['GET extensions that are not JSON', http('GET', `/graphql?query=${TYPENAME}&extensions={not`), REFUSED],
  ['GET variables with bad percent-encoding', http('GET', `/graphql?query=${TYPENAME}&variables=%ZZ`), REFUSED],
  ['form-encoded variables that are not JSON', http('POST', '/graphql', { 'content-type': 'application/x-www-form-urlencoded' }, `query=${TYPENAME}&variables={not`), REFUSED],
  ['a path with bad percent-encoding', http('GET', `/graphql%ZZ?query=${TYPENAME}`), REFUSED],
  ['a list literal nested 5,000 deep', postJson(nestedList(5000)), REFUSED],
  ['an object literal nested 5,000 deep', postJson(`{ user(id: ${'{a:'.repeat(5000)}1${'}'.repeat(5000)}) { id } }`), REFUSED],
  ['selection sets nested 5,000 deep', postJson(`${'{a'.repeat(5000)}${'}'.repeat(5000)}`), REFUSED],
  ['a GET query nested 2,000 deep', http('GET', `/graphql?query=${encodeURIComponent(nestedList(2000))}`), REFUSED],
  ['a Content-Length that is not a number', 'POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: abc\r\n\r\n', REFUSED],
  ['a malformed session cookie on { __typename }', postJson('{ __typename }', { cookie: MALFORMED_COOKIE }), { data: { __typename: 'Query' } }],
  ['a malformed session cookie on me (no cookie: null)', postJson('{ me { id } }', { cookie: MALFORMED_COOKIE }), { data: { me: null } }],
  ['a malformed session cookie on a GET', http('GET', `/graphql?query=${TYPENAME}`, { cookie: `theme=dark; ${MALFORMED_COOKIE}` }), { data: { __typename: 'Query' } }],
];

const PRODUCTION = { production: true, frontend: { domain: 'app.example.test', siteName: 'Example' } } as const;
const COOKIES = { cookies: { enabled: true } } as const;

describe.each([
  ['in development', {}],
  ['in production', PRODUCTION],
  ['in development, cookie mode', COOKIES],
  ['in production, cookie mode', { ...PRODUCTION, ...COOKIES }],
] as const)('%s', (_mode, options) => {
  const server = withTestServer(options);

  test.each(HOSTILE)('%s: no 5xx, a JSON body, no stack trace, and the server answers afterwards', async (_label, request, expected) => {
    const answer = await sendRaw(server.url, request);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const body = JSON.parse(answer.text);
    expect(answer.text).not.toMatch(/\bat .*:\d+:\d+|node_modules|node:internal|"stack"/);
    expect(answer.text).not.toContain(process.cwd());
    if ('refused' in expected) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(body.data ?? null).toBeNull();
    } else {
      expect(answer.status).toBe(200);
      expect(body).toEqual({ data: expected.data });
    }

    const alive = await server.gql('{ __typename }');
    expect(alive.status).toBe(200);
    expect(alive.data).toEqual({ __typename: 'Query' });
  });
});
