// What an operator reads when authql cannot start, and what a developer gets without a secret.
// `authql serve` is spawned with each kind of bad database (a port nobody listens on, a URI that
// does not parse, a host DNS does not know, a PostgreSQL URI, a real FerretDB refusing the
// password or a URI without one, a server that accepts connections and never answers): each
// exits non-zero with one paragraph naming the cause and never the password, and createAuth
// rejects with the same words. In production every failed check is listed at once; in
// development a missing secret is a random one, with one warning.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createAuth, type Auth } from '../src/auth';
import { freePort, findFerretDB, startFerretDB, type FerretDBProcess } from '../src/cli/embedded-db';
import { DatabaseConnectionError, type DatabaseFailureReason } from '../src/errors';
import { ActivateDocument, JwtCreateDocument } from '../src/client/generated/graphql';
import { cliEnv, runCli, startCli, stopAllCli, waitFor, signalGroup } from './helpers/cli';
import { PASSWORD, linkParts, register } from './helpers/journeys';
import { dropTestDatabase } from './helpers/database';
import { withCleanup, withResource, withTempDir } from './helpers/resources';
import { startTestServer, TEST_SECRET, testDatabaseUri, uniqueDbName, withSmtpServer } from './helpers/server';

jest.setTimeout(180_000);

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const PASSWORD_IN_URI = 'hunter2-Secret';

afterAll(stopAllCli);
const smtp = withSmtpServer();
const configDir = withTempDir('authql-startup-messages-');

/** A server that accepts TCP connections and never says a word: the driver's handshake times out. */
const silentServer = withResource(
  'a server that never answers',
  async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => void sockets.add(socket.on('close', () => sockets.delete(socket))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, sockets, port: (server.address() as net.AddressInfo).port };
  },
  ({ server, sockets }) => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  },
);

/** A real FerretDB that requires authentication: user alice, and only her password. */
const guarded = withResource<FerretDBProcess>(
  'a FerretDB with authentication',
  async () => {
    const binary = await findFerretDB(process.env, { build: true });
    if (!binary) throw new Error('no FerretDB binary to start (it is built into ~/.cache/authql when go is on PATH)');
    return startFerretDB(binary, { args: ['--test-enable-new-auth', '--setup-username=alice', '--setup-password=right-password', '--setup-database=authql'] });
  },
  (ferret) => ferret.stop(),
  60_000,
);

interface Cause {
  reason: DatabaseFailureReason;
  uri: () => Promise<string> | string;
  says: RegExp[];
}

const CAUSES: Record<string, Cause> = {
  'a port nobody listens on': {
    reason: 'refused',
    uri: async () => `mongodb://ada:${PASSWORD_IN_URI}@127.0.0.1:${await freePort()}/authql`,
    says: [/127\.0\.0\.1:\d+: the connection was refused/, /Is the server running/],
  },
  'a URI whose password has an unescaped ":"': {
    reason: 'malformed-uri',
    uri: () => `mongodb://ada:${PASSWORD_IN_URI}:x@127.0.0.1:27017/authql`,
    says: [/is malformed/, /the password has characters that must be percent-encoded/],
  },
  'a host DNS does not know': {
    reason: 'unknown-host',
    uri: () => `mongodb://ada:${PASSWORD_IN_URI}@nosuch-host.invalid:27017/authql`,
    says: [/the host name "nosuch-host\.invalid"/, /DNS/],
  },
  'a PostgreSQL URI': {
    reason: 'wrong-scheme',
    uri: () => `postgres://ada:${PASSWORD_IN_URI}@127.0.0.1:5432/app`,
    says: [/PostgreSQL/, /authql needs a MongoDB-wire server: MongoDB or FerretDB/, /run FerretDB in front of it/, /docs\/operations\.md/],
  },
  'a password the server refuses': {
    reason: 'authentication-failed',
    uri: () => `mongodb://alice:${PASSWORD_IN_URI}@127.0.0.1:${guarded.port}/authql`,
    says: [/refused the credentials of user "alice"/, /authentication failed/],
  },
  'no credentials for a server that requires them': {
    reason: 'authentication-failed',
    uri: () => `mongodb://127.0.0.1:${guarded.port}/authql`,
    says: [/requires authentication: put a user name and password in the URI/],
  },
  'a server that never answers': {
    reason: 'timeout',
    uri: () => `mongodb://ada:${PASSWORD_IN_URI}@127.0.0.1:${silentServer.port}/authql`,
    says: [/did not answer within 2 s/, /timeout/],
  },
};

describe('a database that cannot be opened is reported with its cause, never the password', () => {
  const outcomes: Record<string, { uri: string; code: number | null; stderr: string; stdout: string; library: unknown }> = {};
  beforeAll(async () => {
    // tsx takes seconds to start: every `serve` runs at once, each with a deadline.
    await Promise.all(
      Object.entries(CAUSES).map(async ([name, cause]) => {
        const uri = await cause.uri();
        const env = cliEnv({ MONGODB_URI: uri, AUTH_SECRET: TEST_SECRET, PORT: String(await freePort()) });
        const [run, library] = await Promise.all([
          runCli(['serve'], env, 90_000),
          createAuth({ mongodb: { uri }, secret: TEST_SECRET, logger: silent }).then(
            (auth: Auth) => auth.close().then(() => 'started'),
            (error: unknown) => error,
          ),
        ]);
        outcomes[name] = { uri, ...run, library };
      }),
    );
  }, 150_000);

  test.each(Object.keys(CAUSES))('%s: `serve` exits non-zero with one paragraph naming the cause; createAuth rejects with the same', (name) => {
    const { code, stderr, stdout, library } = outcomes[name];
    const cause = CAUSES[name];
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/serving/);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/^authql serve: /);
    for (const says of cause.says) expect(line).toMatch(says);
    expect(line).not.toMatch(/MongoDB is unavailable/);
    expect(`${stdout}${stderr}`).not.toContain(PASSWORD_IN_URI);

    expect(library).toBeInstanceOf(DatabaseConnectionError);
    const error = library as DatabaseConnectionError;
    expect(error.reason).toBe(cause.reason);
    expect(`authql serve: ${error.message.replace(/^authql: /, '')}`).toBe(line);
  });

  test('the URI is shown with its password masked, so the operator sees which one was used', () => {
    expect(outcomes['a port nobody listens on'].stderr).toMatch(/mongodb:\/\/ada:\*\*\*@127\.0\.0\.1:\d+\/authql/);
  });
});

describe('in production every failed check is reported at once', () => {
  test('`serve` with no AUTH_SECRET, no MONGODB_URI and no SMTP_URL names all three (and the frontend) in one error, and exits non-zero', async () => {
    const run = await runCli(['serve'], cliEnv({ NODE_ENV: 'production', PORT: String(await freePort()) }), 60_000);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(/serving|database:/);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/in production, 4 checks failed/);
    for (const named of [/MONGODB_URI/, /AUTH_SECRET/, /SMTP_URL/, /frontend\.domain/]) expect(lines[0]).toMatch(named);
  });

  test('createAuth throws one ConfigError listing the secret, the mailer, the frontend and the metrics token together', async () => {
    const attempt = createAuth({
      production: true,
      mongodb: { uri: testDatabaseUri(), dbName: uniqueDbName('authql_checks') },
      secret: 'short',
      metrics: { enabled: true },
      logger: silent,
    });
    await expect(attempt).rejects.toMatchObject({ name: 'ConfigError' });
    const { message } = (await attempt.catch((error: Error) => error)) as Error;
    expect(message).toMatch(/in production, 4 checks failed/);
    for (const named of [/AUTH_SECRET.*32 bytes/, /email transport/, /frontend\.domain/, /metrics\.token/]) expect(message).toMatch(named);
  });
});

describe('in development a missing secret is a random one, with one warning', () => {
  const cleanup = withCleanup();

  test('createAuth without a secret starts, warns once that what it signs dies with the process, and its links and JWTs work until then', async () => {
    const warnings: string[] = [];
    const logger = { ...silent, warn: (message: string) => void warnings.push(message) };
    const dbName = uniqueDbName('authql_nosecret');
    const first = cleanup.add(await startTestServer({ secret: undefined, logger, sendActivationEmail: true }, { smtp, dbName }), (s) => s.close());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/AUTH_SECRET/);
    expect(warnings[0]).toMatch(/random/);
    expect(warnings[0]).toMatch(/restarts/);

    const email = 'nosecret@example.com';
    await register(first, { email, password: PASSWORD });
    const { uid, token } = linkParts(await smtp.waitForEmail((e) => e.to === email && /activat/i.test(e.subject)));
    const activated = await first.gql(ActivateDocument, { input: { uid, token } });
    expect(activated.data?.activate.__typename).toBe('ActivateSuccess');
    const jwt = await first.gql(JwtCreateDocument, { input: { email, password: PASSWORD } });
    expect(jwt.data?.jwtCreate.__typename).toBe('JwtCreateSuccess');
    const access = (jwt.data!.jwtCreate as { access: string }).access;
    expect((await first.gql('{ me { email } }', {}, { headers: { authorization: `Bearer ${access}` } })).data).toEqual({ me: { email } });

    // As the warning says: a restart (another random secret) no longer accepts that JWT.
    const restarted = cleanup.add(await startTestServer({ secret: undefined, logger: silent }, { smtp, dbName }), (s) => s.close());
    const after = await restarted.gql('{ me { email } }', {}, { headers: { authorization: `Bearer ${access}` } });
    expect(after.data?.me ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('`authql serve` without AUTH_SECRET serves, and says so once', async () => {
    const dbName = uniqueDbName('authql_nosecret_cli');
    const configFile = path.join(configDir, 'nosecret.json');
    writeFileSync(configFile, JSON.stringify({ mongodb: { dbName } }));
    cleanup.add(dbName, dropTestDatabase);
    const serve = startCli(['serve', '--config', configFile], cliEnv({ MONGODB_URI: testDatabaseUri(), PORT: String(await freePort()) }));
    try {
      await waitFor('"serving" in the log', () => /serving/.test(serve.stdout()), 60_000, serve);
      const output = `${serve.stdout()}${serve.stderr()}`;
      expect(output.match(/AUTH_SECRET is not set/g)).toHaveLength(1);
      expect(output).toMatch(/restarts/);
    } finally {
      signalGroup(serve, 'SIGTERM');
      await serve.exited;
    }
  });
});
