// A member's own account over its lifetime: editing needs a session, deleting needs the
// password, and every login is its own session that can be ended alone or all together.
import { LogoutAllDocument, LogoutDocument } from '../src/client/generated/graphql';
import { PASSWORD, login, loginAnswer, meWith } from './helpers/journeys';
import { withTestServer } from './helpers/server';
import { member } from './helpers/users';
import { graphql } from './generated';

const DELETE_ME = graphql(`mutation DeleteMe($input: DeleteMeInput!) {
  deleteMe(input: $input) {
    __typename
    ... on DeleteMeSuccess { ok }
    ... on ValidationError { code message fieldErrors { field code message } }
  }
}`);


const server = withTestServer();

test('a visitor without a session cannot edit an account: updateMe answers UNAUTHENTICATED', async () => {
  const anonymous = await server.gql(graphql(`mutation AccountUpdateMe { updateMe(input: {}) { __typename } }`));
  expect(anonymous.data?.updateMe ?? null).toBeNull();
  expect(anonymous.errors).toHaveLength(1);
  expect(anonymous.errors![0].extensions?.code).toBe('UNAUTHENTICATED');

  const badToken = await server.gql(graphql(`mutation AccountUpdateMe { updateMe(input: {}) { __typename } }`), {}, { token: 'x'.repeat(43) });
  expect(badToken.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

test('a visitor without a session cannot delete an account or log out: UNAUTHENTICATED', async () => {
  const deleted = await server.gql(DELETE_ME, { input: { currentPassword: PASSWORD } });
  expect(deleted.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  for (const response of [await server.gql(LogoutDocument), await server.gql(LogoutAllDocument)]) {
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});

test('a member who types a wrong password when deleting their account is told so, and the account stays', async () => {
  const user = await member(server, 'ada@example.com');
  const token = await login(server, { email: 'ada@example.com', password: PASSWORD });

  const wrong = await server.gql(DELETE_ME, { input: { currentPassword: 'not my password' } }, { token });
  expect(wrong.errors).toBeUndefined();
  expect(wrong.data.deleteMe).toEqual({
    __typename: 'ValidationError',
    code: 'VALIDATION_FAILED',
    message: 'Some fields are invalid.',
    fieldErrors: [{ field: 'currentPassword', code: 'INVALID_PASSWORD', message: 'Invalid password.' }],
  });

  const empty = await server.gql(DELETE_ME, { input: { currentPassword: '' } }, { token });
  expect(empty.data.deleteMe.fieldErrors).toEqual([{ field: 'currentPassword', code: 'REQUIRED', message: 'This field is required.' }]);

  expect((await meWith(server, token)).me).toMatchObject({ id: user.id });
  const again = await loginAnswer(server, 'ada@example.com');
  expect(again.__typename).toBe('LoginSuccess');
  expect(again.user.id).toBe(user.id);
});

test('a member who deletes their account with the right password is gone everywhere, and the email is free again', async () => {
  const user = await member(server, 'grace@example.com');
  const phone = await login(server, { email: 'grace@example.com', password: PASSWORD });
  const laptop = await login(server, { email: 'grace@example.com', password: PASSWORD });

  const deleted = await server.gql(DELETE_ME, { input: { currentPassword: PASSWORD } }, { token: laptop });
  expect(deleted.errors).toBeUndefined();
  expect(deleted.data.deleteMe).toEqual({ __typename: 'DeleteMeSuccess', ok: true });

  for (const token of [laptop, phone]) {
    expect(await meWith(server, token)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
  }
  expect(await loginAnswer(server, 'grace@example.com')).toEqual({
    __typename: 'AuthError',
    code: 'INVALID_CREDENTIALS',
    message: 'Unable to log in with provided credentials.',
  });

  const reborn = await member(server, 'Grace@Example.com');
  expect(reborn.id).not.toBe(user.id);
  const token = await login(server, { email: 'grace@example.com', password: PASSWORD });
  expect((await meWith(server, token)).me).toMatchObject({ id: reborn.id, email: 'Grace@Example.com' });
});

test('a member logged in on three devices logs out everywhere from one of them, and can log in again afterwards', async () => {
  const user = await member(server, 'hedy@example.com');
  const devices = [];
  for (let i = 0; i < 3; i += 1) devices.push(await login(server, { email: 'hedy@example.com', password: PASSWORD }));
  for (const token of devices) expect((await meWith(server, token)).me).toMatchObject({ id: user.id });

  const all = await server.gql(LogoutAllDocument, {}, { token: devices[1] });
  expect(all.errors).toBeUndefined();
  expect(all.data?.logoutAll).toEqual({ __typename: 'LogoutAllSuccess', ok: true, revoked: 3 });

  for (const token of devices) expect(await meWith(server, token)).toEqual({ me: null, code: 'UNAUTHENTICATED' });

  const fourth = await login(server, { email: 'hedy@example.com', password: PASSWORD });
  expect((await meWith(server, fourth)).me).toMatchObject({ id: user.id });
});

test('logging out everywhere touches only that member: another member stays logged in', async () => {
  await member(server, 'katherine@example.com');
  const other = await member(server, 'dorothy@example.com');
  const katherine = await login(server, { email: 'katherine@example.com', password: PASSWORD });
  const dorothy = await login(server, { email: 'dorothy@example.com', password: PASSWORD });

  const all = await server.gql(LogoutAllDocument, {}, { token: katherine });
  expect(all.data?.logoutAll.revoked).toBe(1);
  expect((await meWith(server, dorothy)).me).toMatchObject({ id: other.id });
});

test('logging out on one device leaves the member logged in on the other', async () => {
  const user = await member(server, 'annie@example.com');
  const phone = await login(server, { email: 'annie@example.com', password: PASSWORD });
  const laptop = await login(server, { email: 'annie@example.com', password: PASSWORD });

  const out = await server.gql(LogoutDocument, {}, { token: phone });
  expect(out.data?.logout).toEqual({ __typename: 'LogoutSuccess', ok: true });

  expect(await meWith(server, phone)).toEqual({ me: null, code: 'UNAUTHENTICATED' });
  expect((await meWith(server, laptop)).me).toMatchObject({ id: user.id });

  const all = await server.gql(LogoutAllDocument, {}, { token: laptop });
  expect(all.data?.logoutAll.revoked).toBe(1);
});

test('each login is its own session: two logins give two different tokens that both work', async () => {
  const user = await member(server, 'mary@example.com');
  const first = await loginAnswer(server, 'mary@example.com');
  const second = await loginAnswer(server, 'MARY@example.com');
  expect(first.__typename).toBe('LoginSuccess');
  expect(second.__typename).toBe('LoginSuccess');
  expect(first.token).not.toBe(second.token);

  expect((await meWith(server, first.token)).me).toMatchObject({ id: user.id, email: 'mary@example.com' });
  expect((await meWith(server, second.token)).me).toMatchObject({ id: user.id, email: 'mary@example.com' });
});
