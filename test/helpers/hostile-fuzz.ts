// The hostile-input fuzzer: seeded generators (fast-check) for every kind of malformed or
// forged HTTP request that has ever been a 500 or could authenticate, and the properties
// every answer must have: never a 5xx, never a stack trace, a source path or a database's
// error text, never the keeper's account for a credential that is not exactly the keeper's;
// and afterwards the keeper's session still answers `me`. Shared by the CI story
// (test/hostile-fuzz.test.ts, a fixed seed and a bounded count) and `npm run fuzz` (longer).
// Its documents stay strings: they are abusive on purpose (malformed, over a limit, or built at run time), not stories' typed operations.
import fc from 'fast-check';
import { httpBytes, LEAK, sendRaw, type RawAnswer } from './raw-http';

/** An account with a live session, whose credentials the forgeries start from. */
export interface Keeper {
  id: string;
  /** The session token (Authorization: Token …). */
  token: string;
  /** A JWT access token. */
  jwt: string;
}

export interface FuzzTarget {
  /** The GraphQL endpoint. */
  url: string;
  keeper: Keeper;
  /** The session cookie's name in cookie mode, else null. */
  cookieName: string | null;
}

export interface HostileRequest {
  /** The class of hostile input, for the report of a failure. */
  kind: string;
  bytes: Buffer;
  /** A credential that is not exactly one of the keeper's: it must not authenticate. */
  forged: boolean;
}

const ME = '{ me { id } }';
const VALID_DOCUMENTS = [
  ME,
  '{ __typename }',
  'query Me { me { id email isActive dateJoined } }',
  'query($id: ID!) { user(id: $id) { id email } }',
  'mutation Login($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } ... on Error { code message } } }',
  'mutation { register(input: { email: "fuzz@example.com", password: "x" }) { __typename ... on ValidationError { fieldErrors { field code } } } }',
  '{ users(first: 5, search: "a") { edges { node { id } } } }',
  'query { me { ...F } } fragment F on User { id email }',
  '{ me { id @include(if: true) } sessions { id current } }',
];
const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '!', '=', '|', '&', '@', '$', '...', '.', 'query', 'mutation', 'subscription', 'fragment', 'on',
  'me', 'id', 'user', 'login', 'input', 'email', '__typename', '__schema', '$x', 'ID', 'String!', '"s"', '"""block"""', '"\\u00e9"', '"\\uD800"',
  '"\\u{1F600}"', '1', '-0', '1.5e309', '0x1F', 'true', 'null', '#c\n', ',', '\t', '\ufeff', '\u00a0', '"unterminated', '"""open'];
const CONTROL = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff'];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
const PERCENT_JUNK = ['%', '%%', '%Z', '%ZZ', '%G0', '%0', '%E0%A4%A', '%C3', '%C3%28', '%ED%A0%80', '%F4%90%80%80', '%FF%FE', '%C0%AF', '%00', '%25', '+', '&', '=', '&&', '=='];
const GRAPHQL_PARAMETERS = ['query', 'variables', 'operationName', 'extensions'];
const CHARSETS = ['utf-16', 'UTF-16LE', 'utf-16be', 'utf-32', 'latin1', 'iso-8859-1', 'windows-1252', 'us-ascii', 'utf-7', 'ucs-2', 'shift_jis', 'bogus', '', '"utf-16"', 'utf-8, utf-16', 'utf\u00e9'];
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Percent-encodes the UTF-8 bytes of `text` (a lone surrogate becomes U+FFFD, as any client would send it). */
const percentEncode = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

const anyDocument = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...VALID_DOCUMENTS),
    // Truncations of valid operations.
    fc.tuple(fc.constantFrom(...VALID_DOCUMENTS), fc.nat()).map(([doc, n]) => doc.slice(0, n % doc.length)),
    // Random token soup.
    fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(' ')),
    // Only comments.
    fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 5 }).map((lines) => lines.map((l) => `# ${l.replace(/[\r\n]/g, ' ')}`).join('\n')),
    // Control characters and NUL bytes anywhere in a valid document.
    fc.tuple(fc.constantFrom(...VALID_DOCUMENTS), fc.nat(), fc.constantFrom(...CONTROL)).map(([doc, at, c]) => doc.slice(0, at % (doc.length + 1)) + c + doc.slice(at % (doc.length + 1))),
    // Lone surrogates inside strings, and escapes of them.
    fc.tuple(fc.constantFrom(...SURROGATES), fc.string({ maxLength: 10 }), fc.boolean()).map(([s, around, escaped]) => `{ user(id: "${around}${escaped ? `\\u${s.charCodeAt(0).toString(16)}` : s}") { id } }`),
    fc.tuple(fc.constantFrom(...SURROGATES), fc.constantFrom(...VALID_DOCUMENTS), fc.nat()).map(([s, doc, at]) => doc.slice(0, at % doc.length) + s + doc.slice(at % doc.length)),
    // Nesting from hundreds to thousands deep: lists, objects, selection sets.
    fc.tuple(fc.integer({ min: 100, max: 3000 }), fc.constantFrom('[', '{a:', '{a ', '(a:', '{ me ')).map(([depth, open]) => {
      const close = open.startsWith('[') ? ']' : open.startsWith('(') ? ')' : '}';
      return open.startsWith('{a ') || open.startsWith('{ me') ? `${open.repeat(depth)}${close.repeat(depth)}` : `{ user(id: ${open.repeat(depth)}1${close.repeat(depth)}) { id } }`;
    }),
  );

/** A JSON value, a string that is not JSON, or percent junk: for `variables` and `extensions`. */
const parameterValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.constantFrom('{not', '[1]', 'null', '"x"', '1e999', '{"__proto__":{"x":1}}', '{"input":{"email":{"$gt":""}}}', ''),
    fc.string({ maxLength: 20 }),
  );

/** A query string or form body: GraphQL parameters, repeated ones, and bad percent-encoding mixed in. */
const formEncoded = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...GRAPHQL_PARAMETERS), fc.oneof(anyDocument(), parameterValue())).map(([name, value]) => `${name}=${percentEncode(value)}`),
        fc.tuple(fc.constantFrom(...GRAPHQL_PARAMETERS, 'x', '', '__proto__'), fc.constantFrom(...PERCENT_JUNK), fc.string({ maxLength: 8 })).map(([name, junk, tail]) => `${name}=${junk}${percentEncode(tail)}`),
        fc.constantFrom(...PERCENT_JUNK),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((fields) => fields.join('&'));

const jsonBody = (document: string, variables?: unknown) => Buffer.from(JSON.stringify({ query: document, ...(variables === undefined ? {} : { variables }) }));

/** A broken (or valid) document over each transport: POST JSON, GET, application/graphql. */
const brokenDocuments = (): fc.Arbitrary<HostileRequest> =>
  fc.tuple(anyDocument(), fc.constantFrom('json', 'get', 'graphql')).map(([document, transport]) => ({
    kind: `document over ${transport}`,
    forged: false,
    bytes:
      transport === 'get'
        ? httpBytes('GET', `/graphql?query=${percentEncode(document)}`, {}, Buffer.alloc(0))
        : httpBytes('POST', '/graphql', { 'content-type': transport === 'json' ? 'application/json' : 'application/graphql' }, transport === 'json' ? jsonBody(document) : Buffer.from(document)),
  }));

/** Odd values where the operations expect strings: operators, objects, NULs, lone surrogates, ids that are almost ObjectIds. */
const oddValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom({ $gt: '' }, { $ne: null }, { $where: 'sleep(1)' }, ['a@example.com'], null, 0, true, '', 'a@example.com\u0000', '\ud800@example.com', '000000000000000000000000', 'ffffffffffffffffffffffff', '6b12df42 9512d4829e016a19', '__proto__', 'x'.repeat(5000)),
    fc.string({ maxLength: 40 }),
    fc.json({ maxDepth: 2 }).map((text) => JSON.parse(text) as unknown),
  );

const VARIABLE_OPERATIONS: [string, (value: unknown) => Record<string, unknown>][] = [
  ['mutation($input: LoginInput!) { login(input: $input) { __typename ... on Error { code } } }', (value) => ({ input: { email: value, password: value } })],
  ['mutation($input: LoginInput!) { login(input: $input) { __typename } }', (value) => ({ input: value })],
  ['query($id: ID!) { user(id: $id) { id } }', (value) => ({ id: value })],
  ['mutation($input: RegisterInput!) { register(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }', (value) => ({ input: { email: value, password: 'a long enough passphrase', firstName: value } })],
  ['mutation($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }', (value) => ({ input: { uid: value, token: value, newPassword: 'another long passphrase' } })],
  ['mutation($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on Error { code } } }', (value) => ({ input: { refresh: value } })],
  ['{ users(first: 3, after: "x", search: ".*(") { edges { node { id } } } }', () => ({})],
];

/** Valid operations with variables of the wrong shape or hostile content: they reach the use cases and the database. */
const hostileVariables = (): fc.Arbitrary<HostileRequest> =>
  fc.tuple(fc.constantFrom(...VARIABLE_OPERATIONS), oddValue()).map(([[document, variables], value]) => ({
    kind: 'hostile variables',
    forged: false,
    bytes: httpBytes('POST', '/graphql', { 'content-type': 'application/json' }, jsonBody(document, variables(value))),
  }));

const getRequests = (): fc.Arbitrary<HostileRequest> =>
  formEncoded().map((search) => ({ kind: 'GET parameters', forged: false, bytes: httpBytes('GET', `/graphql?${search.replace(/[\s#]/g, '')}`, {}, Buffer.alloc(0)) }));

const multipart = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(fc.constantFrom('operations', 'map', '0', 'query', '', 'operations"; filename="x'), fc.oneof(fc.constant(JSON.stringify({ query: '{ __typename }' })), parameterValue(), anyDocument())),
      { minLength: 0, maxLength: 4 },
    )
    .chain((parts) =>
      fc.constantFrom('--X--\r\n', '', '--X', '--Y--\r\n').map((end) => `${parts.map(([name, value]) => `--X\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')}${end}`),
    );

const formBodies = (): fc.Arbitrary<HostileRequest> =>
  fc.oneof(
    formEncoded().map((body) => ['application/x-www-form-urlencoded', body] as const),
    multipart().map((body) => ['multipart/form-data; boundary=X', body] as const),
    fc.tuple(fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unclosed'), multipart()),
    fc.oneof(anyDocument(), fc.json()).map((body) => ['text/plain', body] as const),
  ).chain(([contentType, body]) =>
    fc.constantFrom<Record<string, string>>({}, { 'x-graphql-yoga-csrf': '1' }).map((csrf) => ({ kind: `form body (${contentType.split(';')[0]})`, forged: false, bytes: httpBytes('POST', '/graphql', { 'content-type': contentType, ...csrf }, Buffer.from(body)) })),
  );

const oddCharsets = (): fc.Arbitrary<HostileRequest> =>
  fc
    .tuple(fc.constantFrom(...CHARSETS), fc.constantFrom('application/json', 'application/graphql', 'application/x-www-form-urlencoded'), fc.constantFrom('utf8', 'utf16le', 'latin1') as fc.Arbitrary<BufferEncoding>, fc.boolean())
    .map(([charset, mediaType, encoding, bom]) => {
      const text = mediaType === 'application/json' ? JSON.stringify({ query: '{ __typename }' }) : mediaType === 'application/graphql' ? '{ __typename }' : `query=${percentEncode('{ __typename }')}`;
      const body = Buffer.concat([bom ? Buffer.from('\ufeff', encoding) : Buffer.alloc(0), Buffer.from(text, encoding)]);
      return { kind: `charset "${charset}"`, forged: false, bytes: httpBytes('POST', '/graphql', { 'content-type': `${mediaType}; charset=${charset}` }, body) };
    });

/** Header text as a client could send it: printable ASCII with odd bytes, percent junk and separators. */
const headerText = (): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 12 }), fc.constantFrom(...PERCENT_JUNK, ';', ',', '=', '"', '[', ']', ':', '\t', '\u00ff', '\u0080', ' ', '::1', '99999999', '@')), { maxLength: 6 })
    .map((parts) => parts.join(''));

const malformedHeaders = (target: FuzzTarget): fc.Arbitrary<HostileRequest> => {
  const cookieNames = [target.cookieName ?? 'authql_session', `__Host-${target.cookieName ?? 'authql_session'}`, 'theme'];
  return fc
    .tuple(
      fc.oneof<fc.Arbitrary<Record<string, string>>[]>(
        headerText().map((host) => ({ host })),
        fc.tuple(fc.constantFrom(...cookieNames), headerText(), fc.nat(3)).map(([name, value, times]) => ({ cookie: Array.from({ length: times + 1 }, () => `${name}=${value}`).join('; ') })),
        headerText().map((cookie) => ({ cookie })),
        fc.tuple(fc.constantFrom('Token', 'Bearer', 'JWT', 'Basic', 'Negotiate', 'token', 'BEARER', '', 'Token  ', 'Bearer\t'), headerText()).map(([scheme, value]) => ({ authorization: `${scheme} ${value}` })),
        headerText().map((origin) => ({ origin })),
        fc.constantFrom<Record<string, string>>({ 'content-length': 'abc' }, { 'content-length': '-1' }, { 'transfer-encoding': 'chunked' }, { 'content-type': '' }, { 'content-type': ';;;' }, { accept: 'text/html' }, { accept: '' }),
      ),
      fc.constantFrom('get', 'post'),
    )
    .map(([headers, method]) => ({
      kind: `malformed ${Object.keys(headers)[0]} header`,
      forged: false,
      bytes:
        method === 'get'
          ? httpBytes('GET', `/graphql?query=${percentEncode(ME)}`, headers, Buffer.alloc(0))
          : httpBytes('POST', '/graphql', { 'content-type': 'application/json', ...headers }, jsonBody(ME)),
    }));
};

const b64Char = () => fc.constantFrom(...B64URL);

/** Alterations of a credential: truncated, extended, one character changed, one bit flipped, random. */
const altered = (credential: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat(credential.length - 1).map((n) => credential.slice(0, n)),
    fc.string({ unit: b64Char(), minLength: 1, maxLength: 4 }).map((extra) => credential + extra),
    fc.tuple(fc.nat(credential.length - 1), b64Char()).map(([at, c]) => credential.slice(0, at) + c + credential.slice(at + 1)),
    fc.tuple(fc.nat(credential.length - 1), fc.nat(7)).map(([at, bit]) => credential.slice(0, at) + String.fromCharCode(credential.charCodeAt(at) ^ (1 << bit)) + credential.slice(at + 1)),
    fc.string({ unit: b64Char(), minLength: credential.length, maxLength: credential.length }),
    // (Spaces around a header value are not part of it: HTTP strips them.)
    fc.constantFrom(credential.toUpperCase(), credential.toLowerCase(), `${credential}=`, `${credential}==`, credential.replace(/-/g, '+').replace(/_/g, '/')),
  );

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** JWTs made from the keeper's: alg none, a payload changed under the old signature, another algorithm named. */
const forgedJwts = (jwt: string): fc.Arbitrary<string> => {
  const [header, payload, signature] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return fc.oneof(
    fc.constantFrom('none', 'None', 'NONE', 'nOnE').chain((alg) => fc.constantFrom('', signature).map((sig) => `${base64url({ alg, typ: 'JWT' })}.${payload}.${sig}`)),
    fc.constantFrom('HS384', 'HS512', 'RS256', 'ES256', 'EdDSA', 'PS256').map((alg) => `${base64url({ alg, typ: 'JWT' })}.${payload}.${signature}`),
    fc
      .record({ sub: fc.oneof(fc.constant(claims.sub), fc.string({ maxLength: 24 })), exp: fc.oneof(fc.constant(claims.exp), fc.integer({ min: 0, max: 2 ** 40 })), extra: fc.boolean() })
      .map(({ sub, exp, extra }) => `${header}.${base64url({ ...claims, sub, exp, ...(extra ? { isSuperuser: true } : {}) })}.${signature}`)
      .filter((forged) => forged !== jwt),
    altered(jwt),
  );
};

/** A forged or altered credential in the Authorization header (or, in cookie mode, the cookie), asking `me`. */
const forgedCredentials = (target: FuzzTarget): fc.Arbitrary<HostileRequest> => {
  const { keeper } = target;
  const { port } = new URL(target.url);
  const host = `127.0.0.1:${port}`;
  const credential = fc.oneof(altered(keeper.token), forgedJwts(keeper.jwt), fc.string({ unit: b64Char(), minLength: 0, maxLength: 300 }));
  const carriers = ['Token', 'Bearer', 'JWT', ...(target.cookieName ? ['cookie'] : [])];
  return fc
    .tuple(credential, fc.constantFrom(...carriers))
    .filter(([value]) => value !== keeper.token && value !== keeper.jwt)
    .map(([value, carrier]) => ({
      kind: `forged credential (${carrier})`,
      forged: true,
      bytes: httpBytes(
        'POST',
        '/graphql',
        {
          host,
          'content-type': 'application/json',
          ...(carrier === 'cookie' ? { cookie: `${target.cookieName}=${encodeURIComponent(value)}`, origin: `http://${host}` } : { authorization: `${carrier} ${value}` }),
        },
        jsonBody(ME),
      ),
    }));
};

/** Every class of hostile request, in proportion. */
export function hostileRequests(target: FuzzTarget): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    { arbitrary: brokenDocuments(), weight: 4 },
    { arbitrary: hostileVariables(), weight: 2 },
    { arbitrary: getRequests(), weight: 2 },
    { arbitrary: formBodies(), weight: 2 },
    { arbitrary: oddCharsets(), weight: 1 },
    { arbitrary: malformedHeaders(target), weight: 2 },
    { arbitrary: forgedCredentials(target), weight: 3 },
  );
}

/** What is wrong with an answer, or null: a 5xx, no answer, a leak, or a forgery that authenticated. */
export function answerProblem(request: HostileRequest, answer: RawAnswer, keeper: Keeper): string | null {
  if (!Number.isInteger(answer.status)) return 'no HTTP answer';
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (LEAK.test(answer.text)) return `a stack trace, path or database error in the answer: ${answer.text.slice(0, 300)}`;
  if (answer.text.includes(keeper.id)) return `the keeper's account answered: ${answer.text.slice(0, 300)}`;
  let body: { data?: { me?: unknown } | null; errors?: { extensions?: { code?: string } }[] } | undefined;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `HTTP ${answer.status} without a JSON body: ${answer.text.slice(0, 300)}`;
  }
  if (request.forged && body?.data?.me) return `a forged credential authenticated: ${answer.text.slice(0, 300)}`;
  // A request refused before anything ran is the client's error, whatever it accepts (SPEC §4, §7).
  const refused = body && !('data' in body) && body.errors?.some((e) => CLIENT_ERRORS.has(e.extensions?.code ?? ''));
  if (refused && (answer.status < 400 || answer.status >= 500)) return `a refusal answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
  return null;
}

const CLIENT_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

export interface FuzzReport {
  requests: number;
  /** Answers by status, e.g. { 200: 120, 400: 900 }. */
  statuses: Record<number, number>;
}

/** Sends `numRuns` generated hostile requests (seeded) and throws, with the shrunk counterexample, at the first bad answer. */
export async function fuzzServer(target: FuzzTarget, options: { numRuns: number; seed: number }): Promise<FuzzReport> {
  const statuses: Record<number, number> = {};
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(hostileRequests(target), async (request) => {
      const answer = await sendRaw(target.url, request.bytes);
      requests += 1;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const problem = answerProblem(request, answer, target.keeper);
      if (problem) throw new Error(`${request.kind}: ${problem}\nrequest: ${JSON.stringify(request.bytes.toString('latin1').slice(0, 600))}`);
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  return { requests, statuses };
}

/** A GraphQL POST with optional headers, parsed. */
async function graphql(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }';
const JWT_CREATE = 'mutation($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }';

/**
 * Registers the keeper and signs it in twice: a session token and a JWT access token. In cookie
 * mode the session token comes from the Set-Cookie of login (the body carries none).
 */
export async function createKeeper(url: string, cookieName: string | null, email = 'keeper@example.com', password = 'correct horse battery staple'): Promise<Keeper> {
  const origin = new URL(url).origin;
  const registered = await graphql(url, REGISTER, { input: { email, password } }, { origin });
  const id = registered.body.data?.register?.user?.id;
  if (!id) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  const login = await graphql(url, LOGIN, { input: { email, password } }, { origin });
  const fromCookie = cookieName ? login.headers.getSetCookie().map((line) => /^(?:__Host-)?[^=]+=([^;]*)/.exec(line)?.[1]).find(Boolean) : null;
  const token = login.body.data?.login?.token ?? (fromCookie ? decodeURIComponent(fromCookie) : null);
  const jwt = (await graphql(url, JWT_CREATE, { input: { email, password } }, { origin })).body.data?.jwtCreate?.access;
  if (!token || !jwt) throw new Error(`the keeper could not sign in: ${JSON.stringify(login.body)}`);
  return { id, token, jwt };
}

/** Whom `me` answers for the keeper's session token and JWT (null: not signed in). */
export async function keeperIdentity(url: string, keeper: Keeper): Promise<{ token: string | null; jwt: string | null }> {
  const me = async (authorization: string) => (await graphql(url, ME, {}, { authorization })).body.data?.me?.id ?? null;
  return { token: await me(`Token ${keeper.token}`), jwt: await me(`Bearer ${keeper.jwt}`) };
}
