// A site whose members log in with a username (djoser's LOGIN_FIELD = 'username'); the
// email is optional, and is where activation links go.
import { ACTIVATE, PASSWORD, linkParts, mutate, registerAndActivate, usernameLoginAnswer } from './helpers/journeys';
import { type TestServer, withTestServer } from './helpers/server';
import { graphql } from './generated';
import { graphqlUsername } from './generated/username';

const REGISTER = graphqlUsername(`mutation Register($input: RegisterInput!) {
  register(input: $input) {
    __typename
    ... on RegisterSuccess { token user { id username email isActive } }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);

const ME = graphqlUsername(`query Me { me { id username email isActive } }`);

const UPDATE_ME = graphqlUsername(`mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    __typename
    ... on UpdateMeSuccess { user { id username email isActive } }
    ... on ValidationError { code fieldErrors { field code message } }
  }
}`);

const registerUser = (server: TestServer, input: Record<string, unknown>) => mutate(server, REGISTER, input);

// Email changes here follow djoser (immediate, emailChangeConfirmation: false); the confirmed
// change of authql's default is told in account-takeover.test.ts.
describe('logging in with a username', () => {
  const server = withTestServer({ loginField: 'username', emailChangeConfirmation: false });

  test('a client developer finds a username on User and a nullable email', async () => {
    const response = await server.gql(graphql(`query Type { __type(name: "User") { fields { name type { kind name ofType { name } } } } }`));
    const fields = Object.fromEntries(response.data.__type.fields.map((f: { name: string; type: unknown }) => [f.name, f.type]));
    expect(fields.username).toEqual({ kind: 'NON_NULL', name: null, ofType: { name: 'String' } });
    expect(fields.email).toEqual({ kind: 'SCALAR', name: 'String', ofType: null });

    const login = await server.gql(graphql(`query UsernameLoginType { __type(name: "LoginInput") { inputFields { name } } }`));
    expect(login.data.__type.inputFields.map((f: { name: string }) => f.name).sort()).toEqual(['password', 'username']);
  });

  test('a visitor signs up with a username and an email, logs in with the username in any case, and sees both', async () => {
    const registered = await registerUser(server, { username: 'Ada_Lovelace', email: 'Ada@Example.com', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user).toMatchObject({ username: 'Ada_Lovelace', email: 'Ada@Example.com', isActive: true });

    for (const typed of ['Ada_Lovelace', 'ada_lovelace', 'ADA_LOVELACE']) {
      const loggedIn = await usernameLoginAnswer(server, typed);
      expect(loggedIn.__typename).toBe('LoginSuccess');
      expect(loggedIn.user).toEqual({ id: registered.user.id, username: 'Ada_Lovelace', email: 'Ada@Example.com' });
    }

    const token = (await usernameLoginAnswer(server, 'ada_lovelace')).token;
    const me = await server.gql(ME, {}, { token });
    expect(me.data.me).toEqual({ id: registered.user.id, username: 'Ada_Lovelace', email: 'Ada@Example.com', isActive: true });
  });

  test('the email cannot be used in place of the username to log in', async () => {
    await registerUser(server, { username: 'charles', email: 'charles@example.com', password: PASSWORD });
    const byEmail = await usernameLoginAnswer(server, 'charles@example.com');
    expect(byEmail).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    expect((await usernameLoginAnswer(server, 'charles')).__typename).toBe('LoginSuccess');
  });

  test('a visitor can sign up without an email, and their email reads as null', async () => {
    const registered = await registerUser(server, { username: 'no.mail', password: PASSWORD });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user).toMatchObject({ username: 'no.mail', email: null, isActive: true });

    const loggedIn = await usernameLoginAnswer(server, 'no.mail');
    const me = await server.gql(ME, {}, { token: loggedIn.token });
    expect(me.data.me).toMatchObject({ username: 'no.mail', email: null });
  });

  test('a username already taken, in any case, is refused on the username field', async () => {
    const first = await registerUser(server, { username: 'grace', password: PASSWORD });
    expect(first.__typename).toBe('RegisterSuccess');

    for (const username of ['grace', 'Grace', '  GRACE ']) {
      const again = await registerUser(server, { username, email: 'other@example.com', password: PASSWORD });
      expect(again.__typename).toBe('ValidationError');
      expect(again.fieldErrors).toEqual([{ field: 'username', code: 'ALREADY_EXISTS', message: 'A user with that username already exists.' }]);
    }
  });

  test.each(['ada lovelace', 'ada!', 'hello#world'])('the username %p is refused as invalid, in Django words', async (username) => {
    const result = await registerUser(server, { username, password: PASSWORD });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([
      {
        field: 'username',
        code: 'INVALID_USERNAME',
        message: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
      },
    ]);
    expect((await usernameLoginAnswer(server, username)).__typename).not.toBe('LoginSuccess');
  });

  test('an invalid optional email is reported together with an invalid username', async () => {
    const result = await registerUser(server, { username: 'bad name', email: 'not-an-email', password: PASSWORD });
    expect(result.__typename).toBe('ValidationError');
    const codes = result.fieldErrors.map((e: { field: string; code: string }) => `${e.field}/${e.code}`).sort();
    expect(codes).toEqual(['email/INVALID_EMAIL', 'username/INVALID_USERNAME']);
  });

  test('a password that resembles the username is too similar to the username', async () => {
    const result = await registerUser(server, { username: 'hedylamarr', password: 'hedylamarr1' });
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors).toEqual([{ field: 'password', code: 'PASSWORD_TOO_SIMILAR', message: 'The password is too similar to the username.' }]);
  });

  test('with activation off, a member changes their email without being logged out', async () => {
    await registerUser(server, { username: 'katherine', email: 'katherine@example.com', password: PASSWORD });
    const token = (await usernameLoginAnswer(server, 'katherine')).token;
    const updated = await server.gql(UPDATE_ME, { input: { email: 'kj@example.com', currentPassword: PASSWORD } }, { token });
    expect(updated.data.updateMe).toMatchObject({ __typename: 'UpdateMeSuccess', user: { email: 'kj@example.com', isActive: true } });
    expect((await server.gql(ME, {}, { token })).data.me.email).toBe('kj@example.com');
  });

  test('a member who types an invalid new email is told so and keeps the old one; an empty email removes it', async () => {
    await registerUser(server, { username: 'barbara', email: 'barbara@example.com', password: PASSWORD });
    const token = (await usernameLoginAnswer(server, 'barbara')).token;

    const invalid = await server.gql(UPDATE_ME, { input: { email: 'barbara-at-example', currentPassword: PASSWORD } }, { token });
    expect(invalid.data.updateMe).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      fieldErrors: [{ field: 'email', code: 'INVALID_EMAIL', message: 'Enter a valid email address.' }],
    });
    expect((await server.gql(ME, {}, { token })).data.me.email).toBe('barbara@example.com');

    const removed = await server.gql(UPDATE_ME, { input: { email: '', currentPassword: PASSWORD } }, { token });
    expect(removed.data.updateMe).toMatchObject({ __typename: 'UpdateMeSuccess', user: { username: 'barbara', email: null } });
    expect((await usernameLoginAnswer(server, 'barbara')).__typename).toBe('LoginSuccess');
  });
});

describe('logging in with a username, with activation emails on', () => {
  const server = withTestServer({ loginField: 'username', sendActivationEmail: true, emailChangeConfirmation: false });

  test('the activation email goes to the address given at sign-up, and its link lets the member log in', async () => {
    const { registered, activated } = await registerAndActivate(server, 'dorothy@example.com', { username: 'dorothy' });
    expect(registered.__typename).toBe('RegisterSuccess');
    expect(registered.user.isActive).toBe(false);
    expect(server.smtp.emailsTo('dorothy@example.com')).toHaveLength(1);
    expect(activated).toMatchObject({ __typename: 'ActivateSuccess', user: { id: registered.user.id, isActive: true } });
    expect((await usernameLoginAnswer(server, 'Dorothy')).__typename).toBe('LoginSuccess');
  });

  test('a member who changes their email is logged out, must activate again from the new address, and can log in after', async () => {
    const { registered } = await registerAndActivate(server, 'mary@example.com', { username: 'mary' });
    const token = (await usernameLoginAnswer(server, 'mary')).token;

    const updated = await server.gql(UPDATE_ME, { input: { email: 'Mary.Jackson@Example.org', currentPassword: PASSWORD } }, { token });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateMe).toEqual({
      __typename: 'UpdateMeSuccess',
      user: { id: registered.user.id, username: 'mary', email: 'Mary.Jackson@Example.org', isActive: false },
    });

    const message = await server.smtp.waitForEmail((e) => e.to === 'mary.jackson@example.org' && /activation/i.test(e.subject));
    // The first activation, and the notice that the address changed.
    await server.smtp.waitForEmail((e) => e.to === 'mary@example.com' && /email address was changed/i.test(e.subject));
    expect(server.smtp.emailsTo('mary@example.com')).toHaveLength(2);

    const oldSession = await server.gql(ME, {}, { token });
    expect(oldSession.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await usernameLoginAnswer(server, 'mary')).toEqual({
      __typename: 'AuthError',
      code: 'INVALID_CREDENTIALS',
      message: 'Unable to log in with provided credentials.',
    });

    const { uid, token: linkToken } = linkParts(message);
    const activated = await server.gql(ACTIVATE, { input: { uid, token: linkToken } });
    expect(activated.data.activate).toMatchObject({ __typename: 'ActivateSuccess', user: { id: registered.user.id, isActive: true } });

    const loggedIn = await usernameLoginAnswer(server, 'mary');
    expect(loggedIn.__typename).toBe('LoginSuccess');
    expect(loggedIn.user).toEqual({ id: registered.user.id, username: 'mary', email: 'Mary.Jackson@Example.org' });
  });

  test('a member who sends the same email again (in another case) stays active and gets no new email', async () => {
    await registerAndActivate(server, 'annie@example.com', { username: 'annie' });
    const token = (await usernameLoginAnswer(server, 'annie')).token;
    const updated = await server.gql(UPDATE_ME, { input: { email: 'Annie@Example.com', currentPassword: PASSWORD } }, { token });
    expect(updated.data.updateMe).toMatchObject({ __typename: 'UpdateMeSuccess', user: { email: 'Annie@Example.com', isActive: true } });
    expect((await server.gql(ME, {}, { token })).data.me).toMatchObject({ username: 'annie', isActive: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.smtp.emailsTo('annie@example.com')).toHaveLength(1);
  });
});
