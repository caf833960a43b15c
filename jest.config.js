/** jest with @swc/jest; one real database for the run, found as `npm start` finds it: MONGODB_URI, else FerretDB, else the in-memory MongoDB. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Generated client files import './graphql.js' (ESM style) from TypeScript sources.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // jose, escape-string-regexp, @oslojs, openid-client and oauth4webapi are ESM-only: let swc turn them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|escape-string-regexp|@oslojs|openid-client|oauth4webapi)/)'],
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 30000,
  verbose: true,
};
