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
import { createAuthClient } from '../src/client';
import { startTestServer, withTestServer } from './helpers/server';

jest.setTimeout(120_000);

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CLIENT = path.join(ROOT, 'src', 'client', 'index.ts');
const USERNAME_OPTIONS = { loginField: 'username', userFields: { nickname: { type: 'string', maxLength: 40 } } };
/** A server merged into a host's schema under prefixes (the root-field prefix is prepended verbatim). */
const PREFIXED_OPTIONS = { schema: { typePrefix: 'Auth', rootFieldPrefix: 'auth' } };

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'authql-client-codegen-'));
  writeFileSync(path.join(dir, 'username.json'), JSON.stringify(USERNAME_OPTIONS));
  writeFileSync(path.join(dir, 'cookie.json'), JSON.stringify({ cookies: { enabled: true } }));
  writeFileSync(path.join(dir, 'prefixed.json'), JSON.stringify(PREFIXED_OPTIONS));
  for (const name of ['username', 'cookie', 'prefixed']) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), 'client', '--config', path.join(dir, `${name}.json`), '--out', path.join(dir, name)], { cwd: ROOT });
    expect(stdout).toContain(path.join(dir, name, 'authql.ts'));
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The generated client of one configuration, imported as an app would (its 'authql/client' mapped to the source). */
async function withGeneratedClient<Module>(name: string, use: (generated: Module) => Promise<void>): Promise<void> {
  const source = readFileSync(path.join(dir, name, 'authql.ts'), 'utf8').replace("'authql/client'", JSON.stringify(CLIENT));
  const file = path.join(ROOT, 'test', `.generated-client-${name}-${process.pid}.ts`);
  writeFileSync(file, source);
  try {
    await use((await import(file)) as Module);
  } finally {
    rmSync(file, { force: true });
  }
}

/** What a story uses of a generated module. */
interface GeneratedModule<SignIn> {
  createAuthClient(options: { url: string; mode: 'token' | 'jwt' }): {
    signIn(input: SignIn): Promise<{ __typename: string }>;
    getSession(): { user: Record<string, unknown>; token?: string } | null;
    refresh(): Promise<void>;
    signOut(): Promise<void>;
    close(): void;
  };
}

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
    await withGeneratedClient<GeneratedModule<{ username: string; password: string }>>('username', async (generated) => {
      const auth = generated.createAuthClient({ url: server.url, mode: 'token' });
      const result = await auth.signIn({ username: 'ann', password: PASSWORD });
      expect(result.__typename).toBe('LoginSuccess');
      expect(auth.getSession()!.user).toMatchObject({ id, username: 'ann', nickname: 'Ann' });
      auth.close();
    });
  } finally {
    await server.close();
  }
});

describe('a server whose schema has prefixes (typePrefix "Auth", rootFieldPrefix "auth")', () => {
  test('a program written against its generated client, in its names, type-checks', async () => {
    const errors = await typeErrors(`
import { createAuthClient, RegisterDocument, type AuthRegisterInput, type User } from './prefixed/authql';
const auth = createAuthClient({ url: '/graphql', mode: 'jwt' });
export async function signIn(): Promise<string | null> {
  const result = await auth.signIn({ email: 'ann@example.com', password: 'a long passphrase' });
  if (result.__typename === 'AuthJwtCreateSuccess') return auth.getSession()!.user.email;
  if (result.__typename === 'AuthAuthError' || result.__typename === 'AuthValidationError') return result.code;
  return null;
}
export const register = async (input: AuthRegisterInput) => (await auth.request(RegisterDocument, { input })).authregister.__typename;
export const email = (user: User): string => user.email;
`);
    expect(errors).toEqual([]);
  });

  test('the same program in the unprefixed names does not type-check against it', async () => {
    const errors = await typeErrors(`
import { createAuthClient, RegisterDocument, type RegisterInput } from './prefixed/authql';
const auth = createAuthClient({ url: '/graphql', mode: 'jwt' });
export async function signIn(): Promise<boolean> {
  const result = await auth.signIn({ email: 'ann@example.com', password: 'a long passphrase' });
  return result.__typename === 'JwtCreateSuccess';
}
export const register = async (input: RegisterInput) => (await auth.request(RegisterDocument, { input })).register.__typename;
`);
    expect(errors).toEqual([
      expect.stringMatching(/^program\.ts\(2,.*error TS2724: .*has no exported member named 'RegisterInput'/),
      expect.stringMatching(/^program\.ts\(6,.*error TS2367: .*'"JwtCreateSuccess"'/),
      expect.stringMatching(/^program\.ts\(8,.*error TS2339: Property 'register' does not exist/),
    ]);
  });

  describe('against a real server with these prefixes', () => {
    const server = withTestServer(PREFIXED_OPTIONS as never);
    /** A member registered through the server's own names. */
    async function member(email: string): Promise<{ id: string }> {
      const registered = await server.gql('mutation ($input: AuthRegisterInput!) { authregister(input: $input) { __typename ... on AuthRegisterSuccess { user { id } } } }', {
        input: { email, password: PASSWORD },
      });
      expect(registered.data.authregister.__typename).toBe('AuthRegisterSuccess');
      return registered.data.authregister.user;
    }

    test('the generated client signs in with JWTs, refreshes them, and signs out (the server then ends the family)', async () => {
      const { id } = await member('prefixed@example.com');
      await withGeneratedClient<GeneratedModule<{ email: string; password: string }>>('prefixed', async (generated) => {
        const auth = generated.createAuthClient({ url: server.url, mode: 'jwt' });
        try {
          expect((await auth.signIn({ email: 'prefixed@example.com', password: PASSWORD })).__typename).toBe('AuthJwtCreateSuccess');
          const first = auth.getSession()!;
          expect(first.user).toMatchObject({ id, email: 'prefixed@example.com' });
          await auth.refresh();
          const second = auth.getSession()!;
          expect(second.token).toEqual(expect.any(String));
          expect(second.token).not.toBe(first.token);
          const me = await server.gql('{ authme { email } }', {}, { headers: { authorization: `Bearer ${second.token}` } });
          expect(me.data).toEqual({ authme: { email: 'prefixed@example.com' } });
          await auth.signOut();
          expect(auth.getSession()).toBeNull();
          // The sign-out reached the server: the token's refresh family is over.
          const verified = await server.gql('mutation ($input: AuthJwtVerifyInput!) { authjwtVerify(input: $input) { __typename ... on AuthAuthError { code } } }', { input: { token: second.token } });
          expect(verified.data.authjwtVerify).toEqual({ __typename: 'AuthAuthError', code: 'INVALID_TOKEN' });
        } finally {
          auth.close();
        }
      });
    });

    test("authql/client's createAuthClient, told the prefixes, does the same without a generated module", async () => {
      await member('runtime@example.com');
      const auth = createAuthClient({ url: server.url, mode: 'jwt', typePrefix: 'Auth', rootFieldPrefix: 'auth' });
      try {
        const result = await auth.signIn({ email: 'runtime@example.com', password: PASSWORD });
        expect(result.__typename).toBe('AuthJwtCreateSuccess');
        expect(auth.getSession()!.user.email).toBe('runtime@example.com');
        const before = auth.getSession()!.token;
        await auth.refresh();
        expect(auth.getSession()!.token).not.toBe(before);
        await auth.signOut();
        expect(auth.getSession()).toBeNull();
      } finally {
        auth.close();
      }
    });
  });
});
