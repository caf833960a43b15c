/**
 * jest with @swc/jest, as six projects (`npm test -- --selectProjects unit`, …); `npm test` runs them all.
 * - unit: no database, no server, no process: runs in seconds.
 * - stories: a real authql over HTTP on a real database and SMTP server.
 * - process: stories that spawn processes (the CLI, `serve`, workers, the package, Prometheus).
 * - browser: stories in headless Chromium (the example SPA, GraphiQL, cookie mode).
 * - gateway: authql behind a stitching or federation gateway.
 * - topology: three `authql serve` processes behind a round-robin proxy on FerretDB on PostgreSQL.
 * One real database for the run, found as `npm start` finds it (MONGODB_URI, else FerretDB, else the
 * in-memory MongoDB) by the global setup of the projects that need one: jest runs a project's global
 * setup only when a test of that project is selected, so `unit` alone starts nothing.
 */
const base = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Generated client files import './graphql.js' (ESM style) from TypeScript sources.
  // The examples import the package by name: here it is the sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^authql$': '<rootDir>/src/index.ts', '^authql/gateway$': '<rootDir>/src/gateway.ts' },
  // jose, escape-string-regexp, @oslojs, openid-client and oauth4webapi are ESM-only: let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|escape-string-regexp|@oslojs|openid-client|oauth4webapi)/)'],
};

/** Test files by project (file names under test/); `stories` is every other test file. */
const files = {
  unit: ['crypto', 'second-factor-crypto', 'login-code-crypto', 'docs-links', 'boundaries', 'boundary', 'typed-documents'],
  process: [
    'cli', 'serve', 'serve-workers', 'delivery-crash', 'fresh-machine', 'package', 'production', 'metrics',
    'embedding', 'outbox', 'passwords', 'rate-limits', 'request-log', 'compile-cache', 'client-codegen', 'startup-messages', 'runners',
  ],
  browser: ['spa', 'spa-security', 'spa-login-link', 'spa-jwt', 'client-browser', 'graphiql', 'cookies', 'dev-link-page'],
};
const at = (names) => names.map((name) => `<rootDir>/test/${name}.test.ts`);
const withDatabase = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  testTimeout: 30000,
  verbose: true,
  projects: [
    { ...base, displayName: 'unit', testMatch: at(files.unit) },
    {
      ...base,
      ...withDatabase,
      displayName: 'stories',
      testMatch: ['<rootDir>/test/*.test.ts'],
      testPathIgnorePatterns: [...files.unit, ...files.process, ...files.browser].map((name) => `/test/${name}\\.test\\.ts$`),
    },
    { ...base, ...withDatabase, displayName: 'process', testMatch: at(files.process) },
    // Its own global setup: the database, and Chromium obtained once before any test runs.
    { ...base, ...withDatabase, globalSetup: '<rootDir>/test/setup/browser-setup.ts', displayName: 'browser', testMatch: at(files.browser) },
    { ...base, ...withDatabase, displayName: 'gateway', testMatch: ['<rootDir>/test/gateway/*.test.ts'] },
    // Its own database (FerretDB on a PostgreSQL cluster of its own): PostgreSQL obtained before any test runs.
    { ...base, globalSetup: '<rootDir>/test/setup/topology-setup.ts', displayName: 'topology', testMatch: ['<rootDir>/test/topology/*.test.ts'] },
  ],
};
