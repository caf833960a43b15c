// JWT: jwtCreate/jwtRefresh/jwtVerify with rotating refresh tokens,
// reuse detection, refresh tokens hashed at rest, logout of token families, the sessions
// list, EdDSA/RS256 keys published as a JWKS a gateway can verify with, key rotation, and
// auth.viewer/auth.context for a host's own resolvers. Real HTTP, a real database; time
// is moved with the injected clock.
import { generateKeyPairSync } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { invalidCredentials, invalidToken } from './helpers/answers';
import { LOGIN, ME, NEW_PASSWORD, PASSWORD, login, mutate } from './helpers/journeys';
import { LogoutAllDocument, LogoutDocument, RevokeSessionDocument, SessionsDocument } from '../src/client/generated/graphql';
import { startTestServer, type GraphQLResponse, type TestServer, withTestServer, withSmtpServer } from './helpers/server';
import { member } from './helpers/users';
import { graphql } from './generated';

const JWT_CREATE = graphql(`mutation JwtJwtCreate($input: JwtCreateInput!) {
  jwtCreate(input: $input) {
    __typename
    ... on JwtCreateSuccess { access refresh }
    ... on Error { code message }
  }
}`);

const JWT_REFRESH = graphql(`mutation JwtJwtRefresh($input: JwtRefreshInput!) {
  jwtRefresh(input: $input) {
    __typename
    ... on JwtRefreshSuccess { access refresh }
    ... on AuthError { code message }
  }
}`);

const JWT_VERIFY = graphql(`mutation JwtVerify($input: JwtVerifyInput!) {
  jwtVerify(input: $input) {
    __typename
    ... on JwtVerifySuccess { ok }
    ... on AuthError { code message }
  }
}`);

const SET_PASSWORD = graphql(`mutation JwtSetPassword($input: SetPasswordInput!) {
  setPassword(input: $input) {
    __typename
    ... on SetPasswordSuccess { ok }
    ... on ValidationError { code fieldErrors { field code } }
  }
}`);

const DELETE_ME = graphql(`mutation JwtDeleteMe($input: DeleteMeInput!) {
  deleteMe(input: $input) {
    __typename
    ... on DeleteMeSuccess { ok }
    ... on ValidationError { code fieldErrors { field code } }
  }
}`);

const invalidRefresh = { __typename: 'AuthError', code: 'INVALID_REFRESH_TOKEN', message: 'Token is invalid or expired.' };
const refreshReused = { __typename: 'AuthError', code: 'REFRESH_TOKEN_REUSED', message: 'Token was already used; every token of its family has been revoked.' };
const verified = { __typename: 'JwtVerifySuccess', ok: true };
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const LOOPBACK_IP = /^(::ffff:)?127\.0\.0\.1$/;

/** The claims of a JWT, read as anyone can read them (base64url JSON), without verifying. */
function payloadOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** The same token with one character in the middle of its signature changed. */
function withTamperedSignature(jwt: string): string {
  const [header, payload, signature] = jwt.split('.');
  const i = Math.floor(signature.length / 2);
  const swapped = signature[i] === 'A' ? 'B' : 'A';
  return [header, payload, signature.slice(0, i) + swapped + signature.slice(i + 1)].join('.');
}

/** The same token, signature kept, with its payload rewritten (e.g. to claim to be someone else). */
function withTamperedPayload(jwt: string, changes: Record<string, unknown>): string {
  const [header, , signature] = jwt.split('.');
  const payload = Buffer.from(JSON.stringify({ ...payloadOf(jwt), ...changes })).toString('base64url');
  return [header, payload, signature].join('.');
}

const smtp = withSmtpServer();

async function jwtCreate(server: TestServer, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  const response = await server.gql(JWT_CREATE, { input: { email, password } }, { headers });
  expect(response.errors).toBeUndefined();
  return response.data.jwtCreate;
}

/** A member's fresh token pair (fails the test when jwtCreate does not succeed). */
async function tokens(server: TestServer, email: string, headers: Record<string, string> = {}): Promise<{ access: string; refresh: string }> {
  const created = await jwtCreate(server, email, PASSWORD, headers);
  expect(created.__typename).toBe('JwtCreateSuccess');
  return { access: created.access, refresh: created.refresh };
}

const refresh = (server: TestServer, token: string) => mutate(server, JWT_REFRESH, { refresh: token });
const verify = (server: TestServer, token: string) => mutate(server, JWT_VERIFY, { token });

/** `me` with a raw Authorization header: the user it shows, and the top-level error code if any. */
async function meAs(server: TestServer, authorization: string) {
  const response = await server.gql(ME, {}, { headers: { authorization } });
  return { me: response.data?.me ?? null, code: response.errors?.[0]?.extensions?.code ?? null };
}

const bearer = (access: string) => `Bearer ${access}`;
const signedInAs = (id: string) => ({ me: expect.objectContaining({ id }), code: null });
const refused = { me: null, code: 'UNAUTHENTICATED' };

function topLevelCodes(response: GraphQLResponse): (string | undefined)[] | undefined {
  return response.errors?.map((e) => e.extensions?.code);
}

describe('with the default options (HS256, access 5 min, refresh 1 day, rotation, 10 s reuse grace)', () => {
  /** How far the injected clock runs ahead of the real one. */
  let aheadMs = 0;
  const server = withTestServer(() => ({ clock: () => new Date(Date.now() + aheadMs) }), { smtp });
  beforeEach(() => {
    aheadMs = 0;
  });

  describe('signing in with jwtCreate', () => {
    test('a member gets an access and a refresh token, and the access token shows them in `me` as "Bearer" and as "JWT"', async () => {
      const { id } = await member(server, 'jwt.ada@example.com');
      const created = await jwtCreate(server, 'JWT.Ada@Example.com');
      expect(created).toEqual({ __typename: 'JwtCreateSuccess', access: expect.stringMatching(JWT_SHAPE), refresh: expect.stringMatching(JWT_SHAPE) });
      expect(created.access).not.toBe(created.refresh);
      expect(payloadOf(created.access)).toMatchObject({ sub: id, typ: 'access' });
      expect(payloadOf(created.access).exp - payloadOf(created.access).iat).toBe(300);
      expect(payloadOf(created.refresh)).toMatchObject({ sub: id, typ: 'refresh' });
      expect(payloadOf(created.refresh).exp - payloadOf(created.refresh).iat).toBe(86400);

      expect(await meAs(server, `Bearer ${created.access}`)).toEqual({ me: { id, email: 'jwt.ada@example.com', isActive: true, lastLogin: expect.any(String) }, code: null });
      expect(await meAs(server, `JWT ${created.access}`)).toEqual(signedInAs(id));
      // The refresh token is not an access token.
      expect(await meAs(server, bearer(created.refresh))).toEqual(refused);
    });

    test('a member whose access token is 6 minutes old is refused with UNAUTHENTICATED', async () => {
      const { id } = await member(server, 'jwt.expired@example.com');
      const { access } = await tokens(server, 'jwt.expired@example.com');
      aheadMs = 4 * 60_000;
      expect(await meAs(server, bearer(access))).toEqual(signedInAs(id));
      aheadMs = 6 * 60_000;
      expect(await meAs(server, bearer(access))).toEqual(refused);
    });

    test('someone who changes a character of the signature, or rewrites the payload to be another member, is refused with UNAUTHENTICATED', async () => {
      const { id: mallory } = await member(server, 'jwt.mallory@example.com');
      const { id: victim } = await member(server, 'jwt.victim@example.com');
      const { access } = await tokens(server, 'jwt.mallory@example.com');
      expect(await meAs(server, bearer(access))).toEqual(signedInAs(mallory));

      expect(await meAs(server, bearer(withTamperedSignature(access)))).toEqual(refused);
      expect(await meAs(server, bearer(withTamperedPayload(access, { sub: victim })))).toEqual(refused);
      expect(await meAs(server, bearer(withTamperedPayload(access, { exp: payloadOf(access).exp + 3600 })))).toEqual(refused);
      // A token "signed" with no algorithm at all.
      const [, payload] = access.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      expect(await meAs(server, bearer(none))).toEqual(refused);
    });

    test('a member who types a wrong password gets INVALID_CREDENTIALS and no tokens, as does an unknown email', async () => {
      await member(server, 'jwt.wrong@example.com');
      expect(await jwtCreate(server, 'jwt.wrong@example.com', 'not my password at all')).toEqual(invalidCredentials);
      expect(await jwtCreate(server, 'jwt.nobody@example.com')).toEqual(invalidCredentials);
    });
  });

  describe('refreshing with jwtRefresh', () => {
    test('a member exchanges their refresh token for a new access token and a new refresh token, and the new refresh token works in turn', async () => {
      const { id } = await member(server, 'jwt.rotate@example.com');
      const first = await tokens(server, 'jwt.rotate@example.com');

      const second = await refresh(server, first.refresh);
      expect(second).toEqual({ __typename: 'JwtRefreshSuccess', access: expect.stringMatching(JWT_SHAPE), refresh: expect.stringMatching(JWT_SHAPE) });
      expect(second.refresh).not.toBe(first.refresh);
      expect(second.access).not.toBe(first.access);
      expect(await meAs(server, bearer(second.access))).toEqual(signedInAs(id));
      // Still the same family (device).
      expect(payloadOf(second.refresh).fam).toBe(payloadOf(first.refresh).fam);

      const third = await refresh(server, second.refresh);
      expect(third.__typename).toBe('JwtRefreshSuccess');
      expect(third.refresh).not.toBe(second.refresh);
      expect(await meAs(server, bearer(third.access))).toEqual(signedInAs(id));
    });

    test('a stolen refresh token replayed 11 s after it was used is refused with REFRESH_TOKEN_REUSED, and the whole family is revoked', async () => {
      await member(server, 'jwt.reuse@example.com');
      const first = await tokens(server, 'jwt.reuse@example.com');
      const second = await refresh(server, first.refresh);
      expect(second.__typename).toBe('JwtRefreshSuccess');

      aheadMs = 11_000;
      expect(await refresh(server, first.refresh)).toEqual(refreshReused);
      // The legitimate holder's successor token is dead too, and so is a replay of the replay.
      expect(await refresh(server, second.refresh)).toEqual(invalidRefresh);
      expect(await refresh(server, first.refresh)).toEqual(invalidRefresh);
    });

    test('a refresh token used again inside the grace window (2 s later, a second tab) gets the same successor refresh token', async () => {
      const { id } = await member(server, 'jwt.grace@example.com');
      const first = await tokens(server, 'jwt.grace@example.com');
      const second = await refresh(server, first.refresh);
      expect(second.__typename).toBe('JwtRefreshSuccess');

      aheadMs = 2_000;
      const again = await refresh(server, first.refresh);
      expect(again).toEqual({ __typename: 'JwtRefreshSuccess', access: expect.stringMatching(JWT_SHAPE), refresh: second.refresh });
      expect(await meAs(server, bearer(again.access))).toEqual(signedInAs(id));
      // The family is intact: the shared successor still works.
      expect((await refresh(server, second.refresh)).__typename).toBe('JwtRefreshSuccess');
    });

    test('two tabs refreshing the same token at the same moment both succeed with the same refresh token, which then works', async () => {
      const { id } = await member(server, 'jwt.race@example.com');
      const first = await tokens(server, 'jwt.race@example.com');
      const [a, b] = await Promise.all([refresh(server, first.refresh), refresh(server, first.refresh)]);
      expect(a.__typename).toBe('JwtRefreshSuccess');
      expect(b.__typename).toBe('JwtRefreshSuccess');
      expect(a.refresh).toBe(b.refresh);
      expect(a.refresh).not.toBe(first.refresh);
      expect(await meAs(server, bearer(a.access))).toEqual(signedInAs(id));
      expect(await meAs(server, bearer(b.access))).toEqual(signedInAs(id));
      expect((await refresh(server, a.refresh)).__typename).toBe('JwtRefreshSuccess');
    });

    test('four tabs refreshing the same token at the same moment, as the clock ticks over a second, all get one and the same refresh token', async () => {
      const { id } = await member(server, 'jwt.race.tick@example.com');
      let token = (await tokens(server, 'jwt.race.tick@example.com')).refresh;
      for (let round = 0; round < 5; round += 1) {
        // Put the server's clock 10 ms before a full second, so the tabs' requests straddle it.
        aheadMs += 990 - ((Date.now() + aheadMs) % 1000);
        const answers = await Promise.all([1, 2, 3, 4].map(() => refresh(server, token)));
        expect(answers.map((a) => a.__typename)).toEqual(['JwtRefreshSuccess', 'JwtRefreshSuccess', 'JwtRefreshSuccess', 'JwtRefreshSuccess']);
        expect(new Set(answers.map((a) => a.refresh)).size).toBe(1);
        expect(answers[0].refresh).not.toBe(token);
        for (const answer of answers) expect(await meAs(server, bearer(answer.access))).toEqual(signedInAs(id));
        token = answers[0].refresh;
      }
      expect((await refresh(server, token)).__typename).toBe('JwtRefreshSuccess');
    });

    test('a refresh token older than a day (1 day + 1 min) is refused with INVALID_REFRESH_TOKEN', async () => {
      await member(server, 'jwt.old.refresh@example.com');
      const { refresh: token } = await tokens(server, 'jwt.old.refresh@example.com');
      aheadMs = 86_400_000 + 60_000;
      expect(await refresh(server, token)).toEqual(invalidRefresh);
    });

    test('garbage, an access token or a tampered refresh token cannot be exchanged: INVALID_REFRESH_TOKEN', async () => {
      await member(server, 'jwt.bad.refresh@example.com');
      const { access, refresh: token } = await tokens(server, 'jwt.bad.refresh@example.com');
      expect(await refresh(server, 'not-a-jwt')).toEqual(invalidRefresh);
      expect(await refresh(server, access)).toEqual(invalidRefresh);
      expect(await refresh(server, withTamperedSignature(token))).toEqual(invalidRefresh);
      // The genuine one was not spent by those attempts.
      expect((await refresh(server, token)).__typename).toBe('JwtRefreshSuccess');
    });
  });

  describe('checking a token with jwtVerify', () => {
    test('a valid access token and a valid refresh token verify', async () => {
      await member(server, 'jwt.verify@example.com');
      const { access, refresh: token } = await tokens(server, 'jwt.verify@example.com');
      expect(await verify(server, access)).toEqual(verified);
      expect(await verify(server, token)).toEqual(verified);
    });

    test('garbage, a tampered token, an expired token and a refresh token already exchanged are INVALID_TOKEN', async () => {
      await member(server, 'jwt.verify.bad@example.com');
      const { access, refresh: token } = await tokens(server, 'jwt.verify.bad@example.com');
      expect(await verify(server, 'garbage')).toEqual(invalidToken);
      expect(await verify(server, 'a.b.c')).toEqual(invalidToken);
      expect(await verify(server, withTamperedSignature(access))).toEqual(invalidToken);
      expect(await verify(server, withTamperedPayload(token, { sub: '0123456789abcdef01234567' }))).toEqual(invalidToken);

      const rotated = await refresh(server, token);
      expect(rotated.__typename).toBe('JwtRefreshSuccess');
      expect(await verify(server, token)).toEqual(invalidToken);
      expect(await verify(server, rotated.refresh)).toEqual(verified);

      aheadMs = 6 * 60_000;
      expect(await verify(server, access)).toEqual(invalidToken);
      expect(await verify(server, rotated.refresh)).toEqual(verified);
      aheadMs = 86_400_000 + 60_000;
      expect(await verify(server, rotated.refresh)).toEqual(invalidToken);
    });
  });

  test('the database keeps only hashes of refresh tokens: no stored document contains a refresh token, its id, or an access token', async () => {
    const { id } = await member(server, 'jwt.hashed@example.com');
    const first = await tokens(server, 'jwt.hashed@example.com');
    const second = await refresh(server, first.refresh);
    expect(second.__typename).toBe('JwtRefreshSuccess');

    const documents = await server.database.collection('refresh_tokens').find().toArray();
    const mine = documents.filter((d) => String(d.userId) === id);
    expect(mine).toHaveLength(2); // the used one and its successor
    const stored = JSON.stringify(documents);
    const secrets = [first.refresh, second.refresh, first.access, second.access];
    for (const jwt of secrets) {
      expect(stored).not.toContain(jwt);
      expect(stored).not.toContain(jwt.split('.')[2]); // the signature on its own
      expect(stored).not.toContain(payloadOf(jwt).jti);
    }
  });

  describe('logging out', () => {
    test('a member who logs out with an access token ends that device: its refresh token is refused, while their other device keeps refreshing', async () => {
      const { id } = await member(server, 'jwt.logout@example.com');
      const laptop = await tokens(server, 'jwt.logout@example.com');
      const phone = await tokens(server, 'jwt.logout@example.com');

      const out = await server.gql(LogoutDocument, {}, { headers: { authorization: bearer(laptop.access) } });
      expect(out.data?.logout).toEqual({ __typename: 'LogoutSuccess', ok: true });

      expect(await refresh(server, laptop.refresh)).toEqual(invalidRefresh);
      expect(await verify(server, laptop.refresh)).toEqual(invalidToken);
      const phoneNext = await refresh(server, phone.refresh);
      expect(phoneNext.__typename).toBe('JwtRefreshSuccess');
      expect(await meAs(server, bearer(phoneNext.access))).toEqual(signedInAs(id));
    });

    test('an access token whose family was ended (logout, revokeSession, logoutAll) no longer verifies: INVALID_TOKEN; one of a live family still does', async () => {
      const email = 'jwt.verify.revoked@example.com';
      await member(server, email);
      const laptop = await tokens(server, email);
      const phone = await tokens(server, email);
      const tablet = await tokens(server, email);
      expect(await verify(server, laptop.access)).toEqual(verified);

      // Logout with the laptop's access token ends its family: the laptop's access token is now refused, the others verify.
      expect((await server.gql(LogoutDocument, {}, { headers: { authorization: bearer(laptop.access) } })).data?.logout.ok).toBe(true);
      expect(await verify(server, laptop.access)).toEqual(invalidToken);
      expect(await verify(server, phone.access)).toEqual(verified);

      // The phone's family revoked from the tablet.
      const listed = (await server.gql(SessionsDocument, {}, { headers: { authorization: bearer(tablet.access) } })).data?.sessions as any[];
      const phoneId = listed.find((s) => s.kind === 'JWT' && !s.current).id;
      expect((await server.gql(RevokeSessionDocument, { input: { id: phoneId } }, { headers: { authorization: bearer(tablet.access) } })).data?.revokeSession.ok).toBe(true);
      expect(await verify(server, phone.access)).toEqual(invalidToken);
      expect(await verify(server, tablet.access)).toEqual(verified);

      // logoutAll ends the last one, the caller's own included.
      expect((await server.gql(LogoutAllDocument, {}, { headers: { authorization: bearer(tablet.access) } })).data?.logoutAll.ok).toBe(true);
      expect(await verify(server, tablet.access)).toEqual(invalidToken);
    });

    test('logoutAll ends every session and every token family and counts them (1 session + 2 families = 3)', async () => {
      const email = 'jwt.logout.all@example.com';
      const { id } = await member(server, email);
      const session = await login(server, { email, password: PASSWORD });
      const laptop = await tokens(server, email);
      const phone = await tokens(server, email);
      // A family refreshed once is still one family.
      const phoneNext = await refresh(server, phone.refresh);
      expect(phoneNext.__typename).toBe('JwtRefreshSuccess');

      const out = await server.gql(LogoutAllDocument, {}, { headers: { authorization: bearer(laptop.access) } });
      expect(out.data?.logoutAll).toEqual({ __typename: 'LogoutAllSuccess', ok: true, revoked: 3 });

      expect(await meAs(server, `Token ${session}`)).toEqual(refused);
      expect(await refresh(server, laptop.refresh)).toEqual(invalidRefresh);
      expect(await refresh(server, phoneNext.refresh)).toEqual(invalidRefresh);
      // Signing in again works.
      const again = await tokens(server, email);
      expect(await meAs(server, bearer(again.access))).toEqual(signedInAs(id));
    });

    test('a member who deletes their account with an access token loses every token: refresh tokens are refused and access tokens no longer sign in', async () => {
      const email = 'jwt.delete@example.com';
      await member(server, email);
      const session = await login(server, { email, password: PASSWORD });
      const laptop = await tokens(server, email);
      const phone = await tokens(server, email);

      const deleted = await server.gql(DELETE_ME, { input: { currentPassword: PASSWORD } }, { headers: { authorization: bearer(laptop.access) } });
      expect(deleted.data.deleteMe).toEqual({ __typename: 'DeleteMeSuccess', ok: true });

      expect(await refresh(server, laptop.refresh)).toEqual(invalidRefresh);
      expect(await refresh(server, phone.refresh)).toEqual(invalidRefresh);
      expect(await meAs(server, bearer(phone.access))).toEqual(refused);
      expect(await meAs(server, `Token ${session}`)).toEqual(refused);
      expect(await jwtCreate(server, email)).toEqual(invalidCredentials);
    });
  });

  describe('the sessions list', () => {
    test('a member signed in on a laptop (session token) and a phone (JWT) sees both devices, with `current` marking the one asking', async () => {
      const email = 'jwt.sessions@example.com';
      await member(server, email);
      const laptopLogin = await server.gql(LOGIN, { input: { email, password: PASSWORD } }, { headers: { 'user-agent': 'Laptop Browser/1.0' } });
      const session: string = laptopLogin.data.login.token;
      const phone = await tokens(server, email, { 'user-agent': 'Phone App/2.0' });

      const bySession = await server.gql(SessionsDocument, {}, { token: session });
      expect(bySession.errors).toBeUndefined();
      const list = bySession.data?.sessions as any[];
      expect(list).toHaveLength(2);
      const laptopView = list.find((s) => s.kind === 'SESSION');
      const phoneView = list.find((s) => s.kind === 'JWT');
      expect(laptopView).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        kind: 'SESSION',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
        userAgent: 'Laptop Browser/1.0',
        ip: expect.stringMatching(LOOPBACK_IP),
        current: true,
      });
      expect(phoneView).toEqual({
        id: expect.any(String),
        kind: 'JWT',
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        expiresAt: expect.any(String),
        userAgent: 'Phone App/2.0',
        ip: expect.stringMatching(LOOPBACK_IP),
        current: false,
      });
      // A session lives 30 days, a refresh token one day.
      expect(Date.parse(laptopView.expiresAt) - Date.parse(laptopView.createdAt)).toBe(30 * 86_400_000);
      expect(Date.parse(phoneView.expiresAt) - Date.parse(phoneView.createdAt)).toBeGreaterThan(86_400_000 - 2_000);
      expect(Date.parse(phoneView.expiresAt) - Date.parse(phoneView.createdAt)).toBeLessThanOrEqual(86_400_000);
      expect(Math.abs(Date.parse(laptopView.createdAt) - Date.now())).toBeLessThan(60_000);

      const byJwt = await server.gql(SessionsDocument, {}, { headers: { authorization: bearer(phone.access) } });
      expect(byJwt.errors).toBeUndefined();
      const current = Object.fromEntries((byJwt.data?.sessions as any[]).map((s) => [s.kind, s.current]));
      expect(current).toEqual({ SESSION: false, JWT: true });
      expect((byJwt.data?.sessions as any[]).map((s) => s.id).sort()).toEqual([laptopView.id, phoneView.id].sort());
    });

    test('a member revokes their laptop session from the phone, and the laptop is signed out; revoking the phone family from the laptop ends its refresh token', async () => {
      const email = 'jwt.revoke@example.com';
      const { id } = await member(server, email);
      const laptop = await login(server, { email, password: PASSWORD });
      const desktop = await login(server, { email, password: PASSWORD });
      const phone = await tokens(server, email);
      const listed = (await server.gql(SessionsDocument, {}, { token: desktop })).data?.sessions as any[];
      expect(listed).toHaveLength(3);
      const laptopId = listed.find((s) => s.kind === 'SESSION' && !s.current).id;
      const phoneId = listed.find((s) => s.kind === 'JWT').id;

      const revoked = await server.gql(RevokeSessionDocument, { input: { id: laptopId } }, { headers: { authorization: bearer(phone.access) } });
      expect(revoked.data?.revokeSession).toEqual({ __typename: 'RevokeSessionSuccess', ok: true });
      expect(await meAs(server, `Token ${laptop}`)).toEqual(refused);
      expect(await meAs(server, `Token ${desktop}`)).toEqual(signedInAs(id));
      expect(((await server.gql(SessionsDocument, {}, { token: desktop })).data?.sessions as any[]).map((s) => s.id)).not.toContain(laptopId);

      const revokedPhone = await server.gql(RevokeSessionDocument, { input: { id: phoneId } }, { token: desktop });
      expect(revokedPhone.data?.revokeSession).toEqual({ __typename: 'RevokeSessionSuccess', ok: true });
      expect(await refresh(server, phone.refresh)).toEqual(invalidRefresh);
      const remaining = (await server.gql(SessionsDocument, {}, { token: desktop })).data?.sessions as any[];
      expect(remaining.map((s) => [s.kind, s.current])).toEqual([['SESSION', true]]);
    });

    test("a member who tries to revoke another member's session gets NOT_FOUND, and that session keeps working", async () => {
      const { id: aliceId } = await member(server, 'jwt.alice@example.com');
      await member(server, 'jwt.bob@example.com');
      const alice = await login(server, { email: 'jwt.alice@example.com', password: PASSWORD });
      const alicePhone = await tokens(server, 'jwt.alice@example.com');
      const bob = await login(server, { email: 'jwt.bob@example.com', password: PASSWORD });
      const aliceSessions = (await server.gql(SessionsDocument, {}, { token: alice })).data?.sessions as any[];

      for (const target of aliceSessions) {
        const attempt = await server.gql(RevokeSessionDocument, { input: { id: target.id } }, { token: bob });
        expect(attempt.data?.revokeSession ?? null).toBeNull();
        expect(topLevelCodes(attempt)).toEqual(['NOT_FOUND']);
      }
      const madeUp = await server.gql(RevokeSessionDocument, { input: { id: 'not-an-id' } }, { token: bob });
      expect(topLevelCodes(madeUp)).toEqual(['NOT_FOUND']);

      expect(await meAs(server, `Token ${alice}`)).toEqual(signedInAs(aliceId));
      expect((await refresh(server, alicePhone.refresh)).__typename).toBe('JwtRefreshSuccess');
    });

    test('a visitor without credentials cannot list sessions: UNAUTHENTICATED', async () => {
      const anonymous = await server.gql(SessionsDocument);
      expect(anonymous.data?.sessions ?? null).toBeNull();
      expect(topLevelCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
      const madeUp = await server.gql(SessionsDocument, {}, { token: 'A'.repeat(43) });
      expect(topLevelCodes(madeUp)).toEqual(['UNAUTHENTICATED']);
    });
  });

  test('with HS256 there is no public key to publish: /.well-known/jwks.json answers 404', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', server.url));
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});

describe('with jwt.rotate off', () => {
  const server = withTestServer({ jwt: { rotate: false } }, { smtp });

  test('a member refreshes again and again with the same refresh token, which keeps working', async () => {
    const { id } = await member(server, 'norotate@example.com');
    const { refresh: token } = await tokens(server, 'norotate@example.com');
    for (let i = 0; i < 3; i += 1) {
      const next = await refresh(server, token);
      expect(next).toEqual({ __typename: 'JwtRefreshSuccess', access: expect.stringMatching(JWT_SHAPE), refresh: token });
      expect(await meAs(server, bearer(next.access))).toEqual(signedInAs(id));
    }
    expect(await verify(server, token)).toEqual(verified);
  });
});

describe('with logoutOnPasswordChange on', () => {
  const server = withTestServer({ logoutOnPasswordChange: true }, { smtp });

  test('a member who changes their password with an access token loses every refresh-token family and session', async () => {
    const email = 'jwt.setpassword@example.com';
    await member(server, email);
    const session = await login(server, { email, password: PASSWORD });
    const laptop = await tokens(server, email);
    const phone = await tokens(server, email);

    const changed = await server.gql(SET_PASSWORD, { input: { newPassword: NEW_PASSWORD, currentPassword: PASSWORD } }, { headers: { authorization: bearer(laptop.access) } });
    expect(changed.data.setPassword).toEqual({ __typename: 'SetPasswordSuccess', ok: true });

    expect(await refresh(server, laptop.refresh)).toEqual(invalidRefresh);
    expect(await refresh(server, phone.refresh)).toEqual(invalidRefresh);
    expect(await meAs(server, `Token ${session}`)).toEqual(refused);
    expect((await jwtCreate(server, email, NEW_PASSWORD)).__typename).toBe('JwtCreateSuccess');
  });
});

describe('with EdDSA and RS256 keys', () => {
  const ed25519 = () => generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  const rsa = () =>
    generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

  async function jwksOf(server: TestServer): Promise<{ status: number; contentType: string | null; body: any }> {
    const response = await fetch(new URL('/.well-known/jwks.json', server.url));
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
  }

  test.each([
    ['EdDSA', ed25519, { kty: 'OKP', crv: 'Ed25519' }],
    ['RS256', rsa, { kty: 'RSA' }],
  ] as const)('with an %s key, a gateway verifies access tokens on its own with the published JWKS', async (alg, makeKey, shape) => {
    const server = await startTestServer({ jwt: { keys: [{ alg, privateKey: makeKey() }] } }, { smtp });
    try {
      const jwks = await jwksOf(server);
      expect(jwks.status).toBe(200);
      expect(jwks.contentType).toContain('application/json');
      expect(jwks.body.keys).toHaveLength(1);
      const [key] = jwks.body.keys;
      expect(key).toMatchObject({ ...shape, kid: expect.any(String), alg, use: 'sig' });
      for (const privatePart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(privatePart);

      const { id } = await member(server, `gateway.${alg.toLowerCase()}@example.com`);
      const { access, refresh: token } = await tokens(server, `gateway.${alg.toLowerCase()}@example.com`);
      expect(decodeProtectedHeader(access)).toMatchObject({ alg, kid: key.kid });
      expect(await meAs(server, bearer(access))).toEqual(signedInAs(id));

      // The gateway: only the JWKS URL, no call to authql's GraphQL API.
      const keySet = createRemoteJWKSet(new URL('/.well-known/jwks.json', new URL(server.url).origin));
      const { payload, protectedHeader } = await jwtVerify(access, keySet, { issuer: 'authql', algorithms: [alg] });
      expect(payload).toMatchObject({ sub: id, typ: 'access' });
      expect(protectedHeader.kid).toBe(key.kid);
      await expect(jwtVerify(withTamperedPayload(access, { sub: '0123456789abcdef01234567' }), keySet, { issuer: 'authql' })).rejects.toThrow();

      // Refreshing works with keys too.
      const next = await refresh(server, token);
      expect(next.__typename).toBe('JwtRefreshSuccess');
      expect((await jwtVerify(next.access, keySet, { issuer: 'authql' })).payload.sub).toBe(id);
    } finally {
      await server.close();
    }
  });

  test('after a key rotation (new key first, old key kept), old tokens still sign in, new tokens carry the new kid, and both keys are published', async () => {
    const key1 = ed25519();
    const key2 = ed25519();
    const before = await startTestServer({ jwt: { keys: [{ alg: 'EdDSA', privateKey: key1 }] } }, { smtp });
    let after: TestServer | null = null;
    try {
      const { id } = await member(before, 'rotation@example.com');
      const old = await tokens(before, 'rotation@example.com');
      const kid1 = (await jwksOf(before)).body.keys[0].kid;
      expect(decodeProtectedHeader(old.access).kid).toBe(kid1);

      after = await startTestServer({ jwt: { keys: [{ alg: 'EdDSA', privateKey: key2 }, { alg: 'EdDSA', privateKey: key1 }] } }, { smtp, dbName: before.dbName });
      const published = (await jwksOf(after)).body.keys as { kid: string }[];
      expect(published).toHaveLength(2);
      const kid2 = published[0].kid;
      expect(kid2).not.toBe(kid1);
      expect(published.map((k) => k.kid)).toEqual([kid2, kid1]);

      expect(await meAs(after, bearer(old.access))).toEqual(signedInAs(id));
      const fresh = await tokens(after, 'rotation@example.com');
      expect(decodeProtectedHeader(fresh.access).kid).toBe(kid2);
      expect(decodeProtectedHeader(fresh.refresh).kid).toBe(kid2);
      expect(await meAs(after, bearer(fresh.access))).toEqual(signedInAs(id));
      // The old refresh token is exchanged for one signed with the new key.
      const rolled = await refresh(after, old.refresh);
      expect(rolled.__typename).toBe('JwtRefreshSuccess');
      expect(decodeProtectedHeader(rolled.refresh).kid).toBe(kid2);

      // A gateway reading the new JWKS accepts both generations.
      const keySet = createRemoteJWKSet(new URL('/.well-known/jwks.json', new URL(after.url).origin));
      expect((await jwtVerify(old.access, keySet, { issuer: 'authql' })).payload.sub).toBe(id);
      expect((await jwtVerify(fresh.access, keySet, { issuer: 'authql' })).payload.sub).toBe(id);
      // The server that only knows key1 does not accept tokens signed with key2.
      expect(await meAs(before, bearer(fresh.access))).toEqual(refused);
    } finally {
      await after?.close();
      await before.close();
    }
  });
});

describe("auth.viewer and auth.context, for a host's own resolvers (cookie mode on)", () => {
  const server = withTestServer({ cookies: { enabled: true } }, { smtp });

  test('a host learns who is calling from a session token, a JWT access token and the session cookie alike; a garbage token is nobody', async () => {
    const email = 'viewer@example.com';
    const { id } = await member(server, email);
    const loggedIn = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(loggedIn.data.login).toMatchObject({ __typename: 'LoginSuccess', token: null });
    const setCookie = loggedIn.headers.get('set-cookie') ?? '';
    const cookie = /^(authql_session=[^;]+)/.exec(setCookie)?.[1];
    expect(cookie).toMatch(/^authql_session=[A-Za-z0-9_-]{43}$/);
    const sessionToken = decodeURIComponent(cookie!.split('=')[1]);
    const { access } = await tokens(server, email);

    const host = 'http://gateway.example.test/graphql';
    const requests = {
      'session token': new Request(host, { headers: { authorization: `Token ${sessionToken}` } }),
      'JWT access token': new Request(host, { headers: { authorization: `Bearer ${access}` } }),
      // An https or non-loopback host names its Secure cookie with the __Host- prefix.
      cookie: new Request(host, { headers: { cookie: `theme=dark; __Host-${cookie}` } }),
    };
    for (const [label, request] of Object.entries(requests)) {
      const viewer = await server.auth.viewer(request);
      expect({ label, id: viewer?.id, email: viewer?.email }).toEqual({ label, id, email });
      expect(viewer).not.toHaveProperty('passwordHash');
      expect((await server.auth.viewer({ request }))?.id).toBe(id);
      const context = await server.auth.context(request);
      expect({ label, id: (await context.authql.caller())?.user.id }).toEqual({ label, id });
    }

    const garbage = [
      new Request(host, { headers: { authorization: 'Bearer garbage' } }),
      new Request(host, { headers: { authorization: `Bearer ${withTamperedSignature(access)}` } }),
      new Request(host, { headers: { cookie: '__Host-authql_session=garbage' } }),
    ];
    for (const request of garbage) {
      expect(await server.auth.viewer(request)).toBeNull();
      const context = await server.auth.context(request);
      await expect(context.authql.caller()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
    expect(await server.auth.viewer(new Request(host))).toBeNull();
    expect(await (await server.auth.context(new Request(host))).authql.caller()).toBeNull();
  });
});
