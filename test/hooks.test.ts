// djoser's signals as hooks (the `hooks` option): each fires once per event with the user and
// where the request came from, never sees a password or its hash, and a hook that throws is
// logged without undoing the user's action. beforeRegister may refuse a sign-up.
import { ACTIVATE, CONFIRM_EMAIL_CHANGE, LOGIN, PASSWORD, linkParts } from './helpers/journeys';
import { recordingLogger } from './helpers/logger';
import { queryOf, withTestServer, type Document } from './helpers/server';
import { createStaff, type TestUser } from './helpers/users';
import { graphql } from './generated';
import { graphqlUserFields } from './generated/user-fields';

jest.setTimeout(60_000);

const HOOK_NAMES = ['onRegistered', 'onActivated', 'onUpdated', 'onLogin', 'onLogout', 'onPasswordChanged', 'onUsernameChanged', 'onDeleted'] as const;
type HookName = (typeof HOOK_NAMES)[number];

const USER_AGENT = 'hooks-story/1.0 (a browser)';
const USER_FIELDS = { firstName: { type: 'string' as const } };

const REGISTER = graphql(`mutation HooksRegister($input: RegisterInput!) {
  register(input: $input) {
    __typename
    ... on RegisterSuccess { user { id email isActive } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);
const JWT_CREATE = graphql(`mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }`);
const UPDATE_ME = graphqlUserFields(`mutation UpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { firstName } } } }`);
const SET_PASSWORD = graphql(`mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }`);
const SET_EMAIL = graphql(`mutation HooksSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email } } } }`);
const LOGOUT = graphql(`mutation Logout { logout { __typename } }`);
const LOGOUT_ALL = graphql(`mutation LogoutAll { logoutAll { __typename } }`);
const DELETE_ME = graphql(`mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }`);
const UPDATE_USER = graphqlUserFields(`mutation HooksUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id firstName } } } }`);
const DELETE_USER = graphql(`mutation HooksDeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }`);
const ME = graphql(`query HooksMe { me { id email } }`);

interface Call {
  hook: string;
  payload: any;
}

function recordingHooks(calls: Call[]) {
  return Object.fromEntries(HOOK_NAMES.map((hook) => [hook, (payload: unknown) => void calls.push({ hook, payload })])) as Record<HookName, (p: unknown) => void>;
}

const fromTheBrowser = { ip: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$/), userAgent: USER_AGENT };

describe('a site that listens to every hook', () => {
  let staff: TestUser;
  const calls: Call[] = [];
  const log = recordingLogger();
  let seen = 0;

  /** The hook calls since the last look, as [hook, user id, user email, request]. */
  function fired() {
    const fresh = calls.slice(seen);
    seen = calls.length;
    return fresh.map((c) => [c.hook, c.payload.user?.id, c.payload.user?.email, c.payload.request]);
  }
  const gql = (document: Document, variables?: Record<string, unknown>, token?: string) =>
    server.gql(queryOf(document), variables, { token, headers: { 'user-agent': USER_AGENT } });

  const server = withTestServer(() => ({
    sendActivationEmail: true,
    userFields: USER_FIELDS,
    rateLimits: false,
    hooks: recordingHooks(calls),
    logger: log.logger,
  }));
  beforeAll(async () => {
    staff = await createStaff(server, 'stan@example.com');
    fired(); // the staff member's own sign-up
  });

  test("a member's whole life fires each hook exactly once per event, with that member and the browser's IP and user agent", async () => {
    const email = 'hedy@example.com';
    const registered = await gql(REGISTER, { input: { email, password: PASSWORD, firstName: 'Hedy' } });
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const id: string = registered.data.register.user.id;
    expect(fired()).toEqual([['onRegistered', id, email, fromTheBrowser]]);

    const { uid, token: linkToken } = linkParts(await server.smtp.waitForEmail((e) => e.to === email && /activation/i.test(e.subject)));
    expect((await gql(ACTIVATE, { input: { uid, token: linkToken } })).data.activate.__typename).toBe('ActivateSuccess');
    expect(fired()).toEqual([['onActivated', id, email, fromTheBrowser]]);

    const loggedIn = await gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
    const token: string = loggedIn.data.login.token;
    expect(fired()).toEqual([['onLogin', id, email, fromTheBrowser]]);

    expect((await gql(JWT_CREATE, { input: { email, password: PASSWORD } })).data.jwtCreate.__typename).toBe('JwtCreateSuccess');
    expect(fired()).toEqual([['onLogin', id, email, fromTheBrowser]]);

    // A failed login is not a login.
    expect((await gql(LOGIN, { input: { email, password: 'not the password' } })).data.login.code).toBe('INVALID_CREDENTIALS');
    expect(fired()).toEqual([]);

    expect((await gql(UPDATE_ME, { input: { firstName: 'Hedwig' } }, token)).data.updateMe.user.firstName).toBe('Hedwig');
    expect(fired()).toEqual([['onUpdated', id, email, fromTheBrowser]]);
    expect(calls.at(-1)!.payload.user.fields).toEqual({ firstName: 'Hedwig' });

    const newPassword = 'frequency hopping spread spectrum';
    expect((await gql(SET_PASSWORD, { input: { currentPassword: PASSWORD, newPassword } }, token)).data.setPassword.__typename).toBe('SetPasswordSuccess');
    expect(fired()).toEqual([['onPasswordChanged', id, email, fromTheBrowser]]);

    // A new email is only pending: the hook fires when the link sent to it confirms it.
    const newEmail = 'hedwig@example.com';
    expect((await gql(SET_EMAIL, { input: { currentPassword: newPassword, newEmail } }, token)).data.setEmail.user.email).toBe(email);
    expect(fired()).toEqual([]);
    const confirmation = linkParts(await server.smtp.waitForEmail((e) => e.to === newEmail && /confirm your new email/i.test(e.subject)));
    const confirmed = await gql(CONFIRM_EMAIL_CHANGE, { input: { uid: confirmation.uid, token: confirmation.token } });
    expect(confirmed.data.confirmEmailChange.user.email).toBe(newEmail);
    expect(fired()).toEqual([['onUsernameChanged', id, newEmail, fromTheBrowser]]);

    expect((await gql(LOGOUT, {}, token)).data.logout.__typename).toBe('LogoutSuccess');
    expect(fired()).toEqual([['onLogout', id, newEmail, fromTheBrowser]]);

    const second = (await gql(LOGIN, { input: { email: newEmail, password: newPassword } })).data.login.token;
    fired();
    expect((await gql(LOGOUT_ALL, {}, second)).data.logoutAll.__typename).toBe('LogoutAllSuccess');
    expect(fired()).toEqual([['onLogout', id, newEmail, fromTheBrowser]]);

    const third = (await gql(LOGIN, { input: { email: newEmail, password: newPassword } })).data.login.token;
    fired();
    expect((await gql(DELETE_ME, { input: { currentPassword: newPassword } }, third)).data.deleteMe.__typename).toBe('DeleteMeSuccess');
    expect(fired()).toEqual([['onDeleted', id, newEmail, fromTheBrowser]]);

    // Every hook has now fired with this member.
    expect(new Set(calls.filter((c) => c.payload.user.id === id).map((c) => c.hook))).toEqual(new Set(HOOK_NAMES));
  });

  test('when staff update or delete a member, onUpdated and onDeleted carry the member (not the staff member) and the staff request', async () => {
    const email = 'grace@example.com';
    const registered = await gql(REGISTER, { input: { email, password: PASSWORD } });
    const id: string = registered.data.register.user.id;
    fired();

    const updated = await gql(UPDATE_USER, { input: { id, firstName: 'Grace', isActive: true } }, staff.token);
    expect(updated.data.updateUser).toEqual({ __typename: 'UpdateUserSuccess', user: { id, firstName: 'Grace' } });
    expect(fired()).toEqual([['onUpdated', id, email, fromTheBrowser]]);

    const deleted = await gql(DELETE_USER, { input: { id, currentPassword: staff.password } }, staff.token);
    expect(deleted.data.deleteUser.__typename).toBe('DeleteUserSuccess');
    expect(fired()).toEqual([['onDeleted', id, email, fromTheBrowser]]);
  });

  test('no hook payload ever carries a password or a password hash', () => {
    expect(calls.length).toBeGreaterThanOrEqual(12);
    const everything = JSON.stringify(calls.map((c) => c.payload));
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toContain('passwordHash');
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('frequency hopping spread spectrum');
    expect(everything).not.toContain(staff.password);
  });

  test('nothing was logged as an error while the hooks behaved', () => {
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('a site whose hooks throw', () => {
  const log = recordingLogger();
  const boom = (name: string) => () => {
    throw new Error(`${name} exploded`);
  };

  const server = withTestServer(() => ({
    rateLimits: false,
    logger: log.logger,
    hooks: { onRegistered: boom('analytics'), onLogin: boom('crm'), onUpdated: boom('search index'), onDeleted: boom('billing') },
    userFields: USER_FIELDS,
  }));

  const errors = () => log.lines.filter((l) => l.level === 'error');

  test('a failing onRegistered is logged, and the visitor is still registered and can log in', async () => {
    const email = 'ada@example.com';
    const registered = await server.gql(REGISTER, { input: { email, password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register).toMatchObject({ __typename: 'RegisterSuccess', user: { email, isActive: true } });
    expect(errors()).toEqual([expect.objectContaining({ message: expect.stringContaining('onRegistered') })]);
    expect(JSON.stringify(errors())).toContain('analytics exploded');

    // onLogin throws too: the login still answers with a working token.
    const loggedIn = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
    expect((await server.gql(ME, {}, { token: loggedIn.data.login.token })).data.me).toEqual({ id: registered.data.register.user.id, email });
    expect(errors()).toHaveLength(2);
    expect(errors()[1].message).toContain('onLogin');
  });

  test('a failing onUpdated or onDeleted does not undo the change or the deletion', async () => {
    const email = 'lin@example.com';
    await server.gql(REGISTER, { input: { email, password: PASSWORD } });
    const token = (await server.gql(LOGIN, { input: { email, password: PASSWORD } })).data.login.token;
    const before = errors().length;

    const updated = await server.gql(UPDATE_ME, { input: { firstName: 'Lin' } }, { token });
    expect(updated.data.updateMe).toEqual({ __typename: 'UpdateMeSuccess', user: { firstName: 'Lin' } });
    expect((await server.gql(graphqlUserFields(`query MeFirstName { me { firstName } }`), {}, { token })).data.me.firstName).toBe('Lin');

    const deleted = await server.gql(DELETE_ME, { input: { currentPassword: PASSWORD } }, { token });
    expect(deleted.data.deleteMe.__typename).toBe('DeleteMeSuccess');
    const again = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(again.data.login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });

    expect(errors().slice(before).map((l) => l.message)).toEqual([
      expect.stringContaining('onUpdated'),
      expect.stringContaining('onDeleted'),
    ]);
    expect(JSON.stringify(log.lines)).not.toContain('$argon2');
  });
});

describe('a site with a beforeRegister hook that may refuse sign-ups', () => {
  const log = recordingLogger();
  const asked: any[] = [];
  const registeredCalls: Call[] = [];

  const server = withTestServer(() => ({
    rateLimits: false,
    logger: log.logger,
    userFields: USER_FIELDS,
    hooks: {
      onRegistered: (payload) => void registeredCalls.push({ hook: 'onRegistered', payload }),
      beforeRegister: ({ input, request }) => {
        asked.push({ input, request });
        if (input.login.startsWith('closed')) return 'Sign-ups from this address are closed.';
        if (input.login.startsWith('work')) return { field: 'email', message: 'Use your work address.' };
        if (input.login.startsWith('name')) return { field: 'firstName', message: 'That name is reserved.' };
        if (input.login.startsWith('boom')) throw new Error('blocklist service unreachable at 10.0.0.7');
        return null;
      },
    },
  }));

  async function attempt(email: string, extra: Record<string, unknown> = {}) {
    const response = await server.gql(REGISTER, { input: { email, password: PASSWORD, ...extra } }, { headers: { 'user-agent': USER_AGENT } });
    expect(response.errors).toBeUndefined();
    return response.data.register;
  }

  async function expectNoAccount(email: string) {
    const login = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
    expect(login.data.login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    expect(registeredCalls.filter((c) => c.payload.user.email === email)).toEqual([]);
  }

  test('an address the hook accepts registers, and the hook saw the input (without the password) and the request', async () => {
    const result = await attempt('welcome@example.com', { firstName: 'Wendy' });
    expect(result).toMatchObject({ __typename: 'RegisterSuccess', user: { email: 'welcome@example.com' } });
    expect(asked.at(-1)).toEqual({
      input: { login: 'welcome@example.com', email: 'welcome@example.com', fields: { firstName: 'Wendy' } },
      request: fromTheBrowser,
    });
    expect(JSON.stringify(asked)).not.toContain(PASSWORD);
  });

  test('a hook answering with a message refuses the sign-up with a ValidationError carrying that message on the login field, and no account is made', async () => {
    expect(await attempt('closed@example.com')).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      message: expect.any(String),
      fieldErrors: [{ field: 'email', code: 'INVALID_VALUE', message: 'Sign-ups from this address are closed.' }],
    });
    await expectNoAccount('closed@example.com');
  });

  test.each([
    ['email', 'work@example.com', 'Use your work address.'],
    ['firstName', 'name@example.com', 'That name is reserved.'],
  ])('a hook answering { field: %s, message } refuses the sign-up with the error on that field', async (field, email, message) => {
    const result = await attempt(email, { firstName: 'Root' });
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(result.fieldErrors).toEqual([{ field, code: 'INVALID_VALUE', message }]);
    await expectNoAccount(email);
  });

  test('a hook that throws refuses the sign-up with a generic ValidationError, logs why, and tells the visitor nothing internal', async () => {
    const before = log.lines.length;
    const result = await attempt('boom@example.com');
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(result.fieldErrors).toEqual([{ field: 'email', code: 'INVALID_VALUE', message: 'Registration was refused.' }]);
    expect(JSON.stringify(result)).not.toContain('blocklist');
    await expectNoAccount('boom@example.com');

    const logged = log.lines.slice(before).filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0].message).toContain('beforeRegister');
    expect(JSON.stringify(logged[0])).toContain('blocklist service unreachable');
  });
});
