// The users connection (`users(first, after, search)`): a staff member pages through
// every account in join order with stable cursors; search matches prefixes of the login
// field and the email; non-staff see what hideUsers lets them; paging is forward only.
import { PASSWORD } from './helpers/journeys';
import { type GraphQLResponse, type TestServer, withTestServer } from './helpers/server';
import { createStaff, createUser, type TestUser } from './helpers/users';
import { graphql } from './generated';
import { graphqlUsername } from './generated/username';

jest.setTimeout(60_000);

// Low-cost hashing: 120 sign-ups in a few seconds.
const FAST_HASHING = { memoryCost: 1024, timeCost: 1 };
const NOBODY = { ip: null, userAgent: null };

const USERS = graphql(`query UsersPaginationUsers($first: Int, $after: String, $search: String) {
  users(first: $first, after: $after, search: $search) {
    edges { cursor node { id email dateJoined } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`);

interface Page {
  ids: string[];
  emails: string[];
  dateJoined: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

function pageOf(response: GraphQLResponse): Page {
  expect(response.errors).toBeUndefined();
  const { edges, pageInfo } = response.data.users;
  return {
    ids: edges.map((e: { node: { id: string } }) => e.node.id),
    emails: edges.map((e: { node: { email: string } }) => e.node.email),
    dateJoined: edges.map((e: { node: { dateJoined: string } }) => e.node.dateJoined),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}

/** Follows endCursor until hasNextPage is false; returns the pages. */
async function allPages(server: TestServer, token: string, variables: { first: number; search?: string }): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const page = pageOf(await server.gql(USERS, { ...variables, after }, { token }));
    pages.push(page);
    after = page.endCursor;
    if (pages.length > 50) throw new Error('the pages never end');
  } while (pages.at(-1)!.hasNextPage);
  return pages;
}

const NAMES = ['alice', 'Alfred', 'bob'] as const;

describe('a site with 120 users (login field: email)', () => {
  let staff: TestUser;
  /** Every account, in the order they joined. */
  const joined: { id: string; email: string }[] = [];

  const server = withTestServer({ passwordHashing: FAST_HASHING, rateLimits: false });
  /** The same database served with hideUsers off (closed first). */
  const open = withTestServer({ hideUsers: false, passwordHashing: FAST_HASHING, rateLimits: false }, () => ({ dbName: server.dbName, smtp: server.smtp }));

  beforeAll(async () => {
    staff = await createStaff(server, 'stan@example.com');
    joined.push({ id: staff.id, email: staff.email });
    for (let i = 0; i < 120; i++) {
      // bob's addresses contain "al" (alpine), but not at the start.
      const name = NAMES[i % 3];
      const email = name === 'bob' ? `bob${i}@alpine.example` : `${name}${i}@example.com`;
      const result = await server.auth.accounts.register({ login: email, password: PASSWORD, fields: {} }, NOBODY);
      if (!result.ok) throw new Error(`register ${email}: ${JSON.stringify(result)}`);
      joined.push({ id: result.user.id, email });
    }
  });

  test('a staff member pages with first: 25 through 5 pages and sees every user exactly once, in join order', async () => {
    const pages = await allPages(server, staff.token, { first: 25 });
    expect(pages).toHaveLength(5);
    expect(pages.map((p) => p.ids.length)).toEqual([25, 25, 25, 25, 21]);
    expect(pages.map((p) => p.hasNextPage)).toEqual([true, true, true, true, false]);
    const ids = pages.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(joined.map((u) => u.id));
    const dates = pages.flatMap((p) => p.dateJoined).map((d) => Date.parse(d));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  test('the same cursor gives the same page twice, and a user who joins meanwhile appears at the end without shifting earlier pages', async () => {
    const first = pageOf(await server.gql(USERS, { first: 25 }, { token: staff.token }));
    const second = pageOf(await server.gql(USERS, { first: 25, after: first.endCursor }, { token: staff.token }));
    const secondAgain = pageOf(await server.gql(USERS, { first: 25, after: first.endCursor }, { token: staff.token }));
    expect(secondAgain).toEqual(second);

    const newcomer = await createUser(server, 'newcomer@example.com');
    try {
      const secondAfterJoin = pageOf(await server.gql(USERS, { first: 25, after: first.endCursor }, { token: staff.token }));
      expect(secondAfterJoin).toEqual(second);

      const rest: Page[] = [];
      let after = second.endCursor;
      for (;;) {
        const page = pageOf(await server.gql(USERS, { first: 25, after }, { token: staff.token }));
        rest.push(page);
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      const ids = [...first.ids, ...second.ids, ...rest.flatMap((p) => p.ids)];
      expect(ids).toEqual([...joined.map((u) => u.id), newcomer.id]);
      expect(rest.at(-1)!.ids.at(-1)).toBe(newcomer.id);
    } finally {
      // Leave the site as the other stories expect it.
      await server.store.users.deleteUser(newcomer.id);
    }
  });

  test('search "AL" finds alice… and Alfred… (prefix, case-insensitive), not bob…@alpine', async () => {
    const pages = await allPages(server, staff.token, { first: 25, search: 'AL' });
    const emails = pages.flatMap((p) => p.emails);
    const expected = joined.filter((u) => /^(alice|alfred)/i.test(u.email)).map((u) => u.email);
    expect(expected).toHaveLength(80);
    expect(emails).toEqual(expected);
    expect(emails.some((e) => e.startsWith('Alfred'))).toBe(true);
    expect(emails.some((e) => e.startsWith('alice'))).toBe(true);

    const alfred = pageOf(await server.gql(USERS, { first: 100, search: 'alfred1' }, { token: staff.token }));
    expect(alfred.emails).toEqual(joined.filter((u) => /^Alfred1/.test(u.email)).map((u) => u.email));
    expect(alfred.emails.length).toBeGreaterThan(0);

    const none = pageOf(await server.gql(USERS, { first: 100, search: 'pine' }, { token: staff.token }));
    expect(none.ids).toEqual([]);
    expect(none.hasNextPage).toBe(false);
  });

  test('a user who is not staff sees only themselves while hideUsers is on', async () => {
    const member = await createUser(server, 'member@example.com');
    try {
      const pages = await allPages(server, member.token, { first: 25 });
      expect(pages.flatMap((p) => p.ids)).toEqual([member.id]);
      // Searching for others finds nothing either.
      const search = pageOf(await server.gql(USERS, { first: 25, search: 'alice' }, { token: member.token }));
      expect(search.ids).toEqual([]);
    } finally {
      await server.store.users.deleteUser(member.id);
    }
  });

  test('with hideUsers off, a user who is not staff sees everyone', async () => {
    const member = await createUser(open, 'open-member@example.com');
    try {
      const pages = await allPages(open, member.token, { first: 25 });
      expect(pages.flatMap((p) => p.ids)).toEqual([...joined.map((u) => u.id), member.id]);
    } finally {
      await open.store.users.deleteUser(member.id);
    }
  });

  test.each([
    ['last', { last: 10 }, graphql(`query UsersLast($last: Int) { users(last: $last) { edges { node { id } } } }`)],
    ['before', { before: 'x' }, graphql(`query UsersBefore($before: String) { users(before: $before) { edges { node { id } } } }`)],
  ])('asking for a page backwards (%s) is an error: the list pages forward only', async (_name, variables, query) => {
    const response = await server.gql(query, variables, { token: staff.token });
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].message).toMatch(/forward/);
  });

  test.each([
    ['not base64 at all', '!!!'],
    ['base64 of nonsense', Buffer.from('hello world').toString('base64url')],
    ['a cursor with a bad id', Buffer.from('1700000000000:zzzz').toString('base64url')],
  ])('a garbage `after` (%s) is an error, not an empty page', async (_name, after) => {
    const response = await server.gql(USERS, { first: 25, after }, { token: staff.token });
    expect(response.data).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a site whose login field is the username', () => {
  let staffToken: string;
  const ids: Record<string, string> = {};

  const server = withTestServer({ loginField: 'username', passwordHashing: FAST_HASHING, rateLimits: false });
  beforeAll(async () => {
    const people: [string, string | null][] = [
      ['ALbert', 'zeta@example.com'],
      ['zora', 'Alma@example.com'],
      ['zed', null],
      ['walter', 'walter@example.com'],
    ];
    for (const [username, email] of people) {
      const result = await server.auth.accounts.register({ login: username, email, password: PASSWORD, fields: {} }, NOBODY);
      if (!result.ok) throw new Error(`register ${username}: ${JSON.stringify(result)}`);
      ids[username] = result.user.id;
    }
    await server.store.users.updateUser(ids.walter, { isStaff: true });
    const login = await server.gql(`mutation { login(input: { username: "walter", password: "${PASSWORD}" }) { ... on LoginSuccess { token } } }`);
    staffToken = login.data.login.token;
  });

  test('search "al" finds users by the start of their username or of their email, not in the middle', async () => {
    const response = await server.gql(
      graphqlUsername(`query Q($search: String) { users(first: 50, search: $search) { edges { node { id username email } } } }`),
      { search: 'al' },
      { token: staffToken },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data.users.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: ids.ALbert, username: 'ALbert', email: 'zeta@example.com' },
      { id: ids.zora, username: 'zora', email: 'Alma@example.com' },
    ]);
  });
});
