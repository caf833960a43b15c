// Hostile HTTP: whatever a fuzzer sends (a Host that is no host, query-string parameters
// that are not JSON, a document nested thousands deep, bad percent-encoding, a malformed
// cookie), the answer is never a 5xx: a 4xx with a JSON error body, or an ordinary answer,
// never a stack trace, and the server keeps answering. Raw bytes over a socket, so that
// every header is exactly what an attacker would send, in development and in production.
// Its documents stay strings: they are abusive on purpose (malformed, over a limit, or built at run time), not stories' typed operations.
import { http, LEAK, sendRaw } from './helpers/raw-http';
import { withTestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(60_000);

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
    expect(answer.text).not.toMatch(LEAK);
    expect(answer.text).not.toContain(process.cwd());
    if ('refused' in expected) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(body.data ?? null).toBeNull();
    } else {
      expect(answer.status).toBe(200);
      expect(body).toEqual({ data: expected.data });
    }

    const alive = await server.gql(graphql(`query Typename { __typename }`));
    expect(alive.status).toBe(200);
    expect(alive.data).toEqual({ __typename: 'Query' });
  });
});

// What GraphiQL and API clients see for each kind of broken request: the status and code that
// name the problem, with Accept: application/json (what most clients send), in development
// and in production.
const form = (body: string, contentType = 'application/x-www-form-urlencoded') => http('POST', '/graphql', { 'content-type': contentType }, body);
const multipartOperationsTwice = [
  '--X',
  'Content-Disposition: form-data; name="operations"',
  '',
  '{"query":"{ __typename }"}',
  '--X',
  'Content-Disposition: form-data; name="operations"',
  '',
  '{"query":"{ me { id } }"}',
  '--X--',
  '',
].join('\r\n');

// Found by the fuzzer (seed 7): Yoga's multipart parser threw a TypeError, a 500.
const multipartMapIntoNull = [
  '--X',
  'Content-Disposition: form-data; name="operations"',
  '',
  'null',
  '--X',
  'Content-Disposition: form-data; name="map"',
  '',
  '{"query":"{ __typename }"}',
  '--X--',
  '',
].join('\r\n');

const BROKEN_DOCUMENTS: [string, string, RegExp][] = [
  ['an unclosed selection set', '{ me { id', /^Syntax Error: Expected Name, found <EOF>\./],
  ['the single word "query"', 'query', /^Syntax Error: Expected "\{", found <EOF>\./],
  ['a document that is only a comment', '# nothing to run', /^Syntax Error: Unexpected <EOF>\./],
  ['a NUL byte', '{ me\u0000 { id } }', /^Syntax Error: Unexpected character: U\+0000\./],
  ['a lone surrogate in a string', '{ user(id: "\ud800") { id } }', /^Syntax Error: Invalid character within String: U\+D800\./],
];

const MALFORMED_REQUESTS: [string, number, string, RegExp][] = [
  ['bad percent-encoding in a GET query', 400, http('GET', '/graphql?query=%7B%ZZ'), /percent-encoding/],
  ['an invalid UTF-8 escape in a GET query', 400, http('GET', '/graphql?query=%E0%A4%A'), /percent-encoding/],
  ['bad percent-encoding in a form body', 400, form('query=%ZZ'), /percent-encoding/],
  ['a form body with "query" twice', 400, form(`query=${TYPENAME}&query=${encodeURIComponent('{ me { id } }')}`), /"query" appears more than once/],
  ['a GET with "operationName" twice', 400, http('GET', `/graphql?query=${TYPENAME}&operationName=a&operationName=b`), /"operationName" appears more than once/],
  ['a multipart body with "operations" twice', 400, form(multipartOperationsTwice, 'multipart/form-data; boundary=X'), /"operations" appears more than once/],
  ['a multipart map into "operations": null', 400, form(multipartMapIntoNull, 'multipart/form-data; boundary=X'), /malformed/],
  ['a JSON body declared as charset=utf-16', 415, http('POST', '/graphql', { 'content-type': 'application/json; charset=utf-16' }, JSON.stringify({ query: '{ __typename }' })), /UTF-8/],
  ['a form body declared as charset=iso-8859-1', 415, form(`query=${TYPENAME}`, 'application/x-www-form-urlencoded; charset=iso-8859-1'), /UTF-8/],
];

describe.each([
  ['in development', {}],
  ['in production', PRODUCTION],
] as const)('broken requests %s', (_mode, options) => {
  const server = withTestServer(options);

  test.each(BROKEN_DOCUMENTS)('%s: HTTP 400 GRAPHQL_PARSE_FAILED with the parser\'s message', async (_label, document, message) => {
    const answer = await sendRaw(server.url, postJson(document));
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(body.errors[0].message).toMatch(message);
    expect(body.data).toBeUndefined();
  });

  test('the same broken document sent as a GET: HTTP 400 GRAPHQL_PARSE_FAILED', async () => {
    const answer = await sendRaw(server.url, http('GET', `/graphql?query=${encodeURIComponent('{ me { id')}`));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).errors.map((e: any) => e.extensions.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  test.each(MALFORMED_REQUESTS)('%s: HTTP %i BAD_REQUEST naming the problem, nothing runs', async (_label, status, request, message) => {
    const answer = await sendRaw(server.url, request);
    expect(answer.status).toBe(status);
    const body = JSON.parse(answer.text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors[0].message).toMatch(message);
    expect(body.data).toBeUndefined();
    expect(answer.text).not.toMatch(LEAK);
  });

  test('a body that is not JSON: HTTP 400, and the answer does not quote the body back', async () => {
    const answer = await sendRaw(server.url, http('POST', '/graphql', { 'content-type': 'application/json' }, '{"query": "{ __typename }", oops'));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  test('well-formed GET, form and UTF-8 requests are still answered', async () => {
    for (const request of [
      http('GET', `/graphql?query=${TYPENAME}`),
      form(`query=${TYPENAME}&variables=${encodeURIComponent('{}')}`),
      http('POST', '/graphql', { 'content-type': 'application/json; charset=UTF-8' }, JSON.stringify({ query: '{ __typename }' })),
    ]) {
      const answer = await sendRaw(server.url, request);
      expect({ status: answer.status, body: JSON.parse(answer.text) }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    }
  });
});
