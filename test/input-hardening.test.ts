// Hostile input: oversized, malformed, look-alike and injection-shaped values.
// Each gets a clear typed answer, writes nothing (users counted through the real store), and
// leaves the server healthy (a `me` afterwards answers). Real HTTP, a real database.
import { LOGIN, PASSWORD, REGISTER, register } from './helpers/journeys';
import { queryOf, type GraphQLResponse, type TestServer, withTestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(60_000);

let adminId: string;
const server = withTestServer();
const roomy = withTestServer({ limits: { maxBodyBytes: 2_000_000 } }); // limits.maxBodyBytes raised to 2 MB
beforeAll(async () => {
  const admin = await register(server, { email: 'admin@example.com', password: PASSWORD });
  adminId = admin.user.id;
});

const users = (on: TestServer = server) => on.database.collection('users').countDocuments();

/** The server still answers: `me` without credentials is null, without errors. */
async function expectHealthy(on: TestServer = server) {
  const me = await on.gql(graphql(`query MeId { me { id } }`));
  expect(me.status).toBe(200);
  expect(me.errors).toBeUndefined();
  expect(me.data).toEqual({ me: null });
}

/** POSTs a body exactly as given (for JSON the helper's JSON.stringify would not produce). */
async function postRaw(on: TestServer, body: string): Promise<{ status: number; body: any }> {
  const response = await fetch(on.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) };
}

function fieldErrors(response: GraphQLResponse, field = 'register') {
  expect(response.errors).toBeUndefined();
  const result = response.data[field];
  expect(result.__typename).toBe('ValidationError');
  return result.fieldErrors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
}

/** What a login answered: LoginSuccess (with whom), an error code, or a top-level error code. */
function loginOutcome(response: GraphQLResponse): string {
  if (response.errors?.length) return `error:${response.errors[0].extensions?.code ?? response.status}`;
  const result = response.data.login;
  return result.__typename === 'LoginSuccess' ? `LoginSuccess:${result.user.id}` : result.code;
}

describe('a 1 MB password', () => {
  const huge = 'correct horse '.repeat(75_000); // ~1 MB

  test('is refused by the body limit (HTTP 413 PAYLOAD_TOO_LARGE) with the default limits, and nothing is written', async () => {
    const before = await users();
    const response = await server.gql(REGISTER, { input: { email: 'huge@example.com', password: huge } });
    expect(response.status).toBe(413);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(await users()).toBe(before);
    await expectHealthy();
  });

  test('with a 2 MB body limit, reaches the password policy and is refused as TOO_LONG (4096 characters at most); a 1 MB login is just wrong', async () => {
    const before = await users(roomy);
    const response = await roomy.gql(REGISTER, { input: { email: 'huge@example.com', password: huge } });
    expect(response.status).toBe(200);
    expect(fieldErrors(response)).toEqual(['password:TOO_LONG']);
    expect(response.data.register.fieldErrors[0].message).toMatch(/4096/);
    expect(await users(roomy)).toBe(before);
    expect(loginOutcome(await roomy.gql(LOGIN, { input: { email: 'huge@example.com', password: huge } }))).toBe('INVALID_CREDENTIALS');
    await expectHealthy(roomy);
  });
});

describe('NUL bytes', () => {
  test('an email with a NUL byte is INVALID_EMAIL, and it does not log in as the account it resembles', async () => {
    const before = await users();
    const response = await server.gql(REGISTER, { input: { email: 'admin\u0000@example.com', password: PASSWORD } });
    expect(fieldErrors(response)).toEqual(['email:INVALID_EMAIL']);
    const sneaky = await server.gql(REGISTER, { input: { email: 'admin@example.com\u0000.evil.test', password: PASSWORD } });
    expect(fieldErrors(sneaky)).toEqual(['email:INVALID_EMAIL']);
    expect(await users()).toBe(before);

    for (const email of ['admin\u0000@example.com', 'admin@example.com\u0000', '\u0000admin@example.com']) {
      expect(loginOutcome(await server.gql(LOGIN, { input: { email, password: PASSWORD } }))).toBe('INVALID_CREDENTIALS');
    }
    await expectHealthy();
  });

  test('a password with a NUL byte is the whole password: what comes before the NUL does not log in', async () => {
    const password = 'correct horse\u0000battery staple';
    const registered = await register(server, { email: 'nul@example.com', password });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'nul@example.com', password: 'correct horse' } }))).toBe('INVALID_CREDENTIALS');
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'nul@example.com', password: 'correct horse battery staple' } }))).toBe('INVALID_CREDENTIALS');
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'nul@example.com', password } }))).toBe(`LoginSuccess:${registered.user.id}`);
    await expectHealthy();
  });
});

describe('lone UTF-16 surrogates (JSON "\\ud800")', () => {
  const registerBody = (email: string, password: string) =>
    `{"query":${JSON.stringify(queryOf(REGISTER))},"variables":{"input":{"email":"${email}","password":"${password}"}}}`;

  test('in an email: INVALID_EMAIL, not a 500, nothing written', async () => {
    const before = await users();
    const response = await postRaw(server, registerBody('adm\\ud800in@example.com', 'correct horse battery staple'));
    expect(response.status).toBe(200);
    expect(response.body.data.register.fieldErrors.map((e: any) => `${e.field}:${e.code}`)).toEqual(['email:INVALID_EMAIL']);
    expect(await users()).toBe(before);
    await expectHealthy();
  });

  test('in a password: a ValidationError on password (it cannot be stored as typed), not a 500, nothing written', async () => {
    const before = await users();
    const response = await postRaw(server, registerBody('surrogate@example.com', 'correct horse \\ud800 staple'));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.register.__typename).toBe('ValidationError');
    expect(response.body.data.register.fieldErrors).toEqual([{ field: 'password', code: 'INVALID_VALUE', message: 'Enter a valid value.' }]);
    expect(await users()).toBe(before);
    await expectHealthy();
  });

  test('a lone surrogate typed in place of a character does not log in to the account whose password has that character', async () => {
    // U+FFFD is what a lone surrogate turns into when encoded as UTF-8.
    const registered = await register(server, { email: 'replacement@example.com', password: 'correct horse \ufffd staple' });
    expect(registered.__typename).toBe('RegisterSuccess');
    for (const standIn of ['\\ud800', '\\udfff', '\\udbff']) {
      const response = await postRaw(
        server,
        `{"query":${JSON.stringify(queryOf(LOGIN))},"variables":{"input":{"email":"replacement@example.com","password":"correct horse ${standIn} staple"}}}`,
      );
      expect(response.status).toBe(200);
      expect(response.body.data.login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    }
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'replacement@example.com', password: 'correct horse \ufffd staple' } }))).toBe(`LoginSuccess:${registered.user.id}`);
  });

  test('in the GraphQL document itself: GRAPHQL_PARSE_FAILED, not a 500', async () => {
    // The JSON string holds the escape; the document it decodes to holds a lone surrogate inside a GraphQL string.
    const response = await postRaw(server, '{"query":"mutation { login(input: { email: \\"a@example.com\\", password: \\"x\\ud800\\" }) { __typename } }"}');
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors.map((e: any) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    await expectHealthy();
  });
});

describe('look-alike emails', () => {
  test('a Cyrillic "а" in "аdmin@example.com" is refused or becomes another account, and never logs in as admin@example.com', async () => {
    const lookalike = '\u0430dmin@example.com';
    const before = await users();
    const registered = await server.gql(REGISTER, { input: { email: lookalike, password: 'another strong passphrase' } });
    const result = registered.data.register;
    if (result.__typename === 'RegisterSuccess') {
      expect(result.user.id).not.toBe(adminId);
      expect(await users()).toBe(before + 1);
    } else {
      expect(fieldErrors(registered)).toEqual(['email:INVALID_EMAIL']);
      expect(await users()).toBe(before);
    }
    // With admin's password, the look-alike never reaches admin's account.
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: lookalike, password: PASSWORD } }))).toBe('INVALID_CREDENTIALS');
    // And admin's address does not reach the look-alike's account.
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'admin@example.com', password: 'another strong passphrase' } }))).toBe('INVALID_CREDENTIALS');
    expect(loginOutcome(await server.gql(LOGIN, { input: { email: 'admin@example.com', password: PASSWORD } }))).toBe(`LoginSuccess:${adminId}`);
  });

  test('a full-width "ａdmin@example.com" (the same address after NFKC) cannot be registered as a second admin', async () => {
    const before = await users();
    const response = await server.gql(REGISTER, { input: { email: '\uff41dmin@example.com', password: 'another strong passphrase' } });
    const codes = fieldErrors(response);
    expect(['email:ALREADY_EXISTS', 'email:INVALID_EMAIL']).toContain(codes[0]);
    expect(codes).toHaveLength(1);
    expect(await users()).toBe(before);
  });
});

describe('values of the wrong shape', () => {
  test('an object where a string is expected is a GraphQL input coercion error (HTTP 400), and nothing is written', async () => {
    const before = await users();
    const response = await server.gql(REGISTER, { input: { email: { a: 1 }, password: PASSWORD } });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].message).toMatch(/input\.email.*String cannot represent a non string value/);
    expect(await users()).toBe(before);
    await expectHealthy();
  });

  test('a MongoDB operator object ({"$gt": ""}) in place of the email is refused by coercion, never a login', async () => {
    for (const email of [{ $gt: '' }, { $ne: null }, { $regex: '.*' }, ['admin@example.com']]) {
      const response = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors![0].message).toMatch(/input\.email/);
    }
    const asRegistration = await server.gql(REGISTER, { input: { email: { $gt: '' }, password: PASSWORD } });
    expect(asRegistration.status).toBe(400);
    await expectHealthy();
  });

  test('the same operator written as a string is just a wrong email: INVALID_CREDENTIALS at login, INVALID_EMAIL at registration', async () => {
    const before = await users();
    for (const email of ['{"$gt": ""}', '{"$ne": null}', "admin@example.com' || '1'=='1"]) {
      expect(loginOutcome(await server.gql(LOGIN, { input: { email, password: PASSWORD } }))).toBe('INVALID_CREDENTIALS');
      expect(fieldErrors(await server.gql(REGISTER, { input: { email, password: PASSWORD } }))).toEqual(['email:INVALID_EMAIL']);
    }
    expect(await users()).toBe(before);
  });

  test('5000 unknown fields in one input are an error (HTTP 400), nothing is written, and the server stays healthy', async () => {
    const before = await users();
    const input: Record<string, unknown> = { email: 'fields@example.com', password: PASSWORD };
    for (let n = 0; n < 5000; n += 1) input[`field${n}`] = 'x';
    const response = await server.gql(REGISTER, { input });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors!.length).toBeGreaterThan(0);
    expect(response.errors![0].message).toMatch(/field0/);
    expect(await users()).toBe(before);
    expect(await server.store.users.findUserByLogin('fields@example.com')).toBeNull();
    await expectHealthy();

    // Written into the document instead, they exceed the token limit before anything runs.
    const literal = `mutation { register(input: { email: "fields@example.com", password: "${PASSWORD}", ${Object.keys(input).slice(2).map((k) => `${k}: "x"`).join(', ')} }) { __typename } }`;
    const inline = await server.gql(literal);
    expect(inline.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(await users()).toBe(before);
    await expectHealthy();
  });
});
