// GraphQL request limits: depth, aliases, directives, tokens and cost from
// graphql-armor, a body size limit, no batching, and introspection and GraphiQL switched off
// in production. Each abusive document goes over real HTTP to a real server; a request just
// under each limit is answered, so every refusal is the limit's doing.
// Its documents stay strings: they are abusive on purpose (malformed, over a limit, or built at run time), not stories' typed operations.
import { PASSWORD, REGISTER } from './helpers/journeys';
import { queryOf, withTestServers, type TestServer } from './helpers/server';

jest.setTimeout(60_000);

const PRODUCTION = { production: true, frontend: { domain: 'app.example.test', siteName: 'Example' } } as const;

const serverWith = withTestServers();

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function post(server: TestServer, body: string, headers: Record<string, string> = {}): Promise<Raw> {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

const query = (server: TestServer, document: string, variables?: Record<string, unknown>, token?: string) =>
  post(server, JSON.stringify({ query: document, variables }), token ? { authorization: `Token ${token}` } : {});

/** A refusal: top-level errors, all with this code, and no data. */
function expectRefused(response: Raw, code: string, message?: RegExp) {
  expect(response.body?.errors?.length).toBeGreaterThan(0);
  expect(new Set(response.body.errors.map((e: any) => e.extensions?.code))).toEqual(new Set([code]));
  expect(response.body.data ?? null).toBeNull();
  if (message) expect(response.body.errors[0].message).toMatch(message);
}

/** An answer: HTTP 200, no errors, and this data. */
function expectAnswered(response: Raw, data: Record<string, unknown>) {
  expect(response.body?.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.body.data).toEqual(data);
}

/** `me` asked n times under aliases a0, a1, …: null each time for a visitor. */
const anonymousMeTimes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, null]));

/** Introspection that names these types among the schema's. */
const typesIncluding = (...names: string[]) => ({ __schema: { types: expect.arrayContaining(names.map((name) => ({ name }))) } });

let dev: TestServer;
beforeAll(async () => {
  dev = await serverWith();
});

describe('document shape (graphql-armor)', () => {
  test('a query nested deeper than limits.maxDepth is refused with GRAPHQL_VALIDATION_FAILED', async () => {
    const server = await serverWith({ limits: { maxDepth: 3 } });
    // register and login, asked for with documents of depth 3 at most.
    const input = { email: 'deep@example.com', password: PASSWORD };
    const registered = await query(server, 'mutation ($input: RegisterInput!) { register(input: $input) { __typename } }', { input });
    expect(registered.body.data.register.__typename).toBe('RegisterSuccess');
    const loggedIn = await query(server, 'mutation ($input: LoginInput!) { login(input: $input) { ... on LoginSuccess { token } } }', { input });
    const token: string = loggedIn.body.data.login.token;
    expect(token).toBeTruthy();
    const shallow = await query(server, '{ users { edges { cursor } } }', undefined, token);
    expectAnswered(shallow, { users: { edges: [{ cursor: expect.any(String) }] } });
    const tooDeep = await query(server, '{ users { edges { node { id } } } }', undefined, token);
    expectRefused(tooDeep, 'GRAPHQL_VALIDATION_FAILED', /depth limit of 3/i);
  });

  test('16 aliases in one document are refused (15 is the limit)', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expectAnswered(await query(dev, aliases(15)), anonymousMeTimes(15));
    expectRefused(await query(dev, aliases(16)), 'GRAPHQL_VALIDATION_FAILED', /aliases limit of 15/i);
  });

  test('11 directives in one document are refused (10 is the limit), on one field or spread over several', async () => {
    const onOneField = `{ me ${Array(11).fill('@include(if: true)').join(' ')} { id } }`;
    expectRefused(await query(dev, onOneField), 'GRAPHQL_VALIDATION_FAILED');

    const spread = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me @include(if: true) { id }`).join(' ')} }`;
    expectAnswered(await query(dev, spread(10)), anonymousMeTimes(10));
    expectRefused(await query(dev, spread(11)), 'GRAPHQL_VALIDATION_FAILED', /directives limit of 10/i);
  });

  test('a document of more than 2000 tokens is refused with GRAPHQL_PARSE_FAILED', async () => {
    // 250 operations of 8 tokens each (`query Qn { me { id } }`): exactly 2000 tokens, answered.
    const operations = Array.from({ length: 250 }, (_, i) => `query Q${i} { me { id } }`).join('\n');
    const atLimit = await post(dev, JSON.stringify({ query: operations, operationName: 'Q7' }));
    expectAnswered(atLimit, { me: null });
    // `{ me { id id … } }` with 1996 ids: 2001 tokens.
    const refused = await query(dev, `{ me { ${Array(1996).fill('id').join(' ')} } }`);
    expectRefused(refused, 'GRAPHQL_PARSE_FAILED', /token limit of 2000/i);
  });

  test('a query costing more than limits.maxCost is refused with GRAPHQL_VALIDATION_FAILED', async () => {
    const server = await serverWith({ limits: { maxCost: 10 } });
    expectAnswered(await query(server, '{ me { id } }'), { me: null });
    const refused = await query(server, '{ users { edges { cursor node { id email isActive isStaff isSuperuser dateJoined lastLogin } } pageInfo { hasNextPage endCursor } } }');
    expectRefused(refused, 'GRAPHQL_VALIDATION_FAILED', /cost limit of 10/i);
  });
});

describe('the request body', () => {
  test('a body over limits.maxBodyBytes (100 kB) is refused with HTTP 413 PAYLOAD_TOO_LARGE and nothing is written', async () => {
    const server = await serverWith();
    const users = server.database.collection('users');
    // The same registration, padded with JSON whitespace: under the limit it registers, over it nothing happens.
    const registration = (email: string, size: number) => {
      const json = JSON.stringify({ query: queryOf(REGISTER), variables: { input: { email, password: PASSWORD } } });
      return json + ' '.repeat(size - Buffer.byteLength(json));
    };
    const under = await post(server, registration('under@example.com', 99_000));
    expect(under.status).toBe(200);
    expect(under.body.data.register.__typename).toBe('RegisterSuccess');

    const before = await users.countDocuments();
    const over = await post(server, registration('over@example.com', 100_001));
    expect(over.status).toBe(413);
    expect(over.body.errors.map((e: any) => e.extensions.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(over.body.data).toBeUndefined();
    expect(await users.countDocuments()).toBe(before);
    expect(await server.store.users.findUserByLogin('over@example.com')).toBeNull();
  });

  test('a body sent without Content-Length (chunked, so its size is unknown up front) is refused with 411 and nothing is written', async () => {
    const server = await serverWith();
    const body = new TextEncoder().encode(JSON.stringify({ query: queryOf(REGISTER), variables: { input: { email: 'chunked@example.com', password: PASSWORD } } }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(411);
    expect(((await response.json()) as any).errors.map((e: any) => e.extensions.code)).toEqual(['LENGTH_REQUIRED']);
    expect(await server.store.users.findUserByLogin('chunked@example.com')).toBeNull();
    expect(await server.database.collection('users').countDocuments()).toBe(0);
  });

  test('batching is off: a JSON array of two operations gets an error, not two results', async () => {
    const response = await post(dev, JSON.stringify([{ query: '{ me { id } }' }, { query: '{ a: me { id } }' }]));
    expect(Array.isArray(response.body)).toBe(false);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.body.errors.length).toBeGreaterThan(0);
    expect(response.body.data ?? null).toBeNull();
  });
});

describe('introspection and GraphiQL', () => {
  const INTROSPECTION = '{ __schema { types { name } } }';

  test('in development, introspection answers and GraphiQL is served at GET /graphql', async () => {
    const introspection = await query(dev, INTROSPECTION);
    expectAnswered(introspection, typesIncluding('User', 'LoginInput', 'ErrorCode'));

    const page = await fetch(dev.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/graphiql/i);
  });

  test('in production, introspection is refused with GRAPHQL_VALIDATION_FAILED and GET /graphql serves no GraphiQL', async () => {
    const server = await serverWith(PRODUCTION);
    const introspection = await query(server, INTROSPECTION);
    expectRefused(introspection, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
    // __typename is not introspection of the schema: clients use it for unions.
    expectAnswered(await query(server, '{ __typename me { id } }'), { __typename: 'Query', me: null });

    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(html).not.toMatch(/graphiql/i);
    expect(page.status).not.toBe(200);
  });

  test('in production an operator may turn introspection back on with introspection: true (GraphiQL stays off)', async () => {
    const server = await serverWith({ ...PRODUCTION, introspection: true });
    expectAnswered(await query(server, INTROSPECTION), typesIncluding('User', 'LoginInput', 'ErrorCode'));
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });
});
