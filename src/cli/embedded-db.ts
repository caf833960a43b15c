// Finding a database when none is configured: MONGODB_URI, else a `ferretdb` binary on PATH
// (or the one built earlier into authql's cache) with a temporary SQLite directory, else
// mongodb-memory-server, else FerretDB built with `go` into the cache, else a message
// saying what to set.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from './cache-dir';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type DatabaseSource = 'MONGODB_URI' | 'ferretdb' | 'mongodb-memory-server';

export const FERRETDB_VERSION = 'v1.24.2';

export interface FoundDatabase {
  uri: string;
  source: DatabaseSource;
  /** One line for the log: which database is in use. */
  description: string;
  stop(): Promise<void>;
}

export const NO_DATABASE_MESSAGE =
  'authql could not find a database. Set MONGODB_URI to a MongoDB 6+ (or FerretDB 1.24) server, e.g. ' +
  'MONGODB_URI=mongodb://127.0.0.1:27017/authql; or put a `ferretdb` binary (FerretDB 1.24, built from the Go ' +
  'module proxy) on PATH to have one started with a temporary SQLite directory; or allow mongodb-memory-server ' +
  'to download mongod (it needs network access on first use); or put Go on PATH to have FerretDB built once ' +
  'into a per-user cache (AUTHQL_CACHE_DIR, else ~/.cache/authql).';

export function findOnPath(binary: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something listens on this port of 127.0.0.1. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The FerretDB binary authql builds into its cache (it may not be there yet). */
export function cachedFerretDBPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(cacheDir(env), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Makes a read-only copy (Go's module cache) writable, so that a file can be added and the copy removed. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
  }
}

/**
 * Builds FerretDB from the Go module proxy into the cache and returns the binary. The module
 * lacks build/version/version.txt (a binary from `go install` panics at start), so it is
 * built from a copy of its source with that file added.
 */
export async function buildFerretDB(env: NodeJS.ProcessEnv = process.env, progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<string> {
  const go = findOnPath('go', env);
  if (!go) throw new Error('go is not on PATH');
  const target = cachedFerretDBPath(env);
  progress(`authql: building FerretDB ${FERRETDB_VERSION} with go into ${path.dirname(target)} (once; it takes a few minutes)`);
  const options = { env, cwd: os.tmpdir(), maxBuffer: 16 * 1024 * 1024 };
  const work = mkdtempSync(path.join(os.tmpdir(), 'authql-ferretdb-build-'));
  try {
    const { stdout } = await run(go, ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], options);
    const { Dir: source } = JSON.parse(stdout) as { Dir?: string };
    if (!source) throw new Error(`go mod download did not say where the module is: ${stdout.slice(0, 300)}`);
    cpSync(source, work, { recursive: true });
    makeWritable(work);
    writeFileSync(path.join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    mkdirSync(path.dirname(target), { recursive: true });
    // Built beside the target and renamed, so a concurrent start never runs a half-written binary.
    const partial = `${target}.${process.pid}.partial`;
    await run(go, ['build', '-o', partial, './cmd/ferretdb'], { ...options, cwd: work });
    renameSync(partial, target);
    return target;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    const detail = stderr?.trim().split('\n').slice(-3).join(' ') || (error as Error).message;
    throw new Error(`building FerretDB ${FERRETDB_VERSION} with go failed: ${detail}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A ferretdb binary: on PATH, else the one built earlier into the cache, else (with `build`) built now with go. */
export async function findFerretDB(env: NodeJS.ProcessEnv = process.env, options: { build?: boolean } = {}): Promise<string | null> {
  const found = findOnPath('ferretdb', env) ?? (isExecutable(cachedFerretDBPath(env)) ? cachedFerretDBPath(env) : null);
  if (found || !options.build || !findOnPath('go', env)) return found;
  return buildFerretDB(env);
}

export interface FerretDBProcess {
  port: number;
  uri: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts FerretDB on a loopback port and waits until it accepts connections: with the SQLite
 * backend in `dataDir`, or with `postgresqlUrl` on that PostgreSQL database (`dataDir` then
 * holds only FerretDB's state file). `args` are passed on (e.g. authentication settings).
 */
export async function startFerretDB(
  binary: string,
  options: { port?: number; dataDir?: string; keepData?: boolean; postgresqlUrl?: string; args?: string[] } = {},
): Promise<FerretDBProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'authql-ferretdb-'));
  const backend = options.postgresqlUrl
    ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`];
  const child = spawn(
    binary,
    [
      ...backend,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not start on port ${port}: ${stderr.trim() || 'no output'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dataDir,
    uri: `mongodb://127.0.0.1:${port}/`,
    process: child,
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startFound(binary: string): Promise<FoundDatabase> {
  const started = await startFerretDB(binary);
  return {
    uri: started.uri,
    source: 'ferretdb',
    description: `database: FerretDB (${binary}) on 127.0.0.1:${started.port} with a temporary SQLite directory ${started.dataDir}; data is lost on exit`,
    stop: started.stop,
  };
}

async function startMongoMemoryServer(): Promise<FoundDatabase> {
  // mongodb-memory-server prints its own stack trace when it cannot start; the paragraph of findDatabase says it better.
  const { warn, error: logError } = console;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    console.warn = () => undefined;
    console.error = () => undefined;
    const server = await MongoMemoryServer.create();
    return {
      uri: server.getUri(),
      source: 'mongodb-memory-server',
      description: `database: mongodb-memory-server on ${server.getUri()}; data is lost on exit`,
      stop: async () => {
        await server.stop();
      },
    };
  } finally {
    console.warn = warn;
    console.error = logError;
  }
}

/**
 * The database `authql serve` and the tests use when none is configured. A FerretDB built
 * earlier into the cache comes before mongodb-memory-server, so that every later start
 * reuses it without first waiting for a download that fails offline.
 */
export async function findDatabase(env: NodeJS.ProcessEnv = process.env): Promise<FoundDatabase> {
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, source: 'MONGODB_URI', description: 'database: MONGODB_URI', stop: async () => undefined };
  }
  const problems: string[] = [];
  const attempt = async (what: string, start: () => Promise<FoundDatabase>): Promise<FoundDatabase | null> => {
    try {
      return await start();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message.split('\n')[0]}`);
      return null;
    }
  };
  const ferretdb = await findFerretDB(env);
  if (ferretdb) {
    const started = await attempt(ferretdb, () => startFound(ferretdb));
    if (started) return started;
  }
  const memoryServer = await attempt('mongodb-memory-server', startMongoMemoryServer);
  if (memoryServer) return memoryServer;
  if (!ferretdb && findOnPath('go', env)) {
    const built = await attempt('go', async () => startFound(await buildFerretDB(env)));
    if (built) return built;
  }
  const error = new Error(`${NO_DATABASE_MESSAGE} (Tried: ${problems.join('; ')}.)`);
  error.name = 'NoDatabaseError';
  throw error;
}
