// The package under the test runners of the projects that embed it: a host's Jest test
// `require('authql')` (the CommonJS build) and a host's Vitest test `import`s it (the ES module),
// each on Node 20, 22 and 24, from the packed tarball installed in a fresh project. Each test
// creates an authql on the run's database and signs a member up and in through auth.yoga().fetch.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cliEnv } from './helpers/cli';
import { dropTestDatabase } from './helpers/database';
import { QUIET_INSTALL, packTarball, sh } from './helpers/package';
import { withTempDir } from './helpers/resources';
import { TEST_SECRET, testDatabaseUri, uniqueDbName } from './helpers/server';
import { nodeOfMajor } from './setup/system-tools';

// npm pack builds the package; the installs fetch jest, vitest and authql's dependencies, and
// Node 22 and 24 are obtained once into the per-user cache.
jest.setTimeout(15 * 60_000);

const NODE_MAJORS = [20, 22, 24];
/** Vitest 5 needs Node 22.12 or later: on Node 20 a host runs Vitest 3. */
const vitestMajorOn = (nodeMajor: number): number => (nodeMajor >= 22 ? 5 : 3);
const JEST_MAJOR = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'jest', 'package.json'), 'utf8')).version.split('.')[0];

const workDir = withTempDir('authql-runners-');
const project = path.join(workDir, 'host');
const nodes = new Map<number, string>();
const databases: string[] = [];

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  writeFileSync(path.join(project, file), text);
}

/**
 * The test body both runners run, given `createAuth`: sign-up, login and `me` through Yoga's
 * fetch, and what the member saw written to RESULT_FILE for the story to read.
 */
const JOURNEY = `
  const email = process.env.MEMBER_EMAIL;
  const password = 'correct horse battery staple';
  const auth = await createAuth({
    mongodb: { uri: process.env.MONGODB_URI, dbName: process.env.DB_NAME },
    secret: process.env.AUTH_SECRET,
    rateLimits: false,
    email: { transport: { jsonTransport: true } },
    logger: { info() {}, warn() {}, error: console.error },
  });
  try {
    const yoga = auth.yoga();
    const post = async (query, variables, token) => {
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: 'Token ' + token } : {}) };
      const response = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()).data;
    };
    const registered = await post('mutation ($input: RegisterInput!) { register(input: $input) { __typename } }', { input: { email, password } });
    const loggedIn = await post('mutation ($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }', { input: { email, password } });
    const me = await post('{ me { email } }', {}, loggedIn.login.token);
    writeFileSync(process.env.RESULT_FILE, JSON.stringify({ node: process.version, register: registered.register.__typename, login: loggedIn.login.__typename, me: me.me && me.me.email }));
  } finally {
    await auth.close();
  }
`;

beforeAll(async () => {
  const tarball = await packTarball(workDir);
  write('package.json', JSON.stringify({ name: 'host', version: '1.0.0', private: true, jest: { testEnvironment: 'node', roots: ['<rootDir>/jest'], transform: {} } }, null, 2));
  write(
    'jest/journey.test.js',
    `const { writeFileSync } = require('node:fs');\nconst { createAuth } = require('authql');\n\ntest('a member signs up and logs in', async () => {${JOURNEY}});\n`,
  );
  await sh('npm', ['install', ...QUIET_INSTALL, tarball, `jest@${JEST_MAJOR}`], project);
  // One folder per Vitest major, each with its own vitest; authql is found in the project's node_modules above.
  for (const major of new Set(NODE_MAJORS.map(vitestMajorOn))) {
    write(`vitest${major}/package.json`, JSON.stringify({ name: `host-vitest${major}`, version: '1.0.0', private: true, type: 'module' }, null, 2));
    write(
      `vitest${major}/journey.test.js`,
      `import { writeFileSync } from 'node:fs';\nimport { test } from 'vitest';\nimport { createAuth } from 'authql';\n\ntest('a member signs up and logs in', async () => {${JOURNEY}}, 60_000);\n`,
    );
    await sh('npm', ['install', ...QUIET_INSTALL, `vitest@${major}`], path.join(project, `vitest${major}`));
  }
  for (const major of NODE_MAJORS) nodes.set(major, await nodeOfMajor(major));
});

afterAll(async () => {
  for (const dbName of databases) await dropTestDatabase(dbName);
});

/** Runs one runner's test under this Node; answers what the member saw. */
async function runJourney(nodeMajor: number, runner: string, command: string[], cwd: string) {
  const dbName = uniqueDbName(`authql_runners_${runner}_${nodeMajor}`);
  databases.push(dbName);
  const resultFile = path.join(workDir, `${runner}-${nodeMajor}.json`);
  const email = `${runner}-node${nodeMajor}@example.com`;
  const env = cliEnv({ MONGODB_URI: testDatabaseUri(), DB_NAME: dbName, AUTH_SECRET: TEST_SECRET, RESULT_FILE: resultFile, MEMBER_EMAIL: email, CI: '1', NO_COLOR: '1' });
  await sh(nodes.get(nodeMajor)!, command, cwd, env);
  return { email, seen: JSON.parse(readFileSync(resultFile, 'utf8')) };
}

describe.each(NODE_MAJORS)('on Node %i', (nodeMajor) => {
  test("a Jest test `require('authql')` (the CommonJS build) signs a member up and in", async () => {
    const { email, seen } = await runJourney(nodeMajor, 'jest', [path.join(project, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--runInBand'], project);
    expect(seen).toEqual({ node: expect.stringMatching(new RegExp(`^v${nodeMajor}\\.`)), register: 'RegisterSuccess', login: 'LoginSuccess', me: email });
  });

  test(`a Vitest ${vitestMajorOn(nodeMajor)} test \`import\`s authql (the ES module) and does the same`, async () => {
    const dir = path.join(project, `vitest${vitestMajorOn(nodeMajor)}`);
    const { email, seen } = await runJourney(nodeMajor, 'vitest', [path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], dir);
    expect(seen).toEqual({ node: expect.stringMatching(new RegExp(`^v${nodeMajor}\\.`)), register: 'RegisterSuccess', login: 'LoginSuccess', me: email });
  });
});
