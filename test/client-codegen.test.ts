// `authql client --config <file> --out <dir>`: the typed client for one server's options.
// tsc proves the types: a program written against a username-login server type-checks, one
// that signs in with the email field does not, cookie mode's login answer has no token, and
// declared userFields are on User. The generated client also signs in against that real server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { graphql } from './generated';
import { PASSWORD } from './helpers/journeys';
import { startTestServer } from './helpers/server';

jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CLIENT = path.join(ROOT, 'src', 'client', 'index.ts');
const USERNAME_OPTIONS = { loginField: 'username', userFields: { nickname: { type: 'string', maxLength: 40 } } };

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'authql-client-codegen-'));
  writeFileSync(path.join(dir, 'username.json'), JSON.stringify(USERNAME_OPTIONS));
  writeFileSync(path.join(dir, 'cookie.json'), JSON.stringify({ cookies: { enabled: true } }));
  for (const name of ['username', 'cookie']) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'client', '--config', path.join(dir, `${name}.json`), '--out', path.join(dir, name)], { cwd: ROOT });
    expect(stdout).toContain(path.join(dir, name, 'authql.ts'));
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** tsc's errors for one program beside the generated client ('authql/client' mapped to the source). */
async function typeErrors(program: string): Promise<string[]> {
  writeFileSync(path.join(dir, 'program.ts'), program);
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [], skipLibCheck: true, baseUrl: '.', ignoreDeprecations: '6.0', paths: { 'authql/client': [CLIENT] } },
      files: ['program.ts'],
    }),
  );
  const output = await run(process.execPath, [TSC, '-p', dir], { cwd: dir }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  return output.split('\n').filter((line) => /^program\.ts\(\d+,\d+\): error/.test(line));
}

test('a program written against a username-login server with a nickname field type-checks', async () => {
  const errors = await typeErrors(`
import { createAuthClient, RegisterDocument, type User } from './username/authql';
const auth = createAuthClient({ url: '/graphql', mode: 'jwt' });
export async function signIn(): Promise<string | null> {
  const result = await auth.signIn({ username: 'ann', password: 'a long passphrase' });
  if (result.__typename === 'JwtCreateSuccess') return auth.getSession()!.user.username;
  if (result.__typename === 'AuthError' || result.__typename === 'ValidationError') return result.code;
  return null;
}
export const nickname = (user: User): string | null => user.nickname;
export const register = () => auth.request(RegisterDocument, { input: { username: 'ann', password: 'a long passphrase', nickname: 'Ann' } });
`);
  expect(errors).toEqual([]);
});

test('the same program signing in with the email field does not type-check against it', async () => {
  const errors = await typeErrors(`
import { createAuthClient } from './username/authql';
const auth = createAuthClient({ url: '/graphql', mode: 'token' });
export const signIn = () => auth.signIn({ email: 'ann@example.com', password: 'a long passphrase' });
`);
  expect(errors).toEqual([expect.stringMatching(/error TS2353: .*'email' does not exist in type 'LoginInput'/)]);
});

test("cookie mode's login answer has no token, and the client takes only mode 'cookie'", async () => {
  const errors = await typeErrors(`
import { createAuthClient } from './cookie/authql';
const auth = createAuthClient({ url: '/graphql', mode: 'cookie' });
const wrong = createAuthClient({ url: '/graphql', mode: 'jwt' });
export async function signIn(): Promise<string> {
  const result = await auth.signIn({ email: 'ann@example.com', password: 'a long passphrase' });
  return result.__typename === 'LoginSuccess' ? result.token : result.__typename;
}
`);
  expect(errors).toEqual([
    expect.stringMatching(/^program\.ts\(4,.*error TS2322: Type '"jwt"' is not assignable to type '"cookie"'/),
    expect.stringMatching(/^program\.ts\(7,.*error TS2339: Property 'token' does not exist/),
  ]);
  expect(readFileSync(path.join(dir, 'cookie', 'authql.ts'), 'utf8')).not.toMatch(/"value":"token"/);
});

test('the generated client signs a member in by username against that server, with the nickname on the session', async () => {
  const server = await startTestServer(USERNAME_OPTIONS as never);
  try {
    const registered = await server.gql(graphql(`mutation R($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }`), {
      input: { username: 'ann', email: 'ann@example.com', password: PASSWORD, nickname: 'Ann' },
    });
    const id = registered.data.register.user.id as string;
    const source = readFileSync(path.join(dir, 'username', 'authql.ts'), 'utf8').replace("'authql/client'", JSON.stringify(CLIENT));
    const file = path.join(ROOT, 'test', `.generated-client-${process.pid}.ts`);
    writeFileSync(file, source);
    try {
      const generated = (await import(file)) as {
        createAuthClient(options: { url: string; mode: 'token' }): {
          signIn(input: { username: string; password: string }): Promise<{ __typename: string }>;
          getSession(): { user: Record<string, unknown> } | null;
          close(): void;
        };
      };
      const auth = generated.createAuthClient({ url: server.url, mode: 'token' });
      const result = await auth.signIn({ username: 'ann', password: PASSWORD });
      expect(result.__typename).toBe('LoginSuccess');
      expect(auth.getSession()!.user).toMatchObject({ id, username: 'ann', nickname: 'Ann' });
      auth.close();
    } finally {
      rmSync(file, { force: true });
    }
  } finally {
    await server.close();
  }
});
