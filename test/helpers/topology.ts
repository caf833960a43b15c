// A production topology on one machine: PostgreSQL (Debian's package, an unprivileged cluster in a
// temporary directory), FerretDB 1.24 with its PostgreSQL handler, several `authql serve`
// processes on one database, and a small round-robin HTTP proxy in front that forwards
// X-Forwarded-For. Clients act from addresses of their own in 127.0.0.0/8, so each story (or
// bench) is its own end client to the per-IP limits. Used by test/topology/ and bench/topology.ts.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFerretDB, findOnPath, freePort, startFerretDB, type FerretDBProcess } from '../../src/cli/embedded-db';
import { POSTGRESQL, obtainTool } from '../setup/system-tools';
import { cliEnv, groupAlive, signalGroup, startCli, startProcess, waitFor, waitForGroupGone, ROOT, type CliProcess } from './cli';
import { cleanupStack } from './resources';
import { queryOf, type Document, type GraphQLResponse } from './server';
import type { TestSmtpServer } from './smtp';

export interface Postgres {
  /** postgres://… for FerretDB's --postgresql-url. */
  url: string;
  port: number;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** How to run PostgreSQL's programs: as ourselves, or (initdb and postgres refuse root) as `nobody`. */
function unprivileged(): { prefix: string[]; chown(dir: string): void } {
  if (process.getuid?.() !== 0) return { prefix: [], chown: () => undefined };
  const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  const setpriv = findOnPath('setpriv');
  const prefix = setpriv
    ? [setpriv, `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups']
    : [findOnPath('runuser') ?? 'runuser', '-u', 'nobody', '--'];
  return { prefix, chown: (dir) => chownSync(dir, uid, gid) };
}

/**
 * A PostgreSQL cluster of its own in a temporary directory: initdb, then `postgres` on a free
 * loopback port with its Unix socket in that directory, trust authentication for the `authql`
 * role on loopback only. fsync is off: the cluster lives as long as one test run.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = path.dirname(realpathSync(obtainTool(POSTGRESQL)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-postgres-'));
  const as = unprivileged();
  as.chown(dir);
  const data = path.join(dir, 'data');
  const [command, ...prefixArgs] = [...as.prefix, path.join(bin, 'initdb')];
  try {
    execFileSync(command, [...prefixArgs, '-D', data, '-U', 'authql', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim().slice(-1500)}`);
  }
  const port = await freePort();
  const [server, ...serverPrefix] = [...as.prefix, path.join(bin, 'postgres')];
  const postgres = startProcess(
    server,
    [...serverPrefix, '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    { ...process.env, LC_ALL: 'C.UTF-8' },
    { cwd: dir },
  );
  try {
    await waitFor('PostgreSQL to accept connections', () => /ready to accept connections/.test(postgres.stderr()), 30_000, postgres);
  } catch (error) {
    signalGroup(postgres, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://authql@127.0.0.1:${port}/postgres`,
    port,
    pid: postgres.process.pid!,
    async stop() {
      // Fast shutdown: SIGINT ends the sessions and stops cleanly.
      if (groupAlive(postgres.process.pid!)) {
        postgres.process.kill('SIGINT');
        await waitForGroupGone(postgres, 15_000).catch(async () => {
          signalGroup(postgres, 'SIGKILL');
          await waitForGroupGone(postgres);
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** FerretDB 1.24 (the one the test run found or built) with its PostgreSQL handler on that cluster. */
export async function startFerretDBOnPostgres(postgres: Postgres): Promise<FerretDBProcess> {
  const binary = await findFerretDB(process.env, { build: true });
  if (!binary) throw new Error('the topology needs FerretDB 1.24: a ferretdb binary on PATH, or go on PATH to build one');
  return startFerretDB(binary, { postgresqlUrl: postgres.url });
}

export interface Proxy {
  /** The GraphQL endpoint through the proxy. */
  url: string;
  /** How many requests each upstream answered, by its port. */
  served: Map<number, number>;
  close(): Promise<void>;
}

/**
 * A round-robin reverse proxy on 127.0.0.1, as a load balancer in front of the instances: each
 * request goes to the next upstream, with the client's address appended to X-Forwarded-For.
 * An upstream that refuses the connection (a dead instance) is skipped, as nginx's
 * `proxy_next_upstream error` does; the request had not reached it.
 */
export async function startProxy(upstreamPorts: number[]): Promise<Proxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const served = new Map(upstreamPorts.map((port) => [port, 0]));
  let next = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
      const headers = { ...request.headers, 'x-forwarded-for': forwardedFor };
      delete headers.connection;
      const attempt = (triesLeft: number) => {
        const port = upstreamPorts[next++ % upstreamPorts.length];
        const upstream = http.request({ host: '127.0.0.1', port, method: request.method, path: request.url, headers, agent }, (answer) => {
          served.set(port, served.get(port)! + 1);
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        });
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && triesLeft > 1) return attempt(triesLeft - 1);
          if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errors: [{ message: 'bad gateway' }] }));
        });
        upstream.end(body);
      };
      attempt(upstreamPorts.length);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** GraphQL over HTTP from one client address (127.0.0.x): what a user at that address sends. */
export type ClientCall = (document: Document, variables?: Record<string, unknown>, options?: { authorization?: string; headers?: Record<string, string> }) => Promise<GraphQLResponse>;

export function clientAt(address: string, url: string): ClientCall {
  const { hostname, port, pathname } = new URL(url);
  return (document, variables = {}, { authorization, headers = {} } = {}) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query: queryOf(document), variables });
      const request = http.request(
        {
          host: hostname,
          port: Number(port),
          path: pathname,
          method: 'POST',
          localAddress: address,
          agent: false,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(authorization ? { authorization } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              const json = JSON.parse(text) as { data?: any; errors?: GraphQLResponse['errors'] };
              const headers = new Headers(Object.entries(response.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])));
              resolve({ status: response.statusCode ?? 0, data: json.data, errors: json.errors, headers });
            } catch {
              reject(new Error(`HTTP ${response.statusCode} with a body that is not JSON: ${text.slice(0, 300)}`));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** A fresh client address for each call (127.0.0.10, .11, …): every story is a new end client. */
export function clientAddresses(): () => string {
  let last = 9;
  return () => {
    last += 1;
    if (last > 250) throw new Error('out of client addresses in 127.0.0.0/24');
    return `127.0.0.${last}`;
  };
}

export interface Instance {
  port: number;
  /** Its own GraphQL endpoint, past the proxy. */
  url: string;
  cli: CliProcess;
  /** SIGKILL to the process and everything it started, as the OOM killer or a lost machine would. */
  kill(): Promise<void>;
}

export interface TopologyOptions {
  instances?: number;
  /** The `authql serve --config` file's content, besides mongodb. */
  config: Record<string, unknown>;
  /** Where the instances send email (SMTP_URL); none: `env` or the config says. */
  smtp?: TestSmtpServer;
  secret: string;
  /** Run the built package (`node bin/authql.js`, as installed) instead of the sources with tsx. */
  built?: boolean;
  /** Extra environment for every instance. */
  env?: NodeJS.ProcessEnv;
}

export interface Topology {
  postgres: Postgres;
  ferretdb: FerretDBProcess;
  /** The MongoDB URI of FerretDB, and the database the instances share. */
  uri: string;
  dbName: string;
  instances: Instance[];
  proxy: Proxy;
  stop(): Promise<void>;
}

/** Starts `authql serve` on a free port with the config file; resolves once it serves. */
async function startInstance(configFile: string, options: TopologyOptions): Promise<Instance> {
  const port = await freePort();
  const env = cliEnv({ AUTH_SECRET: options.secret, ...(options.smtp ? { SMTP_URL: options.smtp.url } : {}), PORT: String(port), HOST: '127.0.0.1', ...options.env });
  const args = ['serve', '--config', configFile];
  const cli = options.built ? startProcess(process.execPath, [path.join(ROOT, 'bin', 'authql.js'), ...args], env) : startCli(args, env);
  await waitFor(`authql serve on port ${port}`, () => /serving/.test(cli.stdout()), 90_000, cli);
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    cli,
    async kill() {
      signalGroup(cli, 'SIGKILL');
      await waitForGroupGone(cli);
    },
  };
}

/** PostgreSQL, FerretDB on it, the instances on one database, and the proxy; `stop` undoes it all. */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const stack = cleanupStack();
  try {
    const postgres = await startPostgres();
    stack.push(() => postgres.stop());
    const ferretdb = await startFerretDBOnPostgres(postgres);
    stack.push(() => ferretdb.stop());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'authql-topology-'));
    stack.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbName = 'authql';
    const configFile = path.join(dir, 'authql.json');
    writeFileSync(configFile, JSON.stringify({ ...options.config, mongodb: { uri: ferretdb.uri, dbName } }));
    // The first creates the collections and indexes; the others start beside one another.
    const first = await startInstance(configFile, options);
    const rest = await Promise.all(Array.from({ length: (options.instances ?? 3) - 1 }, () => startInstance(configFile, options)));
    const instances = [first, ...rest];
    for (const instance of instances) stack.push(() => stopInstance(instance));
    const proxy = await startProxy(instances.map((instance) => instance.port));
    stack.push(() => proxy.close());
    return { postgres, ferretdb, uri: ferretdb.uri, dbName, instances, proxy, stop: () => stack.run() };
  } catch (error) {
    await stack.run().catch(() => undefined);
    throw error;
  }
}

/** SIGTERM (a drain) to a running instance, SIGKILL if it takes over 15 s. */
async function stopInstance(instance: Instance): Promise<void> {
  if (!groupAlive(instance.cli.process.pid!)) return;
  signalGroup(instance.cli, 'SIGTERM');
  await waitForGroupGone(instance.cli, 15_000).catch(() => instance.kill());
}
