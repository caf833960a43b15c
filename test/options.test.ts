// A developer configuring authql: a typo or a wrong type in the options stops createAuth
// with a message naming the option, durations read as people write them, and production
// refuses settings that would send broken links or no emails at all.
import { createAuth, type Auth } from '../src/auth';
import { parseConfig, parseDuration, type AuthOptions } from '../src/config';
import { closeAndDrop } from './helpers/database';
import { TEST_SECRET, testDatabaseUri, uniqueDbName, withSmtpServer } from './helpers/server';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

const smtp = withSmtpServer();

/** Options that work, on a database of their own. */
function baseOptions(dbName = uniqueDbName('authql_options')): AuthOptions {
  return { mongodb: { uri: testDatabaseUri(), dbName }, secret: TEST_SECRET, logger: silent, email: { transport: smtp.url } };
}

/** The error createAuth fails with; a createAuth that succeeds is closed and fails the test. */
async function createAuthError(options: Record<string, unknown>): Promise<Error> {
  const dbName = uniqueDbName('authql_options');
  let auth: Auth;
  try {
    auth = await createAuth({ ...baseOptions(dbName), ...options } as AuthOptions);
  } catch (error) {
    return error as Error;
  }
  await closeAndDrop(auth, dbName);
  throw new Error(`createAuth accepted ${JSON.stringify(options)}`);
}

test('options that are right start authql (the baseline the other stories change one thing of)', async () => {
  const dbName = uniqueDbName('authql_options');
  const auth = await createAuth({ ...baseOptions(dbName), loginField: 'username', hideUsers: false, tokenLifetimes: { activation: '2d' } });
  try {
    expect(auth.config.loginField).toBe('username');
    expect(auth.config.hideUsers).toBe(false);
    expect(auth.config.tokenLifetimes.activation).toBe(2 * 86400);
  } finally {
    await closeAndDrop(auth, dbName);
  }
});

test('a developer who misspells an option is told its name', async () => {
  const error = await createAuthError({ sendActivationEmails: true });
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain('"sendActivationEmails"');
  expect(error.message).toMatch(/unknown option/);
});

test.each([
  ['loginField', { loginField: 'phone' }],
  ['hideUsers', { hideUsers: 'yes' }],
  ['tokenLifetimes.activation', { tokenLifetimes: { activation: 'soon' } }],
  ['session.lifetime', { session: { lifetime: -5 } }],
  ['userFields.firstName.type', { userFields: { firstName: { type: 'text' } } }],
])('a developer who gives %s a value of the wrong kind is told which option it is', async (path, options) => {
  const error = await createAuthError(options);
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain(`option "${path}"`);
});

test('a developer who misspells a nested option is told its full path', async () => {
  const error = await createAuthError({ session: { lifetme: 5 } });
  expect(error.message).toContain('"session.lifetme"');

  const deeper = await createAuthError({ frontend: { domain: 'example.com', sitename: 'Example' } });
  expect(deeper.message).toContain('"frontend.sitename"');
});

test('a developer who overrides a message under a code that does not exist is told its name', async () => {
  const error = await createAuthError({ messages: { INVALID_CREDENTAILS: 'Nope.' } });
  expect(error.name).toBe('ConfigError');
  expect(error.message).toContain('messages.INVALID_CREDENTAILS');
});

test('several mistakes are reported together', async () => {
  const error = await createAuthError({ sendActivationEmails: true, hideUsers: 'yes' });
  expect(error.message).toContain('"sendActivationEmails"');
  expect(error.message).toContain('"hideUsers"');
});

describe('durations', () => {
  test.each([
    ['10s', 10],
    ['5m', 300],
    ['1h', 3600],
    ['3d', 259200],
    [' 90s ', 90],
    [45, 45],
    [86400, 86400],
  ])('%p is %p seconds', (written, seconds) => {
    expect(parseDuration(written)).toBe(seconds);
  });

  test.each(['soon', '10', '5 minutes', '1w', '-5m', ''])('%p is not a duration', (written) => {
    expect(() => parseDuration(written)).toThrow(/not a duration/);
  });

  test('durations in the options are read as seconds, and the defaults are djoser\'s', () => {
    const config = parseConfig({
      ...baseOptions(),
      tokenLifetimes: { activation: '1h', passwordReset: '5m', usernameReset: 600, loginCode: '2m' },
      session: { lifetime: '3d', freshAge: '5m' },
    });
    expect(config.tokenLifetimes).toEqual({ activation: 3600, passwordReset: 300, usernameReset: 600, emailChange: 86400, loginCode: 120 });
    expect(config.session).toEqual({ lifetime: 3 * 86400, sliding: true, absoluteLifetime: 90 * 86400, freshAge: 300 });

    const defaults = parseConfig(baseOptions());
    expect(defaults.tokenLifetimes).toEqual({ activation: 3 * 86400, passwordReset: 3600, usernameReset: 3600, emailChange: 86400, loginCode: 600 });
    expect(defaults.jwt).toMatchObject({ refreshLifetime: 86400, familyLifetime: 30 * 86400 });
    expect(defaults.session.lifetime).toBe(30 * 86400);
    expect(defaults.session.freshAge).toBe(600);
  });

  test('a zero duration is refused', () => {
    expect(() => parseConfig({ ...baseOptions(), session: { lifetime: '0s' } })).toThrow(/"session\.lifetime"/);
  });
});

describe('production mode', () => {
  const production = { production: true, frontend: { domain: 'app.example.com', siteName: 'Example' } };

  test('without frontend.domain, createAuth refuses to start and names frontend.domain', async () => {
    const error = await createAuthError({ production: true, frontend: { siteName: 'Example' } });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain('frontend.domain');
  });

  test('with the console mailer (no email transport), createAuth refuses to start and says an email transport is needed', async () => {
    const error = await createAuthError({ ...production, email: {} });
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/email transport/i);
    expect(error.message).toContain('email.transport');
  });

  test('with a domain, a site name and a real transport, it starts with https links and without GraphiQL', async () => {
    const dbName = uniqueDbName('authql_options');
    const auth = await createAuth({ ...baseOptions(dbName), ...production });
    try {
      expect(auth.config.production).toBe(true);
      expect(auth.config.frontend).toEqual({ domain: 'app.example.com', protocol: 'https', siteName: 'Example' });
      expect(auth.config.graphiql).toBe(false);
    } finally {
      await closeAndDrop(auth, dbName);
    }
  });

  test('in development the same missing settings are filled in with the server\'s own address', () => {
    const config = parseConfig({ ...baseOptions(), email: {} });
    expect(config.production).toBe(false);
    expect(config.frontend).toEqual({ domain: '127.0.0.1:4000', protocol: 'http', siteName: 'authql' });
  });
});
