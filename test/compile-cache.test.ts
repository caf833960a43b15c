// The CLI's compile cache (src/cli/launch.ts, Node 20: V8 code caches beside authql's cache
// directory) is code: V8 checks a cache only against the source's length, so a cache that
// another local user planted would run their code in the next `authql` start. It is read
// only from files the running user owns and nobody else can write. Real processes, real
// files; the "bundle" is a one-line module, its planted cache compiled from other code.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from './helpers/cli';

jest.setTimeout(60_000);

const NOBODY = 65534;
const DIGEST = 'c0ffee'.repeat(11);
const SOURCE = 'module.exports = { answer: "good" };\n';
// The same length as SOURCE: V8 takes a cache of this for the bundle's.
const PLANTED = 'module.exports = { answer: "evil" };\n';

let dir: string;
let bundle: string;
let cacheFile: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'authql-compile-cache-'));
  bundle = path.join(dir, 'cli.cjs');
  writeFileSync(bundle, SOURCE);
  writeFileSync(`${bundle}.sha256`, DIGEST);
  cacheFile = path.join(dir, 'cache', 'compile-cache', `cli.cjs-${DIGEST.slice(0, 32)}-${process.version}-${process.arch}.v8`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the bundle exports when `authql` loads it through the launcher, in a process of its own. */
function start(): string {
  const script = `console.log(require(${JSON.stringify(path.join(ROOT, 'src', 'cli', 'launch.ts'))}).loadCompiled(${JSON.stringify(bundle)}).answer)`;
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...env } = process.env;
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, env: { ...env, AUTHQL_CACHE_DIR: path.join(dir, 'cache') }, encoding: 'utf8' }).trim();
}

/** A valid V8 code cache of other code of the same length, at the bundle's cache path. */
function plantCache(): void {
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, new vm.Script((Module as unknown as { wrap(s: string): string }).wrap(PLANTED), { filename: bundle }).createCachedData());
}

const onNode20 = (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache ? test.skip : test;
const asRoot = process.getuid?.() === 0 ? onNode20 : test.skip;

asRoot("a cache planted by another local user is not run: the bundle's own code runs, and its cache replaces the planted one", () => {
  plantCache();
  chownSync(cacheFile, NOBODY, NOBODY);
  expect(start()).toBe('good');
  const replaced = statSync(cacheFile);
  expect(replaced.uid).toBe(process.getuid!());
  expect(replaced.mode & 0o777).toBe(0o600);
});

onNode20('a cache that others may write is not run, even when the user owns it', () => {
  plantCache();
  chmodSync(cacheFile, 0o666);
  expect(start()).toBe('good');
});

onNode20("the user's own cache is used: a second start keeps the file the first one wrote", () => {
  expect(start()).toBe('good');
  const written = statSync(cacheFile);
  expect(written.mode & 0o777).toBe(0o600);
  expect(start()).toBe('good');
  expect(statSync(cacheFile).ino).toBe(written.ino);
});
