// `npm run build`: dist/ with ESM (.mjs) and CommonJS (.cjs) entry points and their .d.mts/.d.cts
// types for `authql`, `authql/client`, `authql/react` and `authql/gateway`, the CLI the `authql` bin runs, and the default emails
// precompiled from MJML to HTML (so a server without email.templatesDir never loads mjml).
//
// tsup rather than tsc twice: the sources import without file extensions, which tsc's ESM
// output would keep (Node refuses them); esbuild bundles each entry into one file per format,
// and tsup rolls the declarations up into one file per entry and format.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import escapeStringRegexp from 'escape-string-regexp';
import { defineConfig, type Options } from 'tsup';
import ts from 'typescript';
import { precompileDefaultTemplates } from './src/mail/templates';

const ENTRIES = { index: 'src/index.ts', client: 'src/client/index.ts', react: 'src/react/index.ts', gateway: 'src/gateway.ts' };
const DECLARATIONS_DIR = '.tmp/declarations';

// Errors that only say an inferred type of an internal module has no importable name: the
// rolled-up public types never reach those modules (the consumer test type-checks them).
const UNNAMEABLE_TYPE_CODES = new Set([2742, 2883, 4058]);

/**
 * jose is ESM-only, so CommonJS declarations cannot import its types (TS1479): point them at a
 * copy of jose's type declarations, which has no imports, and tsup inlines what is used.
 */
function withJoseTypesInlined(file: string, text: string): string {
  if (!/ from 'jose';/.test(text)) return text;
  const copy = path.join(DECLARATIONS_DIR, 'jose-types.d.ts');
  if (!existsSync(copy)) copyFileSync(path.join('node_modules', 'jose', 'dist', 'types', 'types.d.ts'), copy);
  const relative = path.relative(path.dirname(file), copy.replace(/\.d\.ts$/, ''));
  return text.replace(/ from 'jose';/g, ` from '${relative.startsWith('.') ? relative : `./${relative}`}';`);
}

/** Declarations of every module, emitted with tsc so that tsup only rolls them up. */
function emitDeclarations(): void {
  const config = ts.getParsedCommandLineOfConfigFile('tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error('cannot read tsconfig.json');
  const program = ts.createProgram(Object.values(ENTRIES), {
    ...config.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    outDir: DECLARATIONS_DIR,
    rootDir: 'src',
    types: ['node'],
  });
  const emitted = program.emit(undefined, (file, text) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, withJoseTypesInlined(file, text));
  });
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter(
    (d) => d.category === ts.DiagnosticCategory.Error && !UNNAMEABLE_TYPE_CODES.has(d.code),
  );
  if (problems.length) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
    throw new Error(`declarations failed:\n${ts.formatDiagnostics(problems, host)}`);
  }
}

// Packages the CLI bundle leaves to node_modules (see the cli entry below).
const CLI_EXTERNAL = [
  'argon2',
  'mjml',
  '@inquirer/password',
  '@graphql-yoga/render-graphiql',
  'mongodb-memory-server-core',
  'tsx',
  'typescript',
  'kerberos',
  '@mongodb-js/zstd',
  '@aws-sdk/credential-providers',
  'gcp-metadata',
  'snappy',
  'socks',
  'aws4',
  'mongodb-client-encryption',
];

/** The package directory of `name` as Node finds it from `fromDir` (up through each node_modules). */
function packageDir(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`tsup.config.ts: cannot find the package ${name} from ${fromDir}`);
  }
}

/**
 * The dependencies (and their own) that only `import` can load: "type": "module" and no
 * `require` condition. The CommonJS build carries them inside (see docs/decisions.md): Jest 30's
 * require() of an ES module fails ("Must use import to load ES Module", seen on Node 20, 22 and 24)
 * and its import() needs --experimental-vm-modules, so neither loads them under Jest.
 */
function esmOnlyDependencies(): string[] {
  const found = new Set<string>();
  const visit = (names: string[], fromDir: string): void => {
    for (const name of names) {
      const dir = packageDir(name, fromDir);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const entry = JSON.stringify(manifest.exports ?? manifest.main ?? '');
      if (manifest.type !== 'module' || /"require"|\.cjs"/.test(entry) || found.has(name)) continue;
      found.add(name);
      visit(Object.keys(manifest.dependencies ?? {}), dir);
    }
  };
  visit(Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies), process.cwd());
  return [...found].sort();
}

const shared: Options = {
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Every dependency stays an import: argon2 is native, jose is ESM-only, and a host dedupes the rest.
  skipNodeModulesBundle: true,
  outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.mjs' }),
};

/** The rolled-up declarations of one entry, from what emitDeclarations wrote. */
function declarationsOf(name: keyof typeof ENTRIES): Options['dts'] {
  const emitted = path.join(DECLARATIONS_DIR, path.relative('src', ENTRIES[name]).replace(/\.ts$/, '.d.ts'));
  return {
    entry: { [name]: emitted },
    // jose's types are copied in: it is ESM-only, so CommonJS declarations could not import them.
    resolve: ['jose'],
    // tsup's declaration build passes baseUrl, which TypeScript 6 refuses unless told.
    compilerOptions: { ignoreDeprecations: '6.0' },
  };
}

export default defineConfig((): Options[] => {
  emitDeclarations();
  return [
    {
      ...shared,
      entry: { index: ENTRIES.index },
      format: ['esm'],
      dts: declarationsOf('index'),
      // __dirname for the ESM build, where the precompiled emails are found beside the bundle.
      shims: true,
    },
    {
      ...shared,
      // The CommonJS build loads under Jest: the ESM-only dependencies are bundled in, and a lazy
      // import() is a require() (Jest runs import() only with --experimental-vm-modules).
      entry: { index: ENTRIES.index },
      format: ['cjs'],
      dts: declarationsOf('index'),
      noExternal: esmOnlyDependencies().map((name) => new RegExp(`^${escapeStringRegexp(name)}(/|$)`)),
      esbuildOptions: (options) => {
        options.supported = { ...options.supported, 'dynamic-import': false };
      },
    },
    {
      ...shared,
      // For browsers as well as Node: no shims, nothing of Node.
      platform: 'neutral',
      entry: { client: ENTRIES.client },
      format: ['esm', 'cjs'],
      dts: declarationsOf('client'),
    },
    {
      ...shared,
      // authql/react: hooks over the client an app passes in (it imports only the client's types).
      platform: 'neutral',
      entry: { react: ENTRIES.react },
      format: ['esm', 'cjs'],
      dts: declarationsOf('react'),
    },
    {
      ...shared,
      // authql/gateway: what a gateway forwards to authql and back (imports nothing).
      platform: 'neutral',
      entry: { gateway: ENTRIES.gateway },
      format: ['esm', 'cjs'],
      dts: declarationsOf('gateway'),
    },
    {
      ...shared,
      // The bin's code, CommonJS only (it checks require.main), bundled with its dependencies
      // into one file that the bin compiles with V8's code cache (src/cli/launch.ts): loading ~1,800
      // module files cost a start about 1.2 s. Left out: native code (argon2), what is loaded only
      // for a command or a page that needs it (mjml, create-admin's prompt, GraphiQL, the in-memory
      // MongoDB, tsx for .ts config files) and the MongoDB driver's optional peers.
      entry: { cli: 'src/cli.ts' },
      format: ['cjs'],
      skipNodeModulesBundle: false,
      // tsup bundles what matches noExternal even when it is also external: match all but those.
      noExternal: [new RegExp(`^(?!(${CLI_EXTERNAL.map(escapeStringRegexp).join('|')})(/|$))`)],
      external: CLI_EXTERNAL,
      sourcemap: false,
      // A script compiled with a code cache has no loader for import(): require() instead.
      esbuildOptions: (options) => {
        options.supported = { ...options.supported, 'dynamic-import': false };
      },
      onSuccess: async () => {
        await precompileDefaultTemplates('emails', 'dist/emails');
        // The code cache's key (src/cli/launch.ts): V8 itself compares only the source's length.
        writeFileSync('dist/cli.cjs.sha256', `${createHash('sha256').update(readFileSync('dist/cli.cjs')).digest('hex')}\n`);
      },
    },
    {
      ...shared,
      // What the bin runs first: the loader that compiles the CLI bundle with a code cache.
      entry: { launch: 'src/cli/launch.ts' },
      format: ['cjs'],
      sourcemap: false,
    },
  ];
});
