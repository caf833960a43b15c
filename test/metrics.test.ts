// Metrics as an operator scrapes them: a real Prometheus (on PATH, else Debian's `prometheus`
// installed by the test itself: test/setup/system-tools.ts) scrapes a test authql on its separate metrics port, and its query API sees the
// logins; authql's counters and outbox gauges read right; no label holds a user id, an email,
// an IP address or a token; two instances in one process keep their own registries.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuth } from '../src/auth';
import { freePort } from '../src/cli/embedded-db';
import { LOGIN, PASSWORD, login, register } from './helpers/journeys';
import { withCleanup } from './helpers/resources';
import { startTestServer, TEST_SECRET, testDatabaseUri, type TestServer, withTestServer } from './helpers/server';
import { createUser } from './helpers/users';
import { PROMETHEUS, obtainTool } from './setup/system-tools';
import { graphql } from './generated';

jest.setTimeout(120_000);

const PROMETHEUS_WAIT_MS = 60_000;

// Prometheus found, or installed once per run (an apt-get install may take minutes: hence the timeout).
let prometheusBinary: string;
beforeAll(() => {
  prometheusBinary = obtainTool(PROMETHEUS);
}, 15 * 60_000);

/** The metrics text at `url`. */
async function scrape(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** One sample of a metrics text, e.g. value(text, 'authql_logins_total{outcome="success"}'). */
function value(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

interface Prometheus {
  url: string;
  query(expression: string): Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts Prometheus scraping `target` (host:port, path) every second, with its own data directory. */
async function startPrometheus(target: { hostPort: string; path: string }): Promise<Prometheus> {
  const binary = prometheusBinary;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(
    configFile,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: authql',
      `    metrics_path: ${target.path}`,
      '    static_configs:',
      `      - targets: ['${target.hostPort}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + PROMETHEUS_WAIT_MS;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async query(expression) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expression)}`);
      const body = (await response.json()) as { status: string; data: { result: { value: [number, string] }[] } };
      expect(body.status).toBe('success');
      return body.data.result.length ? Number(body.data.result[0].value[1]) : null;
    },
    stop,
  };
}

/** Asks Prometheus until `accept` likes the answer (a bounded wait); answers the last value. */
async function until(prometheus: Prometheus, expression: string, accept: (v: number | null) => boolean): Promise<number | null> {
  const deadline = Date.now() + PROMETHEUS_WAIT_MS;
  for (;;) {
    const answer = await prometheus.query(expression);
    if (accept(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('Prometheus scraping authql on its metrics port', () => {
  // Prometheus, started by the first story: its afterAll, declared first, stops it before the server closes.
  const cleanup = withCleanup();
  let metricsPort: number;
  beforeAll(async () => {
    metricsPort = await freePort();
  });
  const server = withTestServer(() => ({ metrics: { enabled: true, port: metricsPort } }));

  test("Prometheus's increase() and rate() of the login counter see the logins, by outcome", async () => {
    const prometheus = cleanup.add(await startPrometheus({ hostPort: `127.0.0.1:${metricsPort}`, path: '/metrics' }), (started) => started.stop());
    // The target is up and scraped at 0 before anything happens.
    expect(await until(prometheus, 'up{job="authql"}', (v) => v === 1)).toBe(1);
    expect(await until(prometheus, 'authql_logins_total{outcome="success"}', (v) => v === 0)).toBe(0);

    await register(server, { email: 'ada@example.com', password: PASSWORD });
    for (let i = 0; i < 3; i += 1) await login(server, { email: 'ada@example.com', password: PASSWORD });
    for (let i = 0; i < 2; i += 1) {
      const failed = await server.gql(LOGIN, { input: { email: 'ada@example.com', password: 'not her password' } });
      expect(failed.data.login.code).toBe('INVALID_CREDENTIALS');
    }

    const increase = await until(prometheus, 'increase(authql_logins_total{outcome="success"}[1m])', (v) => v !== null && v >= 3);
    expect(increase).toBeGreaterThanOrEqual(3);
    // increase() extrapolates a little past the samples, never to twice the count.
    expect(increase).toBeLessThan(6);
    expect(await until(prometheus, 'rate(authql_logins_total{outcome="success"}[1m]) > 0', (v) => v !== null)).toBeGreaterThan(0);
    expect(await until(prometheus, 'sum(authql_logins_total{outcome="invalid"})', (v) => v === 2)).toBe(2);
    expect(await until(prometheus, 'authql_registrations_total', (v) => v === 1)).toBe(1);
    // Request timings arrive too, labelled by root field.
    expect(await until(prometheus, 'sum(graphql_yoga_http_duration_count{rootField="login"})', (v) => v === 5)).toBe(5);
  });

  test("the API's port does not serve the metrics when they have a port of their own; that port answers the probes too", async () => {
    const onApi = await fetch(new URL('/metrics', server.url));
    expect(onApi.status).toBe(404);
    await onApi.text();
    const base = `http://127.0.0.1:${metricsPort}`;
    expect(await (await fetch(`${base}/ready`)).json()).toMatchObject({ status: 'ready' });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/anything-else`)).status).toBe(404);
  });

  test('no label holds a user id, an email, an IP address or a token', async () => {
    const user = await createUser(server, 'grace@example.com');
    const text = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    for (const secret of [user.id, user.email, 'ada@example.com', user.token, user.password, '127.0.0.1']) expect(text).not.toContain(secret);
    // No label value looks like an email or an address, or is long enough to be a token.
    const labelValues = new Set([...text.matchAll(/\w+="([^"]*)"/g)].map((m) => m[1]));
    expect(labelValues.size).toBeGreaterThan(20);
    for (const label of labelValues) {
      expect(label).not.toMatch(/@|:|\d+\.\d+\.\d+\.\d+/);
      expect(label.length).toBeLessThan(40);
    }
  });
});

describe('counters and gauges, on the API port, in a second instance of the same process', () => {
  // Two instances in one process: each has its own registry (no "already registered" clash).
  const first = withTestServer({ metrics: { enabled: true } });
  const server = withTestServer({
    metrics: { enabled: true, path: '/internal/metrics' },
    rateLimits: { login: { perIp: '6/1m' }, lockout: { failures: 2, duration: '15m' } },
    sendConfirmationEmail: true,
    // Nobody delivers here: the confirmation emails stay in the outbox.
    email: { worker: false },
  });

  const metrics = (of: TestServer, at = '/internal/metrics') => scrape(new URL(at, of.url).toString());

  test('lockouts, refusals by kind, logins by outcome, the outbox backlog and its age', async () => {
    await register(server, { email: 'ada@example.com', password: PASSWORD });
    await register(server, { email: 'bob@example.com', password: PASSWORD });
    const attempt = (email: string, password: string) => server.gql(LOGIN, { input: { email, password } });

    // Two wrong passwords lock Ada's account for this network; the next try is refused as locked.
    expect((await attempt('ada@example.com', 'wrong one here')).data.login.code).toBe('INVALID_CREDENTIALS');
    expect((await attempt('ada@example.com', 'wrong two here')).data.login.code).toBe('INVALID_CREDENTIALS');
    expect((await attempt('ada@example.com', PASSWORD)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // Bob logs in twice; the 7th login from this address in the minute is over the per-IP limit.
    expect((await attempt('bob@example.com', PASSWORD)).data.login.__typename).toBe('LoginSuccess');
    expect((await attempt('bob@example.com', PASSWORD)).data.login.__typename).toBe('LoginSuccess');
    await attempt('bob@example.com', PASSWORD);
    expect((await attempt('bob@example.com', PASSWORD)).errors?.[0].extensions?.code).toBe('RATE_LIMITED');

    const text = await metrics(server);
    expect(value(text, 'authql_logins_total{outcome="invalid"}')).toBe(2);
    expect(value(text, 'authql_logins_total{outcome="locked"}')).toBe(1);
    expect(value(text, 'authql_logins_total{outcome="success"}')).toBe(3);
    expect(value(text, 'authql_logins_total{outcome="rate_limited"}')).toBe(1);
    expect(value(text, 'authql_logins_total{outcome="mfa_required"}')).toBe(0);
    expect(value(text, 'authql_lockouts_total')).toBe(1);
    expect(value(text, 'authql_rate_limited_total{kind="locked"}')).toBe(1);
    expect(value(text, 'authql_rate_limited_total{kind="login_ip"}')).toBe(1);
    expect(value(text, 'authql_registrations_total')).toBe(2);
    expect(value(text, 'authql_security_events_total{type="ACCOUNT_LOCKED"}')).toBe(1);
    expect(value(text, 'authql_second_factor_failures_total')).toBe(0);
    // Two confirmation emails wait, the older for at least as long as this test took so far.
    expect(value(text, 'authql_outbox_depth')).toBe(2);
    expect(value(text, 'authql_outbox_oldest_age_seconds')).toBeGreaterThan(0);
    expect(text).toMatch(/^graphql_envelop_execute_resolver_count\{[^}]*fieldName="login"[^}]*\} \d+$/m);

    // The first instance counted none of this.
    const other = await metrics(first, '/metrics');
    expect(value(other, 'authql_logins_total{outcome="success"}')).toBe(0);
    expect(value(other, 'authql_registrations_total')).toBe(0);
  });

  test('password resets asked for are counted whether or not the address is known; completed ones too', async () => {
    const reset = graphql(`mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }`);
    await server.gql(reset, { input: { email: 'ada@example.com' } });
    await server.gql(reset, { input: { email: 'nobody@example.com' } });
    const text = await metrics(server);
    expect(value(text, 'authql_password_resets_total{stage="requested"}')).toBe(2);
    expect(value(text, 'authql_password_resets_total{stage="completed"}')).toBe(0);
  });

  test('metrics are off unless enabled', async () => {
    const plain = await startTestServer();
    try {
      const response = await fetch(new URL('/metrics', plain.url));
      expect(response.status).toBe(404);
      expect(plain.auth.metrics).toBeNull();
    } finally {
      await plain.close();
    }
  });
});

describe('in production, the metrics on the public port need metrics.token', () => {
  const PRODUCTION = { production: true, frontend: { domain: 'app.example.test', siteName: 'Example' } } as const;
  const TOKEN = 'scraper-token-0123456789-abcdef';

  test('a production config with metrics on the public port and no token does not start, and the message names metrics.token', async () => {
    const outcome = await createAuth({ ...PRODUCTION, secret: TEST_SECRET, mongodb: { uri: testDatabaseUri() }, email: { transport: { jsonTransport: true } }, metrics: { enabled: true } }).then(
      async (auth) => {
        await auth.close();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/in production, .*"metrics\.token"/);
  });

  describe('with metrics.token', () => {
    const server = withTestServer({ ...PRODUCTION, metrics: { enabled: true, token: TOKEN } });
    const scrapeWith = (headers: Record<string, string>) => fetch(new URL('/metrics', server.url), { headers });

    test('a scrape without the token is 401 (a JSON error and a Bearer challenge), with another token 403; neither shows a metric', async () => {
      const without = await scrapeWith({});
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await without.json()).toEqual({ errors: [{ message: 'The metrics need a Bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] });
      for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Token ${TOKEN}`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, 'Bearer']) {
        const wrong = await scrapeWith({ authorization });
        expect(wrong.status).toBe(403);
        const text = await wrong.text();
        expect(JSON.parse(text).errors[0].extensions.code).toBe('FORBIDDEN');
        expect(text).not.toMatch(/authql_|graphql_/);
      }
    });

    test('the scraper with the token gets the Prometheus text', async () => {
      await register(server, { email: 'counted@example.com', password: PASSWORD });
      const response = await scrapeWith({ authorization: `Bearer ${TOKEN}` });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(value(await response.text(), 'authql_registrations_total')).toBe(1);
    });

    test('GraphQL on the same port does not need the metrics token', async () => {
      expect((await server.gql(graphql(`query Typename { __typename }`))).data).toEqual({ __typename: 'Query' });
    });
  });

  test('on a port of their own, production metrics need no token', async () => {
    const metricsPort = await freePort();
    const server = await startTestServer({ ...PRODUCTION, metrics: { enabled: true, port: metricsPort } });
    try {
      expect(value(await scrape(`http://127.0.0.1:${metricsPort}/metrics`), 'authql_registrations_total')).toBe(0);
    } finally {
      await server.close();
    }
  });
});
