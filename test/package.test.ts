// The package as a project gets it: `npm pack` (which builds), then a fresh project outside the
// repository installs the tarball from disk and its dependencies from the registry, and uses it
// the ways the README's install section shows: ESM, CommonJS, TypeScript (node16 and bundler
// resolution), the `authql` bin, authql/client in a Vite bundle for the browser, and authql/react.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { freePort } from '../src/cli/embedded-db';
import { ROOT, cliEnv, signalGroup, startProcess, stopAllCli, waitFor, waitForGroupGone, withDeadline, type CliProcess } from './helpers/cli';
import { relativeLinkTargets } from './helpers/markdown-links';
import { packTarball, sh } from './helpers/package';
import { LOGIN, ME, PASSWORD, registerAndActivate } from './helpers/journeys';
import { TEST_SECRET, graphqlAt, testDatabaseUri, uniqueDbName } from './helpers/server';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp';

// npm pack builds the package, and the install fetches its dependencies.
jest.setTimeout(10 * 60_000);

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

let workDir: string;
let project: string;
let tarball: string;
let smtp: TestSmtpServer;
const databases: string[] = [];

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  workDir = mkdtempSync(path.join(tmpdir(), 'authql-package-'));
  tarball = await packTarball(workDir);
  project = path.join(workDir, 'consumer');
  write('package.json', JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  const typesNode = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8')).version;
  await sh('npm', ['install', '--no-audit', '--no-fund', tarball, `@types/node@${typesNode}`], project);
});

afterAll(async () => {
  await stopAllCli();
  await smtp?.close();
  for (const dbName of databases) {
    const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

function databaseFor(story: string): string {
  const dbName = uniqueDbName(`authql_package_${story}`);
  databases.push(dbName);
  return dbName;
}

// A host's own server: createAuth, then auth.yoga() on node:http. The same body for ESM and CommonJS.
const HOST_BODY = `
const auth = await createAuth({
  mongodb: { uri: process.env.MONGODB_URI, dbName: process.env.DB_NAME },
  secret: process.env.AUTH_SECRET,
  sendActivationEmail: true,
  frontend: { domain: 'app.example.test', protocol: 'https', siteName: 'Acme' },
  email: { transport: process.env.SMTP_URL, retryDelay: '1s' },
  rateLimits: false,
});
const server = createServer(auth.yoga());
server.listen(0, '127.0.0.1', () => {
  // Whether mjml was loaded: the default emails ship precompiled, so it should not be.
  const mjmlLoaded = Object.keys(createRequire(process.cwd() + '/').cache).some((file) => /[\\\\/]node_modules[\\\\/]mjml/.test(file));
  console.log(JSON.stringify({ port: server.address().port, mjmlLoaded }));
});
process.on('SIGTERM', () => server.close(() => auth.close().then(() => process.exit(0))));
`;

async function startHost(file: string, story: string): Promise<{ host: CliProcess; url: string; mjmlLoaded: boolean }> {
  const env = cliEnv({ MONGODB_URI: testDatabaseUri(), DB_NAME: databaseFor(story), AUTH_SECRET: TEST_SECRET, SMTP_URL: smtp.url });
  const host = startProcess(process.execPath, [file], env, { cwd: project });
  const line = await waitFor('the host listening', () => host.stdout().split('\n').find((l) => l.startsWith('{"port"')), 60_000, host);
  const { port, mjmlLoaded } = JSON.parse(line) as { port: number; mjmlLoaded: boolean };
  return { host, url: `http://127.0.0.1:${port}/graphql`, mjmlLoaded };
}

/** Sign-up, the activation email (its HTML precompiled at build time), login and `me`, against a host. */
async function signUpAndAskWhoIAm(url: string, email: string) {
  const server = { gql: graphqlAt(url), smtp };
  const { activated } = await registerAndActivate(server, email);
  expect(activated).toMatchObject({ __typename: 'ActivateSuccess', user: { isActive: true } });
  const activation = smtp.emailsTo(email)[0];
  expect(activation.subject).toBe('Account activation on Acme');
  expect(activation.html).toMatch(/^<!doctype html>/i);
  expect(activation.html).toMatch(/href="https:\/\/app\.example\.test\/#\/activate\/[A-Za-z0-9_-]+\/[0-9a-z]+-[A-Za-z0-9_-]{43}"/);
  const loggedIn = await server.gql(LOGIN, { input: { email, password: PASSWORD } });
  expect(loggedIn.data.login.__typename).toBe('LoginSuccess');
  return server.gql(ME, {}, { token: loggedIn.data.login.token });
}

/** The host file serves sign-up, activation, login and `me`, never having loaded mjml, and stops cleanly. */
async function expectHostServesTheJourney(file: string, email: string): Promise<void> {
  const { host, url, mjmlLoaded } = await startHost(file, path.extname(file).slice(1));
  const me = await signUpAndAskWhoIAm(url, email);
  expect(me).toMatchObject({ status: 200, data: { me: { email, isActive: true } } });
  expect(me.errors).toBeUndefined();
  expect(mjmlLoaded).toBe(false);
  await stop(host);
}

async function stop(child: CliProcess): Promise<void> {
  child.process.kill('SIGTERM');
  expect(await withDeadline(child.exited, 15_000, 'stopping after SIGTERM')).toEqual({ code: 0, signal: null });
}

test("an ES module `import { createAuth } from 'authql'` runs on plain Node and serves the sign-up journey and `me` over HTTP, without loading mjml", async () => {
  write('host.mjs', `import { createServer } from 'node:http';\nimport { createRequire } from 'node:module';\nimport { createAuth } from 'authql';\n${HOST_BODY}`);
  await expectHostServesTheJourney('host.mjs', 'esm@example.com');
});

test("a CommonJS file `require('authql')` does the same", async () => {
  write(
    'host.cjs',
    `const { createServer } = require('node:http');\nconst { createRequire } = require('node:module');\nconst { createAuth } = require('authql');\n(async () => {${HOST_BODY}})();\n`,
  );
  await expectHostServesTheJourney('host.cjs', 'cjs@example.com');
});

// What a host typically writes in TypeScript: options typed as AuthOptions, the Yoga server,
// the schema, and the caller as a User — nothing of mongoose, no casts.
const TS_EMBEDDING = (topLevel: (body: string) => string) => `import { createServer } from 'node:http';
import { createAuth, type AuthOptions, type User } from 'authql';

const options: AuthOptions = {
  mongodb: { uri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/app' },
  secret: process.env.AUTH_SECRET ?? '',
  loginField: 'email',
  sendActivationEmail: true,
  userFields: { firstName: { type: 'string', maxLength: 50 } },
  frontend: { domain: 'app.example.com', protocol: 'https', siteName: 'App' },
  session: { lifetime: '14d' },
  hooks: { onRegistered: ({ user }) => console.log('registered', user.id) },
};

export function describeCaller(user: User | null): string {
  if (!user) return 'anonymous';
  const since: string = new Date(user.dateJoined).toISOString();
  return \`\${user.email ?? user.id} (staff: \${user.isStaff}, since \${since})\`;
}

${topLevel(`const auth = await createAuth(options);
const typeNames: string[] = Object.keys(auth.schema.getTypeMap());
const yoga = auth.yoga();
const server = createServer(async (req, res) => {
  if (req.url === '/whoami') {
    const request = new Request('http://localhost/whoami', { headers: { authorization: String(req.headers.authorization ?? '') } });
    res.end(describeCaller(await auth.viewer(request)));
    return;
  }
  await yoga(req, res);
});
server.listen(4000, () => console.log(typeNames.length));
process.on('SIGTERM', () => void auth.close());`)}
`;

const CLIENT_CODE = `import { AuthqlError, LoginDocument, MeDocument, createAuthClient, createClient } from 'authql/client';

let token: string | null = null;
const client = createClient({ url: '/graphql', token: () => token });

export async function signIn(email: string, password: string): Promise<string | null> {
  const { login } = await client.request(LoginDocument, { input: { email, password } });
  if (login.__typename === 'LoginSuccess') {
    token = login.token;
    return null;
  }
  return login.__typename === 'AuthError' ? login.message : 'check the form';
}

export async function whoAmI(): Promise<string> {
  try {
    const { me } = await client.request(MeDocument);
    return me ? me.email ?? me.id : 'signed out';
  } catch (error) {
    return error instanceof AuthqlError ? error.code : 'offline';
  }
}

const auth = createAuthClient({ url: '/graphql', mode: 'jwt', storage: 'localStorage' });
export const unsubscribe = auth.subscribe((session) => console.log(session ? session.user.email : 'signed out'));

export async function signInWithJwt(email: string, password: string): Promise<string | null> {
  const result = await auth.signIn({ email, password });
  if (result.__typename === 'JwtCreateSuccess') return auth.getSession()?.user.email ?? null;
  return result.__typename === 'AuthError' ? result.code : null;
}
`;

describe('a TypeScript project', () => {
  const compilerOptions = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: ['node'] };

  /** The errors tsc reports in the project's own files and in authql's types; other libraries' are theirs. */
  async function typeCheck(config: string, options: Record<string, unknown>, files: string[]): Promise<string[]> {
    write(config, JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files }, null, 2));
    const output = await sh(process.execPath, [TSC, '-p', config], project).catch((error: Error) => error.message);
    return output.split('\n').filter((line) => /^(src\/|node_modules\/authql\/)\S+\(\d+,\d+\): error /.test(line));
  }

  test('with moduleResolution node16 type-checks a typical embedding, as an ES module and as CommonJS, and a browser client', async () => {
    write('src/host.mts', TS_EMBEDDING((body) => body));
    write('src/host.cts', TS_EMBEDDING((body) => `async function main(): Promise<void> {\n${body}\n}\nvoid main();`));
    write('src/client.mts', CLIENT_CODE);
    expect(await typeCheck('tsconfig.node16.json', { module: 'node16', moduleResolution: 'node16' }, ['src/host.mts', 'src/host.cts', 'src/client.mts'])).toEqual([]);
  });

  test('`npx authql client` writes the typed client for a username-login config, and a program on it type-checks against the installed package', async () => {
    write('auth/config.json', JSON.stringify({ loginField: 'username' }));
    await sh('npx', ['authql', 'client', '--config', 'auth/config.json', '--out', 'src/auth'], project);
    write('src/generated-use.ts', "import { createAuthClient } from './auth/authql';\nconst auth = createAuthClient({ url: '/graphql', mode: 'token' });\nexport const signIn = () => auth.signIn({ username: 'ann', password: 'a long passphrase' });\n");
    expect(await typeCheck('tsconfig.generated.json', { module: 'esnext', moduleResolution: 'bundler' }, ['src/generated-use.ts'])).toEqual([]);
  });

  test('with moduleResolution bundler type-checks the same embedding and client, and a misspelt option is an error naming it', async () => {
    write('src/host.ts', TS_EMBEDDING((body) => body));
    write('src/client.ts', CLIENT_CODE);
    write('src/wrong.ts', `import { createAuth } from 'authql';\nvoid createAuth({ mongodb: { uri: 'mongodb://x' }, secret: 's', loginFeild: 'email' });\n`);
    const errors = await typeCheck('tsconfig.bundler.json', { module: 'esnext', moduleResolution: 'bundler' }, ['src/host.ts', 'src/client.ts', 'src/wrong.ts']);
    expect(errors).toEqual([expect.stringMatching(/^src\/wrong\.ts\(2,\d+\): error TS\d+: .*'loginFeild'.*Did you mean to write 'loginField'\?/)]);
  });

  test("the published types name nothing of mongoose: a host's own models and mongoose version never meet authql's", () => {
    const dist = path.join(project, 'node_modules', 'authql', 'dist');
    for (const file of ['index.d.ts', 'index.d.mts']) {
      const types = readFileSync(path.join(dist, file), 'utf8');
      expect(types.length).toBeGreaterThan(1000);
      // Nothing imported from either package (the option key `'mongodb'` is authql's own word).
      expect(types).not.toMatch(/mongoose|from ['"]mongodb['"]|import\(['"]mongodb['"]\)/);
    }
  });
});

test('`npx authql serve` runs the compiled CLI (no tsx installed) and answers GraphQL and GraphiQL', async () => {
  expect(existsSync(path.join(project, 'node_modules', 'tsx'))).toBe(false);
  const help = await sh('npx', ['authql', '--help'], project);
  expect(help).toMatch(/^Usage: authql <command>/);

  const port = await freePort();
  const uri = new URL(testDatabaseUri());
  uri.pathname = `/${databaseFor('cli')}`;
  const env = cliEnv({ MONGODB_URI: uri.toString(), AUTH_SECRET: TEST_SECRET, PORT: String(port), HOST: '127.0.0.1' });
  const serve = startProcess('npx', ['authql', 'serve'], env, { cwd: project });
  await waitFor('"serving" in the log', () => /serving/.test(serve.stdout()), 60_000, serve);
  const url = `http://127.0.0.1:${port}/graphql`;
  expect(serve.stdout()).toContain(`serving ${url}`);
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { id } }' }) });
  expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 200, body: { data: { me: null } } });
  const page = await fetch(url, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/graphiql/i);
  // npx stays in between: the whole process group gets the signal, and the port closes.
  signalGroup(serve, 'SIGTERM');
  await waitForGroupGone(serve, 15_000);
  expect(serve.stdout()).toMatch(/SIGTERM: shutting down/);
  await expect(fetch(url)).rejects.toThrow();
});

test('authql/client bundles with Vite for the browser with nothing of Node in it', async () => {
  write('web/index.html', '<!doctype html><html><body><p id="who"></p><script type="module" src="./main.js"></script></body></html>\n');
  write(
    'web/main.js',
    "import { createAuthClient, MeDocument } from 'authql/client';\n" +
      "const client = createAuthClient({ url: '/graphql', mode: 'jwt', storage: 'localStorage' });\n" +
      "client.request(MeDocument).then(({ me }) => { document.getElementById('who').textContent = me ? me.email : 'signed out'; });\n",
  );
  const output = await sh(process.execPath, [VITE, 'build', '--emptyOutDir', '--minify', 'false'], path.join(project, 'web'));
  // Vite says when it had to stub a Node built-in for the browser.
  expect(output).not.toMatch(/externalized for browser compatibility/);
  const assets = path.join(project, 'web', 'dist', 'assets');
  const bundles = readdirSync(assets).filter((file) => file.endsWith('.js'));
  expect(bundles).toHaveLength(1);
  const bundle = readFileSync(path.join(assets, bundles[0]), 'utf8');
  expect(bundle).toContain('MeDocument');
  expect(bundle).toContain('function createAuthClient');
  expect(bundle).not.toMatch(/__vite-browser-external|from ["']node:|require\(["']/);
});

test("the runtime dependencies are exactly what the compiled code imports (optional peers: tsx for a .ts config file, react, and the host's mongoose range)", () => {
  const installed = path.join(project, 'node_modules', 'authql');
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };
  const dist = path.join(installed, 'dist');
  const imported = new Set<string>();
  // The CLI bundle (cli.cjs) carries most of its dependencies inside: what it still requires are
  // the packages it leaves out, and the MongoDB driver's optional peers (the driver's, not ours).
  const driverPeers = Object.keys(JSON.parse(readFileSync(path.join(project, 'node_modules', 'mongodb', 'package.json'), 'utf8')).peerDependenciesMeta);
  for (const file of readdirSync(dist).filter((f) => /\.(mjs|cjs)$/.test(f))) {
    const code = readFileSync(path.join(dist, file), 'utf8');
    for (const [, specifier] of code.matchAll(/(?:from |import\(|require\()"([^".][^"]*)"/g)) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (isBuiltin(name) || !/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name)) continue;
      if (file === 'cli.cjs' && driverPeers.includes(name)) continue;
      imported.add(name);
    }
  }
  // @pothos/plugin-federation loads its peer @apollo/subgraph; the client's .d.ts names TypedDocumentNode.
  const expected = [...new Set([...imported, '@apollo/subgraph', '@graphql-typed-document-node/core'])].sort();
  expect([...new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)])].sort()).toEqual(expected);
  // authql runs its own mongoose 9; a host's connection may be of mongoose 8 or 9.
  expect(manifest.peerDependencies.mongoose).toBe('^8.0.0 || ^9.0.0');
  expect(manifest.peerDependenciesMeta).toEqual({ mongoose: { optional: true }, react: { optional: true }, tsx: { optional: true } });
  // authql/react ships, and imports nothing but React (the client an app passes in).
  expect(readdirSync(dist)).toEqual(expect.arrayContaining(['react.mjs', 'react.cjs', 'react.d.mts', 'react.d.ts']));
  expect([...readFileSync(path.join(dist, 'react.mjs'), 'utf8').matchAll(/from "([^"]+)"/g)].map((m) => m[1])).toEqual(['react']);
  // authql/gateway ships, and imports nothing: a gateway loads none of authql's server to use it.
  expect(readdirSync(dist)).toEqual(expect.arrayContaining(['gateway.mjs', 'gateway.cjs', 'gateway.d.mts', 'gateway.d.ts']));
  expect(readFileSync(path.join(dist, 'gateway.mjs'), 'utf8')).not.toMatch(/\bfrom "|\brequire\(|\bimport\(/);
});

test("the host-yoga example runs from the tarball: the host's own User, me and users collection next to authql's prefixed schema", async () => {
  // The example as a host copies it, in the project that installed the tarball (authql brings
  // graphql-yoga, mongoose and @graphql-tools/schema along); run by tsx, as its README says.
  const dir = path.join(project, 'host-yoga');
  cpSync(path.join(ROOT, 'examples', 'host-yoga'), dir, { recursive: true });
  const dbName = databaseFor('host_yoga');
  const connection = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
  try {
    const hostUsers = connection.db!.collection('users');
    await hostUsers.createIndex({ email: 1 }, { unique: true });
    await hostUsers.insertOne({ email: 'ada@example.com', name: 'Ada Lovelace' });
    const before = await hostUsers.find().toArray();

    const uri = new URL(testDatabaseUri());
    uri.pathname = `/${dbName}`;
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const host = startProcess(process.execPath, ['--import', tsx, 'main.ts'], cliEnv({ MONGODB_URI: uri.toString(), AUTH_SECRET: TEST_SECRET, PORT: '0' }), { cwd: dir });
    const line = await waitFor('the example host listening', () => host.stdout().split('\n').find((l) => l.startsWith('{"url"')), 60_000, host);
    const gql = graphqlAt((JSON.parse(line) as { url: string }).url);

    const input = { email: 'ada@example.com', password: PASSWORD };
    const registered = await gql('mutation ($input: AuthRegisterInput!) { auth_register(input: $input) { __typename } }', { input });
    expect(registered.data).toEqual({ auth_register: { __typename: 'AuthRegisterSuccess' } });
    const login = await gql('mutation ($input: AuthLoginInput!) { auth_login(input: $input) { ... on AuthLoginSuccess { token } } }', { input });
    const me = await gql('{ me { name } auth_me { email } }', {}, { token: login.data.auth_login.token });
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { name: 'Ada Lovelace' }, auth_me: { email: 'ada@example.com' } });
    expect(await hostUsers.find().toArray()).toEqual(before);
    await stop(host);
  } finally {
    await connection.close();
  }
});

test('the npm page: package.json names the repository, and every relative link of the shipped README and docs/*.md resolves to a file in the tarball', async () => {
  const installed = path.join(project, 'node_modules', 'authql');
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({
    repository: { type: 'git', url: 'git+https://github.com/authql/authql.git' },
    homepage: 'https://github.com/authql/authql#readme',
    bugs: { url: 'https://github.com/authql/authql/issues' },
  });
  const shipped = new Set((await sh('tar', ['-tzf', tarball], workDir)).split('\n').filter(Boolean).map((file) => file.replace(/^package\//, '')));
  const pages = ['README.md', ...[...shipped].filter((file) => /^docs\/[^/]+\.md$/.test(file))];
  expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/embedding.md']));
  const broken: string[] = [];
  for (const page of pages) {
    for (const target of relativeLinkTargets(readFileSync(path.join(installed, page), 'utf8'))) {
      const file = target.split('#')[0];
      const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file))) : page;
      if (!shipped.has(resolved)) broken.push(`${page}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});
