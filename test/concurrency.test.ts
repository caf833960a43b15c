// Races decided by the database's unique indexes, never by a read before the write: many
// sign-ups for one email at the same moment.
import { PASSWORD, REGISTER } from './helpers/journeys';
import { withTestServer } from './helpers/server';
import { graphql } from './generated';

const server = withTestServer();

test('twenty people sign up with the same email at the same moment: one account is created, the other nineteen hear the email is taken', async () => {
  const attempts = 20;
  // Different spellings of one address: they all normalise to the same login.
  const spellings = ['race@example.com', 'Race@Example.com', ' RACE@example.com ', 'race@EXAMPLE.COM'];
  const responses = await Promise.all(
    Array.from({ length: attempts }, (_, i) => server.gql(REGISTER, { input: { email: spellings[i % spellings.length], password: PASSWORD } })),
  );

  for (const response of responses) {
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  }
  const results = responses.map((r) => r.data.register);
  const successes = results.filter((r) => r.__typename === 'RegisterSuccess');
  const refusals = results.filter((r) => r.__typename === 'ValidationError');
  expect(successes).toHaveLength(1);
  expect(refusals).toHaveLength(attempts - 1);
  for (const refusal of refusals) {
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'email', code: 'ALREADY_EXISTS' })]);
    expect(refusal.fieldErrors[0].message).toEqual(expect.any(String));
  }

  expect(await server.database.collection('users').countDocuments({})).toBe(1);
  expect(await server.database.collection('users').countDocuments({ loginKey: 'race@example.com' })).toBe(1);

  // The one account that exists is the one the winner was told about, and it works.
  const winner = successes[0].user;
  const login = await server.gql(
    graphql(`mutation ConcurrencyLogin($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }`),
    { input: { email: 'race@example.com', password: PASSWORD } },
  );
  expect(login.data.login).toMatchObject({ __typename: 'LoginSuccess', user: { id: winner.id } });
});

test('a later sign-up with that email is still refused, and other emails signing up at the same time all succeed', async () => {
  const emails = Array.from({ length: 10 }, (_, i) => `racer${i}@example.com`);
  const responses = await Promise.all([
    server.gql(REGISTER, { input: { email: 'race@example.com', password: PASSWORD } }),
    ...emails.map((email) => server.gql(REGISTER, { input: { email, password: PASSWORD } })),
  ]);
  const [again, ...others] = responses.map((r) => r.data.register);
  expect(again.__typename).toBe('ValidationError');
  expect(again.fieldErrors).toEqual([expect.objectContaining({ field: 'email', code: 'ALREADY_EXISTS' })]);
  expect(others.map((r) => r.__typename)).toEqual(emails.map(() => 'RegisterSuccess'));
  expect(others.map((r) => r.user.email).sort()).toEqual([...emails].sort());
  expect(await server.database.collection('users').countDocuments({})).toBe(1 + emails.length);
});
