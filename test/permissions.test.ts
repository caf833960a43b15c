// Who may list, view, update and delete whom (user, users, updateUser, deleteUser):
// djoser's rules, as a table, against two real servers — hideUsers on and off.
import { randomBytes } from 'node:crypto';
import { ACTIVATE, LOGIN, loginAnswer, registerAndActivate } from './helpers/journeys';
import { withResource } from './helpers/resources';
import { startTestServer, type GraphQLResponse, type TestServer, withTestServer } from './helpers/server';
import { createStaff, createSuperuser, createUser, uniquePassword, type TestUser } from './helpers/users';
import { graphql } from './generated';
import { graphqlUserFields } from './generated/user-fields';

jest.setTimeout(60_000);

const USER_FIELDS = { firstName: { type: 'string' as const } };

const LIST = graphql(`query PermissionsUsers($first: Int, $after: String) {
  users(first: $first, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } }
}`);
const VIEW = graphqlUserFields(`query User($id: ID!) { user(id: $id) { id email firstName isActive isStaff isSuperuser } }`);
const UPDATE_USER = graphqlUserFields(`mutation PermissionsUpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) {
    __typename
    ... on UpdateUserSuccess { user { id email firstName isActive isStaff isSuperuser } }
    ... on ValidationError { code fieldErrors { field code message } }
  }
}`);
const DELETE_USER = graphql(`mutation PermissionsDeleteUser($input: DeleteUserInput!) {
  deleteUser(input: $input) {
    __typename
    ... on DeleteUserSuccess { ok }
    ... on ValidationError { code fieldErrors { field code message } }
  }
}`);
const ME = graphqlUserFields(`query Me { me { id email firstName isActive isStaff isSuperuser } }`);
const JWT_CREATE = graphql(`mutation PermissionsJwtCreate($input: JwtCreateInput!) {
  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } }
}`);
const JWT_REFRESH = graphql(`mutation PermissionsJwtRefresh($input: JwtRefreshInput!) {
  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code message } }
}`);

type CallerName = 'anonymous' | 'self' | 'other user' | 'staff' | 'superuser';
type Operation = 'list users' | 'view the user' | 'update firstName' | 'set isActive' | 'set isStaff' | 'set isSuperuser' | 'delete the user';
/** What the caller gets: the operation works, a list of only themselves or of everyone, or a top-level error code. */
type Outcome = 'allowed' | 'only themselves' | 'everyone' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND';

// The target of every operation is a fresh user; "self" is that user calling about themselves.
// prettier-ignore
const MATRIX: [CallerName, Operation, Outcome, Outcome][] = [
  // caller        operation           hideUsers on        hideUsers off
  ['anonymous',   'list users',       'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'view the user',    'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'update firstName', 'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'set isActive',     'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'set isStaff',      'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'set isSuperuser',  'UNAUTHENTICATED',  'UNAUTHENTICATED'],
  ['anonymous',   'delete the user',  'UNAUTHENTICATED',  'UNAUTHENTICATED'],

  ['self',        'list users',       'only themselves',  'everyone'],
  ['self',        'view the user',    'allowed',          'allowed'],
  ['self',        'update firstName', 'allowed',          'allowed'],
  ['self',        'set isActive',     'FORBIDDEN',        'FORBIDDEN'],
  ['self',        'set isStaff',      'FORBIDDEN',        'FORBIDDEN'],
  ['self',        'set isSuperuser',  'FORBIDDEN',        'FORBIDDEN'],
  ['self',        'delete the user',  'allowed',          'allowed'],

  ['other user',  'list users',       'only themselves',  'everyone'],
  ['other user',  'view the user',    'NOT_FOUND',        'FORBIDDEN'],
  ['other user',  'update firstName', 'NOT_FOUND',        'FORBIDDEN'],
  ['other user',  'set isActive',     'NOT_FOUND',        'FORBIDDEN'],
  ['other user',  'set isStaff',      'NOT_FOUND',        'FORBIDDEN'],
  ['other user',  'set isSuperuser',  'NOT_FOUND',        'FORBIDDEN'],
  ['other user',  'delete the user',  'FORBIDDEN',        'FORBIDDEN'],

  ['staff',       'list users',       'everyone',         'everyone'],
  ['staff',       'view the user',    'allowed',          'allowed'],
  ['staff',       'update firstName', 'allowed',          'allowed'],
  ['staff',       'set isActive',     'allowed',          'allowed'],
  ['staff',       'set isStaff',      'FORBIDDEN',        'FORBIDDEN'],
  ['staff',       'set isSuperuser',  'FORBIDDEN',        'FORBIDDEN'],
  ['staff',       'delete the user',  'allowed',          'allowed'],

  ['superuser',   'list users',       'everyone',         'everyone'],
  ['superuser',   'view the user',    'allowed',          'allowed'],
  ['superuser',   'update firstName', 'allowed',          'allowed'],
  ['superuser',   'set isActive',     'allowed',          'allowed'],
  ['superuser',   'set isStaff',      'allowed',          'allowed'],
  ['superuser',   'set isSuperuser',  'allowed',          'allowed'],
  ['superuser',   'delete the user',  'allowed',          'allowed'],
];

interface Site {
  server: TestServer;
  other: TestUser;
  staff: TestUser;
  superuser: TestUser;
  /** Everyone on the site who has not been deleted, by id. */
  everyone: Set<string>;
}

async function openSite(hideUsers: boolean): Promise<Site> {
  const server = await startTestServer({ hideUsers, userFields: USER_FIELDS, rateLimits: false });
  const other = await createUser(server, 'olga@example.com', { fields: { firstName: 'Olga' } });
  const staff = await createStaff(server, 'stan@example.com');
  const superuser = await createSuperuser(server, 'sue@example.com');
  return { server, other, staff, superuser, everyone: new Set([other.id, staff.id, superuser.id]) };
}

const closeSite = (site: Site) => site.server.close();
const sites: Record<'on' | 'off', Site> = {
  on: withResource('the site with hideUsers', () => openSite(true), closeSite),
  off: withResource('the site without hideUsers', () => openSite(false), closeSite),
};

const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** Every user the caller can list, following the pages to the end. */
async function listAll(server: TestServer, token: string | undefined): Promise<GraphQLResponse | string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const response: GraphQLResponse = await server.gql(LIST, { first: 100, after }, { token });
    if (response.errors) return response;
    ids.push(...response.data.users.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!response.data.users.pageInfo.hasNextPage) return ids;
    after = response.data.users.pageInfo.endCursor;
  }
  throw new Error('more than 20 pages');
}

/** The target as the site's superuser sees it. */
async function observe(site: Site, id: string): Promise<GraphQLResponse> {
  return site.server.gql(VIEW, { id }, { token: site.superuser.token });
}

function perform(site: Site, operation: Operation, target: TestUser, caller: TestUser | null): Promise<GraphQLResponse | string[]> {
  const { server } = site;
  const token = caller?.token;
  switch (operation) {
    case 'list users':
      return listAll(server, token);
    case 'view the user':
      return server.gql(VIEW, { id: target.id }, { token });
    case 'update firstName':
      return server.gql(UPDATE_USER, { input: { id: target.id, firstName: 'Renamed' } }, { token });
    case 'set isActive':
      return server.gql(UPDATE_USER, { input: { id: target.id, isActive: false } }, { token });
    case 'set isStaff':
      return server.gql(UPDATE_USER, { input: { id: target.id, isStaff: true } }, { token });
    case 'set isSuperuser':
      return server.gql(UPDATE_USER, { input: { id: target.id, isSuperuser: true } }, { token });
    case 'delete the user':
      // Always the caller's own password (anonymous callers have none: any password).
      return server.gql(DELETE_USER, { input: { id: target.id, currentPassword: caller?.password ?? target.password } }, { token });
  }
}

/** The target is exactly as it was made: it exists, is unchanged, and can still sign in. */
async function expectUntouched(site: Site, target: TestUser) {
  const seen = await observe(site, target.id);
  expect(seen.errors).toBeUndefined();
  expect(seen.data.user).toEqual({ id: target.id, email: target.email, firstName: 'Tess', isActive: true, isStaff: false, isSuperuser: false });
  const me = await site.server.gql(ME, {}, { token: target.token });
  expect(me.data.me.id).toBe(target.id);
}

async function expectAllowed(site: Site, operation: Operation, target: TestUser, response: GraphQLResponse) {
  expect(response.errors).toBeUndefined();
  const { server } = site;
  switch (operation) {
    case 'view the user':
      expect(response.data.user).toEqual({ id: target.id, email: target.email, firstName: 'Tess', isActive: true, isStaff: false, isSuperuser: false });
      return;
    case 'update firstName':
      expect(response.data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id: target.id, firstName: 'Renamed' } });
      expect((await server.gql(ME, {}, { token: target.token })).data.me).toMatchObject({ id: target.id, firstName: 'Renamed' });
      return;
    case 'set isActive': {
      expect(response.data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id: target.id, isActive: false } });
      expect((await observe(site, target.id)).data.user.isActive).toBe(false);
      const me = await server.gql(ME, {}, { token: target.token });
      expect(code(me)).toBe('UNAUTHENTICATED');
      return;
    }
    case 'set isStaff':
    case 'set isSuperuser': {
      const flag = operation === 'set isStaff' ? 'isStaff' : 'isSuperuser';
      expect(response.data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id: target.id, [flag]: true } });
      expect((await server.gql(ME, {}, { token: target.token })).data.me).toMatchObject({ id: target.id, [flag]: true });
      return;
    }
    case 'delete the user': {
      expect(response.data.deleteUser).toEqual({ __typename: 'DeleteUserSuccess', ok: true });
      site.everyone.delete(target.id);
      expect(code(await observe(site, target.id))).toBe('NOT_FOUND');
      const again = await server.gql(LOGIN, { input: { email: target.email, password: target.password } });
      expect(again.data.login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
      return;
    }
    default:
      throw new Error(`no check for ${operation}`);
  }
}

const CALLER_PHRASE: Record<CallerName, string> = {
  anonymous: 'an anonymous visitor',
  self: 'a user acting on their own account',
  'other user': 'another (non-staff) user',
  staff: 'a staff member',
  superuser: 'a superuser',
};

const cases = MATRIX.flatMap(([caller, operation, on, off]) =>
  (['on', 'off'] as const).map((hideUsers) => {
    const expected = hideUsers === 'on' ? on : off;
    return { hideUsers, caller, operation, expected, story: `with hideUsers ${hideUsers}, ${CALLER_PHRASE[caller]} who tries to ${operation} gets: ${expected}` };
  }),
);

let serial = 0;

test.each(cases)('$story', async ({ hideUsers, caller: callerName, operation, expected }) => {
  const site = sites[hideUsers];
  const email = `tess${++serial}-${hideUsers}@example.com`;
  const target = await createUser(site.server, email, { fields: { firstName: 'Tess' } });
  site.everyone.add(target.id);
  const caller: TestUser | null = {
    anonymous: null,
    self: target,
    'other user': site.other,
    staff: site.staff,
    superuser: site.superuser,
  }[callerName];

  const result = await perform(site, operation, target, caller);

  if (expected === 'only themselves' || expected === 'everyone') {
    expect(Array.isArray(result) ? result : (result as GraphQLResponse).errors).toEqual(
      expected === 'everyone' ? [...site.everyone] : [caller!.id],
    );
    return;
  }
  const response = result as GraphQLResponse;
  if (expected === 'allowed') {
    await expectAllowed(site, operation, target, response);
    return;
  }
  expect(code(response)).toBe(expected);
  expect(response.errors).toHaveLength(1);
  await expectUntouched(site, target);
});

describe('an id that belongs to no one (a valid ObjectId)', () => {
  // prettier-ignore
  const GHOST: [CallerName, Operation, Outcome][] = [
    // caller        operation           outcome (either hideUsers)
    ['staff',       'view the user',    'NOT_FOUND'],
    ['staff',       'update firstName', 'NOT_FOUND'],
    ['staff',       'set isActive',     'NOT_FOUND'],
    ['staff',       'delete the user',  'NOT_FOUND'],
    ['other user',  'view the user',    'NOT_FOUND'],
    ['other user',  'update firstName', 'NOT_FOUND'],
    // Deleting someone else is refused before anyone is looked up: no way to probe ids.
    ['other user',  'delete the user',  'FORBIDDEN'],
  ];
  const ghostCases = GHOST.flatMap(([caller, operation, expected]) =>
    (['on', 'off'] as const).map((hideUsers) => ({ hideUsers, caller, operation, expected, story: `with hideUsers ${hideUsers}, ${CALLER_PHRASE[caller]} who tries to ${operation} gets: ${expected}` })),
  );

  test.each(ghostCases)('$story', async ({ hideUsers, caller: callerName, operation, expected }) => {
    const site = sites[hideUsers];
    const caller = callerName === 'staff' ? site.staff : site.other;
    const ghost: TestUser = { id: randomBytes(12).toString('hex'), email: 'ghost@example.com', password: 'x', token: 'x' };
    const response = (await perform(site, operation, ghost, caller)) as GraphQLResponse;
    expect(response.data?.user ?? response.data?.updateUser ?? response.data?.deleteUser ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(code(response)).toBe(expected);
  });
});

describe('deleting a user', () => {
  test("staff who type the user's password instead of their own are told their password is wrong, and the user stays", async () => {
    const site = sites.on;
    const target = await createUser(site.server, 'kept@example.com', { fields: { firstName: 'Tess' } });
    site.everyone.add(target.id);
    const response = await site.server.gql(DELETE_USER, { input: { id: target.id, currentPassword: target.password } }, { token: site.staff.token });
    expect(response.errors).toBeUndefined();
    expect(response.data.deleteUser).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'currentPassword', code: 'INVALID_PASSWORD', message: 'Invalid password.' }],
    });
    await expectUntouched(site, target);
  });

  test.each([
    ['a staff member', 'staff'],
    ['the user themselves', 'self'],
  ] as const)('when %s deletes an account, its sessions, access tokens and refresh tokens stop working', async (_who, who) => {
    const site = sites.off;
    const { server } = site;
    const target = await createUser(server, `leaving-${who}@example.com`, { fields: { firstName: 'Tess' } });
    const jwt = await server.gql(JWT_CREATE, { input: { email: target.email, password: target.password } });
    expect(jwt.data.jwtCreate.__typename).toBe('JwtCreateSuccess');
    const { access, refresh } = jwt.data.jwtCreate;
    expect((await server.gql(ME, {}, { token: access })).data.me.id).toBe(target.id);

    const caller = who === 'staff' ? site.staff : target;
    const deleted = await server.gql(DELETE_USER, { input: { id: target.id, currentPassword: caller.password } }, { token: caller.token });
    expect(deleted.data.deleteUser).toEqual({ __typename: 'DeleteUserSuccess', ok: true });

    for (const token of [target.token, access]) {
      const me = await server.gql(ME, {}, { token });
      expect(me.data?.me ?? null).toBeNull();
      expect(code(me)).toBe('UNAUTHENTICATED');
    }
    const refreshed = await server.gql(JWT_REFRESH, { input: { refresh } });
    expect(refreshed.data.jwtRefresh).toMatchObject({ __typename: 'AuthError', code: 'INVALID_REFRESH_TOKEN' });
    // The staff member is still signed in.
    expect((await server.gql(ME, {}, { token: site.staff.token })).data.me.id).toBe(site.staff.id);
  });
});

describe('staff deactivating an account (a server that sends activation emails)', () => {
  let staff: TestUser;
  const server = withTestServer({ sendActivationEmail: true, userFields: USER_FIELDS, rateLimits: false });
  beforeAll(async () => {
    staff = await createStaff(server, 'stan@example.com');
  });

  const deactivate = (id: string, isActive = false) => server.gql(UPDATE_USER, { input: { id, isActive } }, { token: staff.token });

  test('the user is signed out everywhere, cannot log in, and their old activation link is refused; staff can let them back in', async () => {
    const email = 'dee@example.com';
    const password = uniquePassword();
    const { registered, activated, uid, token: linkToken } = await registerAndActivate(server, email, { password });
    expect(activated.__typename).toBe('ActivateSuccess');
    const id: string = registered.user.id;
    const session = (await loginAnswer(server, email, password)).token as string;
    const jwt = (await server.gql(JWT_CREATE, { input: { email, password } })).data.jwtCreate;
    expect((await server.gql(ME, {}, { token: session })).data.me.id).toBe(id);

    const response = await deactivate(id);
    expect(response.data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id, isActive: false } });

    for (const token of [session, jwt.access]) expect(code(await server.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
    expect((await server.gql(JWT_REFRESH, { input: { refresh: jwt.refresh } })).data.jwtRefresh).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect(await loginAnswer(server, email, password)).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    const relink = await server.gql(ACTIVATE, { input: { uid, token: linkToken } });
    expect(relink.data.activate).toMatchObject({ __typename: 'AuthError', code: 'INVALID_TOKEN' });
    expect(await loginAnswer(server, email, password)).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });

    // Staff reactivate them: they can log in again.
    expect((await deactivate(id, true)).data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { isActive: true } });
    expect(await loginAnswer(server, email, password)).toMatchObject({ __typename: 'LoginSuccess', user: { id } });
  });

  test('a sign-up that staff deactivate before it was activated cannot be activated with the emailed link', async () => {
    const email = 'spammy@example.com';
    const password = uniquePassword();
    const registered = await server.gql(
      graphql(`mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }`),
      { input: { email, password } },
    );
    expect(registered.data.register).toMatchObject({ __typename: 'RegisterSuccess', user: { isActive: false } });
    const id: string = registered.data.register.user.id;
    const message = await server.smtp.waitForEmail((e) => e.to === email && /activation/i.test(e.subject));
    const link = /\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[A-Za-z0-9_-]{43})(?=\s|$)/m.exec(message.text);
    expect(link).not.toBeNull();

    expect((await deactivate(id)).data.updateUser).toMatchObject({ __typename: 'UpdateUserSuccess', user: { id, isActive: false } });

    const activated = await server.gql(ACTIVATE, { input: { uid: link![1], token: link![2] } });
    expect(activated.data.activate).toMatchObject({ __typename: 'AuthError', code: 'INVALID_TOKEN' });
    expect(await loginAnswer(server, email, password)).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
  });
});
