// The seed's journey over real HTTP: register, me, login, me with a token, logout.
import { LOGIN, ME, PASSWORD, register } from './helpers/journeys';
import { withTestServer } from './helpers/server';
import { graphql } from './generated';

const server = withTestServer();

test('a visitor registers, logs in, sees themselves with Token and Bearer, logs out, and the old token is refused', async () => {
  const registered = await register(server, { email: 'Ada@Example.com', password: PASSWORD });
  expect(registered.__typename).toBe('RegisterSuccess');
  expect(registered.user).toMatchObject({ email: 'Ada@Example.com', isActive: true, isStaff: false });
  expect(registered.token).toBeNull();

  const anonymous = await server.gql(ME);
  expect(anonymous.errors).toBeUndefined();
  expect(anonymous.data.me).toBeNull();

  const loggedIn = await server.gql(LOGIN, { input: { email: 'ada@example.com', password: PASSWORD } });
  expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
  const token: string = loggedIn.data.login.token;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const withToken = await server.gql(ME, {}, { headers: { authorization: `Token ${token}` } });
  expect(withToken.data.me).toMatchObject({ id: registered.user.id, email: 'Ada@Example.com' });
  expect(withToken.data.me.lastLogin).not.toBeNull();
  const withBearer = await server.gql(ME, {}, { headers: { authorization: `Bearer ${token}` } });
  expect(withBearer.data.me.id).toBe(registered.user.id);

  const logout = await server.gql(graphql(`mutation JourneyLogout { logout { __typename ... on LogoutSuccess { ok } } }`), {}, { token });
  expect(logout.data.logout).toEqual({ __typename: 'LogoutSuccess', ok: true });

  const after = await server.gql(ME, {}, { token });
  expect(after.data.me).toBeNull();
  expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
