// The layers of src/, as a table every import must keep (docs/architecture.md). Pure file
// reading: no database, no server. A failure names the file, the import and the rule it breaks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

/** Modules at the root of src/ that import nothing of authql: every area may use them. */
const LEAVES = ['errors.ts', 'on-first-use.ts', 'host-types.ts', 'logger.ts', 'lookup-key.ts'];

/** Where a module lives: its folder under src/, or its file name for the modules at the root. */
function areaOf(file: string): string {
  const [first] = file.split('/');
  return file.includes('/') ? `${first}/` : first;
}

/**
 * What each area may import of authql besides itself and the leaves. Areas not listed here
 * (auth.ts, server.ts, cli.ts, index.ts, default-schema.ts) compose the rest and may import anything
 * but what the package rules below forbid.
 */
const ALLOWED: Record<string, string[]> = {
  'errors.ts': [],
  'on-first-use.ts': [],
  'host-types.ts': [],
  'logger.ts': [],
  'lookup-key.ts': [],
  // One place parses options; it names only leaf types.
  'config.ts': [],
  // Pure functions.
  'crypto/': [],
  // The browser client: nothing of the server.
  'client/': [],
  'ops/': ['config.ts', 'crypto/'],
  'oauth/': ['config.ts'],
  'mail/': ['config.ts', 'crypto/', 'ops/'],
  // The use cases speak to the database through their port only (accounts/store-port.ts).
  'accounts/': ['config.ts', 'crypto/', 'mail/', 'ops/', 'oauth/'],
  // store/ implements the ports: it sees their files and nothing else of the other areas.
  'store/': ['accounts/records.ts', 'accounts/store-port.ts', 'mail/outbox-port.ts'],
  // The use cases through their index only (the names they have in auth.accounts).
  'graphql/': ['config.ts', 'accounts/index.ts', 'crypto/', 'ops/'],
  'cli/': ['config.ts', 'crypto/'],
};

/** Packages only one area may import. */
const PACKAGE_OWNERS: { pattern: RegExp; area: string }[] = [
  { pattern: /^(mongoose|mongodb)(\/|$)/, area: 'store/' },
  { pattern: /^@pothos\//, area: 'graphql/' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

const FILES = sourceFiles(SRC);

/** The src/-relative file a relative specifier names. */
function resolve(from: string, specifier: string): string {
  const base = path.posix.join(path.posix.dirname(from), specifier.replace(/\.js$/, ''));
  const found = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => FILES.includes(candidate));
  if (!found) throw new Error(`${from}: cannot resolve "${specifier}"`);
  return found;
}

/** Every module a file imports (static, dynamic, require, export … from). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(path.join(SRC, file), 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

function allowed(from: string, target: string): boolean {
  const area = areaOf(from);
  const rules = ALLOWED[area];
  if (!rules) return true;
  if (areaOf(target) === area || LEAVES.includes(target)) return true;
  return rules.some((rule) => (rule.endsWith('/') ? target.startsWith(rule) : target === rule));
}

test('every import keeps the table of layers', () => {
  const broken: string[] = [];
  for (const file of FILES) {
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(file, specifier);
        if (!allowed(file, target)) broken.push(`${file} imports ${target} (${areaOf(file)} may import ${[...(ALLOWED[areaOf(file)] ?? []), 'leaves'].join(', ')})`);
        if (target.startsWith('cli/') && !file.startsWith('cli/') && !['cli.ts', 'index.ts'].includes(file)) {
          broken.push(`${file} imports ${target} (only the CLI and index.ts use cli/)`);
        }
      } else {
        const owner = PACKAGE_OWNERS.find(({ pattern }) => pattern.test(specifier));
        if (owner && areaOf(file) !== owner.area) broken.push(`${file} imports ${specifier} (only ${owner.area} may)`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test('the leaves import nothing of authql', () => {
  for (const leaf of LEAVES) expect(importsOf(leaf).filter((specifier) => specifier.startsWith('.'))).toEqual([]);
});

test('the table finds an import that breaks it', () => {
  expect(allowed('accounts/users.ts', 'store/users.ts')).toBe(false);
  expect(allowed('crypto/jwt.ts', 'config.ts')).toBe(false);
  expect(allowed('config.ts', 'accounts/users.ts')).toBe(false);
  expect(allowed('store/users.ts', 'accounts/records.ts')).toBe(true);
  expect(allowed('graphql/user.ts', 'accounts/index.ts')).toBe(true);
  expect(allowed('graphql/user.ts', 'accounts/users.ts')).toBe(false);
  expect(allowed('graphql/user.ts', 'store/index.ts')).toBe(false);
  expect(allowed('store/users.ts', 'accounts/users.ts')).toBe(false);
  expect(allowed('mail/mailer.ts', 'accounts/records.ts')).toBe(false);
});
