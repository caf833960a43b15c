// The hostile-input fuzzer in CI: a fixed seed and a bounded count of generated requests
// (broken documents, bad percent-encoding, repeated form fields, odd charsets, malformed
// Host/Cookie/Authorization headers, forged and altered tokens) against a production server
// and a production server in cookie mode. No answer is a 5xx or shows a stack trace, a path
// or a database error; no forged credential is the keeper; the keeper's session still
// answers `me` afterwards. The longer run with other seeds: `npm run fuzz`.
import { createKeeper, fuzzServer, keeperIdentity, type FuzzTarget } from './helpers/hostile-fuzz';
import { withTestServer } from './helpers/server';
import { graphql } from './generated';

jest.setTimeout(120_000);

const SEED = 20261204;
const RUNS_PER_SERVER = 1200;
const PRODUCTION = { production: true, frontend: { domain: 'app.example.test', siteName: 'Example' } } as const;

describe.each([
  ['a production server', PRODUCTION],
  ['a production server in cookie mode', { ...PRODUCTION, cookies: { enabled: true } }],
] as const)('%s', (_label, options) => {
  const server = withTestServer(options);
  let target: FuzzTarget;
  beforeAll(async () => {
    const cookieName = server.auth.config.cookies.enabled ? server.auth.config.cookies.name : null;
    target = { url: server.url, keeper: await createKeeper(server.url, cookieName), cookieName };
  });

  test(`${RUNS_PER_SERVER} hostile requests (seed ${SEED}): no 5xx, no leak, no forgery signs in, and the keeper still answers me`, async () => {
    const before = await keeperIdentity(server.url, target.keeper);
    expect(before).toEqual({ token: target.keeper.id, jwt: target.keeper.id });

    const report = await fuzzServer(target, { numRuns: RUNS_PER_SERVER, seed: SEED });
    expect(report.requests).toBe(RUNS_PER_SERVER);
    // The run exercised refusals and answers alike, not one path over and over.
    expect(Object.keys(report.statuses).map(Number)).toEqual(expect.arrayContaining([200, 400]));

    expect(await keeperIdentity(server.url, target.keeper)).toEqual({ token: target.keeper.id, jwt: target.keeper.id });
    const alive = await server.gql(graphql(`query Typename { __typename }`));
    expect(alive.data).toEqual({ __typename: 'Query' });
  });
});
