// `authql <command>` as an operator runs it: help, usage errors with exit 2,
// create-admin (password on stdin, held to the policy) and ensure-indexes against the real
// test database. Every child runs in its own process group and is stopped in afterAll.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { signalGroup, startCli, stopAllCli } from './helpers/cli';
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
function configFile(options: Record<string, unknown> = {}, database: { dbName?: string; withMongodb?: boolean } = {}): { file: string; dbName: string } {
  const dbName = database.dbName ?? uniqueDbName('authql_cli');
  databases.push(dbName);
  const content = database.withMongodb === false ? options : { ...options, mongodb: { uri: testDatabaseUri(), dbName } };
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

describe('ensure-indexes', () => {
  test('creates the users collection with a unique index on the login key (exit 0)', async () => {
    const { file, dbName } = configFile();
    const run = await authql(['ensure-indexes', '--config', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(dbName);

    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    try {
      const indexes = await connection.collection('users').indexes();
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
