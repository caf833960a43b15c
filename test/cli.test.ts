// `authql <command>` as an operator runs it: help, usage errors with exit 2,
// create-admin (password on stdin, held to the policy) and ensure-indexes against the real
// test database. Every child runs in its own process group and is stopped in afterAll.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { signalGroup, startCli, stopAllCli } from './helpers/cli';
import { TEMPLATE_NAMES, type TemplateName } from '../src/mail/templates';
import { LOGIN } from './helpers/journeys';
import { TEST_SECRET, startTestServer, testDatabaseUri, uniqueDbName } from './helpers/server';
import { graphql } from './generated';
import { graphqlUsername } from './generated/username';

jest.setTimeout(120_000);

const STRONG_PASSWORD = 'violet staircase 42 umbrella';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const databases: string[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'authql-cli-test-'));

/** Runs `authql <args>` to its end; `input` goes to its standard input. */
function authql(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<Run> {
  const cli = startCli(args, options.env ?? environment(), { input: options.input ?? '' });
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup(cli, 'SIGKILL');
      reject(new Error(`authql ${args.join(' ')} took longer than ${timeoutMs} ms\nstdout:\n${cli.stdout()}\nstderr:\n${cli.stderr()}`));
    }, timeoutMs);
    // 'close', not 'exit': by then all of its output has been read.
    cli.process.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: cli.stdout(), stderr: cli.stderr() });
    });
  });
}

/** An operator's environment: the test database in MONGODB_URI, a secret, nothing else of the test run. */
function environment(extra: NodeJS.ProcessEnv = {}, without: string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MONGODB_URI: testDatabaseUri(), AUTH_SECRET: TEST_SECRET, ...extra };
  for (const name of ['AUTHQL_TEST_MONGODB_URI', 'SMTP_URL', 'EMAIL_FROM', 'NODE_ENV', 'HOST', 'PORT', ...without]) delete env[name];
  return env;
}

/** A config file naming a database of its own (and any other options). */
function configFile(options: Record<string, unknown> = {}, database: { dbName?: string; withMongodb?: boolean; collectionPrefix?: string } = {}): { file: string; dbName: string } {
  const dbName = database.dbName ?? uniqueDbName('authql_cli');
  databases.push(dbName);
  const mongodb = { uri: testDatabaseUri(), dbName, ...(database.collectionPrefix === undefined ? {} : { collectionPrefix: database.collectionPrefix }) };
  const content = database.withMongodb === false ? options : { ...options, mongodb };
  const file = path.join(tmp, `${dbName}.json`);
  writeFileSync(file, JSON.stringify(content));
  return { file, dbName };
}

afterAll(async () => {
  await stopAllCli();
  for (const dbName of databases) {
    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
  rmSync(tmp, { recursive: true, force: true });
});

describe('usage', () => {
  // The commands that need no database start together: tsx takes seconds to start each one.
  const COMMANDS = ['serve', 'print-schema', 'create-admin', 'ensure-indexes', 'import-users', 'mail-worker'];
  let help: Record<string, Run>;
  let usage: Record<'none' | 'unknown' | 'flag', Run>;
  beforeAll(async () => {
    const [helps, none, unknown, flag] = await Promise.all([
      Promise.all(COMMANDS.map((command) => authql([command, '--help']))),
      authql([]),
      authql(['frobnicate']),
      authql(['ensure-indexes', '--frobnicate']),
    ]);
    help = Object.fromEntries(COMMANDS.map((command, i) => [command, helps[i]]));
    usage = { none, unknown, flag };
  });

  test.each(COMMANDS)('an operator asks `authql %s --help` and reads its usage (exit 0)', (command) => {
    const run = help[command];
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`Usage: authql ${command}`)).toBe(true);
    expect(run.stdout.split('\n').length).toBeGreaterThan(2);
  });

  test('`authql` with no command prints the list of commands and exits 2', () => {
    expect(usage.none.code).toBe(2);
    const printed = usage.none.stdout + usage.none.stderr;
    expect(printed).toMatch(/^Usage: authql <command>/);
    for (const command of COMMANDS) expect(printed).toContain(command);
  });

  test('an unknown command exits 2 with one sentence on stderr naming it', () => {
    expect(usage.unknown.code).toBe(2);
    expect(usage.unknown.stdout).toBe('');
    const lines = usage.unknown.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('frobnicate');
    expect(lines[0]).toMatch(/unknown command/i);
  });

  test('an unknown flag exits 2 and names the flag', () => {
    expect(usage.flag.code).toBe(2);
    expect(usage.flag.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.flag.stderr).toContain('--frobnicate');
  });
});

describe('create-admin', () => {
  test('an operator pipes a strong password into create-admin; the admin can then log in to a server on that database, active, staff and superuser', async () => {
    const { file, dbName } = configFile();
    const run = await authql(['create-admin', '--email', 'a@example.com', '--password-stdin', '--config', file], { input: `${STRONG_PASSWORD}\n` });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('a@example.com');
    expect(run.stdout).not.toContain(STRONG_PASSWORD);

    const server = await startTestServer({}, { dbName });
    try {
      const login = await server.gql(LOGIN, { input: { email: 'a@example.com', password: STRONG_PASSWORD } });
      expect(login.data.login.__typename).toBe('LoginSuccess');
      const me = await server.gql(graphql(`query CliMe { me { email isActive isStaff isSuperuser } }`), {}, { token: login.data.login.token });
      expect(me.data.me).toEqual({ email: 'a@example.com', isActive: true, isStaff: true, isSuperuser: true });

      // The same email a second time: refused, exit 1, and the first admin is untouched.
      const again = await authql(['create-admin', '--email', 'A@example.com', '--password-stdin', '--config', file], { input: 'another strong passphrase 7\n' });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
      const stillWorks = await server.gql(LOGIN, { input: { email: 'a@example.com', password: STRONG_PASSWORD } });
      expect(stillWorks.data.login.__typename).toBe('LoginSuccess');
    } finally {
      await server.close();
    }
  });

  test("a weak password is refused with the policy's messages (exit 1), and no admin is created", async () => {
    const { file, dbName } = configFile();
    const run = await authql(['create-admin', '--email', 'weak@example.com', '--password-stdin', '--config', file], { input: '1234\n' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('This password is too short.');
    expect(run.stderr).toContain('This password is too common.');
    expect(run.stderr).toContain('This password is entirely numeric.');
    expect(run.stderr).not.toContain('1234\n');

    const server = await startTestServer({}, { dbName });
    try {
      const login = await server.gql(LOGIN, { input: { email: 'weak@example.com', password: '1234' } });
      expect(login.data.login).toMatchObject({ __typename: 'AuthError', code: 'INVALID_CREDENTIALS' });
    } finally {
      await server.close();
    }
  });

  test('with loginField "username" in the config, `--username root --email r@example.com` creates an admin who logs in as root', async () => {
    const { file, dbName } = configFile({ loginField: 'username' });
    const run = await authql(['create-admin', '--username', 'root', '--email', 'r@example.com', '--password-stdin', '--config', file], { input: STRONG_PASSWORD });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const server = await startTestServer({ loginField: 'username' }, { dbName });
    try {
      const login = await server.gql(
        graphql(`mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }`),
        { input: { username: 'root', password: STRONG_PASSWORD } },
      );
      expect(login.data.login.__typename).toBe('LoginSuccess');
      const me = await server.gql(graphqlUsername(`query CliRootMe { me { username email isActive isStaff isSuperuser } }`), {}, { token: login.data.login.token });
      expect(me.data.me).toEqual({ username: 'root', email: 'r@example.com', isActive: true, isStaff: true, isSuperuser: true });
    } finally {
      await server.close();
    }
  });
});

describe("a host database with its own users collection (a unique email index, ada@example.com in it)", () => {
  /** The host's database: its `users` with ada in it; what it held, to compare with afterwards. */
  async function hostDatabase(dbName: string) {
    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    const users = connection.collection('users');
    await users.createIndex({ email: 1 }, { unique: true });
    await users.insertOne({ email: 'ada@example.com', plan: 'pro' });
    return { connection, users, before: await users.find().toArray() };
  }

  test("create-admin writes its superuser into authql_users and leaves the host's users as they were", async () => {
    const { file, dbName } = configFile();
    const host = await hostDatabase(dbName);
    try {
      const run = await authql(['create-admin', '--email', 'ada@example.com', '--password-stdin', '--config', file], { input: `${STRONG_PASSWORD}\n` });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await host.users.find().toArray()).toEqual(host.before);
      expect(await host.connection.collection('authql_users').findOne({ email: 'ada@example.com' })).toMatchObject({ isSuperuser: true, isStaff: true });
    } finally {
      await host.connection.close();
    }
  });

  test('AUTHQL_COLLECTION_PREFIX wins over the config file: create-admin writes into acme_users', async () => {
    const { file, dbName } = configFile({}, { collectionPrefix: 'filed_' });
    const host = await hostDatabase(dbName);
    try {
      const run = await authql(['create-admin', '--email', 'ada@example.com', '--password-stdin', '--config', file], {
        env: environment({ AUTHQL_COLLECTION_PREFIX: 'acme_' }),
        input: `${STRONG_PASSWORD}\n`,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(await host.connection.collection('acme_users').countDocuments({ email: 'ada@example.com', isSuperuser: true })).toBe(1);
      const names = (await host.connection.db!.listCollections().toArray()).map((c) => c.name);
      expect(names.filter((name) => name.startsWith('filed_') || name.startsWith('authql_'))).toEqual([]);
      expect(await host.users.find().toArray()).toEqual(host.before);
    } finally {
      await host.connection.close();
    }
  });
});

describe('ensure-indexes', () => {
  test('creates the users collection with a unique index on the login key (exit 0)', async () => {
    const { file, dbName } = configFile();
    const run = await authql(['ensure-indexes', '--config', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(dbName);

    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    try {
      const indexes = await connection.collection('authql_users').indexes();
      const loginKey = indexes.find((index) => JSON.stringify(index.key) === JSON.stringify({ loginKey: 1 }));
      expect(loginKey).toMatchObject({ unique: true });
    } finally {
      await connection.close();
    }
  });

  test('without MONGODB_URI and without mongodb in the config it exits 2 with a sentence naming MONGODB_URI', async () => {
    const { file } = configFile({}, { withMongodb: false });
    const run = await authql(['ensure-indexes', '--config', file], { env: environment({}, ['MONGODB_URI']) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('MONGODB_URI');
  });
});

describe('email preview', () => {
  /** Each template's own link (none for a notice) and a value only it shows, with the sample data. */
  const EXPECTED: Record<TemplateName, { link: string | null; shows: RegExp }> = {
    activation: { link: '#/activate/', shows: /activate your account/ },
    confirmation: { link: null, shows: /has been created and is active/ },
    'password-reset': { link: '#/password/reset/confirm/', shows: /choose a new password/ },
    'password-changed': { link: null, shows: /Passkey "Laptop"/ },
    'username-reset': { link: '#/username/reset/confirm/', shows: /choose a new email/ },
    'username-changed': { link: null, shows: /Your email has been changed/ },
    'email-change': { link: '#/email/change/confirm/', shows: /make ada\.lovelace@example\.com the email address/ },
    'email-change-notice': { link: null, shows: /to ada\.lovelace@example\.com/ },
    'security-notice': { link: null, shows: /Two-factor authentication .* was turned on/ },
    'login-code': { link: '#/login/link/', shows: /123456/ },
  };
  const LINKS = Object.values(EXPECTED).flatMap(({ link }) => (link ? [link] : []));
  let previews: Record<string, Run & { html: string }>;
  beforeAll(async () => {
    const runs = await Promise.all(
      TEMPLATE_NAMES.map(async (name) => {
        const out = path.join(tmp, `preview-${name}.html`);
        const run = await authql(['email', 'preview', name, '--out', out]);
        return [name, { ...run, html: run.code === 0 ? readFileSync(out, 'utf8') : '' }] as const;
      }),
    );
    previews = Object.fromEntries(runs);
  });

  test('every template is in the list this story checks', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  test.each([...TEMPLATE_NAMES])('`authql email preview %s` shows that email: its subject, its own link (or none), its own content', (name) => {
    const { code, stdout, html } = previews[name];
    expect(code).toBe(0);
    const { link, shows } = EXPECTED[name];
    const [, subject, text] = /Subject: (.*)\n\n([\s\S]*)/.exec(stdout) ?? [];
    expect(subject).toBeTruthy();
    expect(subject).not.toMatch(/\{\{|undefined/);
    expect(text).toMatch(shows);
    for (const other of LINKS.filter((l) => l !== link)) {
      expect(text).not.toContain(other);
      expect(html).not.toContain(other);
    }
    if (link) {
      expect(text).toContain(`http://127.0.0.1:4000/${link}`);
      expect(html).toContain(`http://127.0.0.1:4000/${link}`);
    } else {
      expect(text).not.toMatch(/https?:\/\//);
    }
  });
});
