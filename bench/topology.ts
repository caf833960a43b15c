// The production topology of issue #25 on one machine: PostgreSQL, FerretDB with its PostgreSQL
// handler, three `authql serve` processes (the built package, NODE_ENV=production) and the
// round-robin proxy of test/helpers/topology.ts in front, in a process of its own
// (bench/proxy.ts), as a load balancer is. Measures `me` (session
// token) and login (correct password) through the proxy and against one instance directly, with
// autocannon at 16 connections, in rounds whose order rotates; medians over rounds. Every response
// body is checked: a wrong one, a non-2xx or an error fails the run with exit 1. Also prints the
// CPU time each tier spent per request
// (all authql processes, the proxy, FerretDB, PostgreSQL): the figures docs/operations.md
// "Scaling out" extrapolates from.
//
//   npm run bench:topology                 (2 rounds of 10 s per scenario)
//   BENCH_ROUNDS=3 BENCH_SECONDS=15 npm run bench:topology
//
// Request limits are off: every request comes from this one address (the stories of
// test/topology/ show the limits across instances).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startTopology, type Topology } from '../test/helpers/topology';
import { PASSWORD, printTable, register, runBench, stats } from './harness';
import { build, cpuMs, post, processTree, ROOT } from './processes';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const EMAIL = 'bench.topology@example.com';

type Tier = 'authql' | 'proxy' | 'FerretDB' | 'PostgreSQL';
const TIERS: Tier[] = ['authql', 'proxy', 'FerretDB', 'PostgreSQL'];

/** The operations measured: `me` with a session token, and login with the right password. */
const ME = '{ me { id email } }';
const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }';

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time per request of each tier, µs. */
  cpuUs: Record<Tier, number>;
}

interface Scenario {
  label: string;
  url: string;
  body: string;
  authorization?: string;
  verify: (body: string) => boolean;
}

/** bench/proxy.ts in front of the instances; answers its process and URL once it listens. */
async function startProxyProcess(ports: number[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'proxy.ts'), ...ports.map(String)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await Promise.race([once(child.stdout!, 'data'), once(child, 'exit').then(() => [Buffer.from('{}')])])) as Buffer[];
  const { url } = JSON.parse(line.toString()) as { url?: string };
  if (!url) throw new Error('bench/proxy.ts did not start');
  return { child, url };
}

function tierPids(topology: Topology, proxy: ChildProcess): Record<Tier, () => number[]> {
  return {
    authql: () => topology.instances.flatMap((instance) => processTree(instance.cli.process.pid!)),
    proxy: () => processTree(proxy.pid!),
    FerretDB: () => processTree(topology.ferretdb.process.pid!),
    PostgreSQL: () => processTree(topology.postgres.pid),
  };
}

async function drive(scenario: Scenario, pids: Record<Tier, () => number[]>, seconds: number): Promise<Run> {
  const before = Object.fromEntries(TIERS.map((tier) => [tier, cpuMs(pids[tier]())])) as Record<Tier, number>;
  const result = await autocannon({
    url: scenario.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(scenario.authorization ? { authorization: scenario.authorization } : {}) },
    body: scenario.body,
    connections: CONNECTIONS,
    duration: seconds,
    verifyBody: (body) => scenario.verify(String(body)),
    timeout: 10,
  });
  const requests = result.requests.total;
  const cpuUs = Object.fromEntries(TIERS.map((tier) => [tier, requests ? ((cpuMs(pids[tier]()) - before[tier]) * 1000) / requests : NaN])) as Record<Tier, number>;
  return { rps: requests / (result.duration || 1), p50: result.latency.p50, p99: result.latency.p99, failures: result.mismatches + result.non2xx + result.errors + result.timeouts, cpuUs };
}

const median = (values: number[]) => stats(values).median;
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

async function main(): Promise<void> {
  console.log(`[bench] ${new Date().toISOString()}; ${os.cpus().length} × ${os.cpus()[0]?.model}; ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('[bench] npm run build …');
  build();
  const topology = await startTopology({
    built: true,
    secret: randomBytes(32).toString('base64url'),
    config: { frontend: { domain: 'bench.example.com', siteName: 'bench' }, rateLimits: false, trustProxy: 1 },
    env: { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' }, // nothing here sends email
  });
  const proxy = await startProxyProcess(topology.instances.map((instance) => instance.port)).catch(async (error) => {
    await topology.stop();
    throw error;
  });
  try {
    console.log(`[bench] PostgreSQL on 127.0.0.1:${topology.postgres.port} (fsync off), FerretDB on ${topology.uri}, ${topology.instances.length} instances on ports ${topology.instances.map((i) => i.port).join(', ')}, proxy ${proxy.url}`);
    const direct = topology.instances[0].url;
    const userId = await register(direct, EMAIL, PASSWORD);
    const loggedIn = await post(direct, LOGIN, { input: { email: EMAIL, password: PASSWORD } });
    const token: string | undefined = loggedIn.body.data?.login?.token;
    if (!token) throw new Error(`login failed: ${JSON.stringify(loggedIn.body)}`);
    const meBody = JSON.stringify({ data: { me: { id: userId, email: EMAIL } } });
    const me = (label: string, url: string): Scenario => ({ label, url, body: JSON.stringify({ query: ME }), authorization: `Token ${token}`, verify: (body) => body === meBody });
    const login = (label: string, url: string): Scenario => ({
      label,
      url,
      body: JSON.stringify({ query: LOGIN, variables: { input: { email: EMAIL, password: PASSWORD } } }),
      verify: (body) => /^\{"data":\{"login":\{"__typename":"LoginSuccess","token":"[A-Za-z0-9_-]{43}"\}\}\}$/.test(body),
    });
    const scenarios = [
      me('`me` through the proxy (3 instances)', proxy.url),
      me('`me` against one instance', direct),
      login('login through the proxy (3 instances)', proxy.url),
      login('login against one instance', direct),
    ];
    const pids = tierPids(topology, proxy.child);
    console.log('[bench] warming up …');
    for (const scenario of scenarios) await drive(scenario, pids, 2);

    const runs = new Map<Scenario, Run[]>(scenarios.map((scenario) => [scenario, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]);
      for (const scenario of order) {
        const run = await drive(scenario, pids, SECONDS);
        if (run.failures) throw new Error(`${scenario.label}: ${run.failures} failed requests (wrong body, non-2xx, error or timeout)`);
        runs.get(scenario)!.push(run);
        console.log(`[bench] round ${round + 1}: ${scenario.label}: ${fixed(run.rps, 1)} req/s, p99 ${run.p99} ms`);
      }
    }

    console.log(`\n${ROUNDS} rounds of ${SECONDS} s, ${CONNECTIONS} connections (autocannon, in this process); medians over rounds`);
    const perRequest = (list: Run[], tier: Tier) => fixed(median(list.map((run) => run.cpuUs[tier])));
    printTable(
      ['', 'req/s', 'p50 ms', 'p99 ms', 'failed', ...TIERS.map((tier) => `${tier} CPU µs/req`)],
      scenarios.map((scenario) => {
        const list = runs.get(scenario)!;
        const rps = median(list.map((run) => run.rps));
        return [scenario.label, fixed(rps, rps < 100 ? 1 : 0), fixed(median(list.map((run) => run.p50))), fixed(median(list.map((run) => run.p99))), '0', ...TIERS.map((tier) => perRequest(list, tier))];
      }),
    );
    console.log(`\n(load average now ${os.loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  } finally {
    proxy.child.kill('SIGTERM');
    await topology.stop();
  }
}

runBench(main);
