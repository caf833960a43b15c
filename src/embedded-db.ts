// Finding a database when none is configured (SPEC §1): MONGODB_URI, else a `ferretdb`
// binary on PATH with a temporary SQLite directory, else mongodb-memory-server, else a
// message saying what to set.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type DatabaseSource = 'MONGODB_URI' | 'ferretdb' | 'mongodb-memory-server';

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
  'module proxy as authql\'s .ci/run does) on PATH to have one started with a temporary SQLite directory; or ' +
  'allow mongodb-memory-server to download mongod (it needs network access on first use).';

export function findOnPath(binary: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
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

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface FerretDBProcess {
  port: number;
  uri: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts FerretDB with the SQLite backend on a loopback port and waits until it accepts connections. */
export async function startFerretDB(binary: string, options: { port?: number; dataDir?: string; keepData?: boolean } = {}): Promise<FerretDBProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'authql-ferretdb-'));
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
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

export async function findDatabase(env: NodeJS.ProcessEnv = process.env): Promise<FoundDatabase> {
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, source: 'MONGODB_URI', description: 'database: MONGODB_URI', stop: async () => undefined };
  }
  const problems: string[] = [];
  const ferretdb = findOnPath('ferretdb');
  if (ferretdb) {
    try {
      const started = await startFerretDB(ferretdb);
      return {
        uri: started.uri,
        source: 'ferretdb',
        description: `database: FerretDB (${ferretdb}) on 127.0.0.1:${started.port} with a temporary SQLite directory ${started.dataDir}; data is lost on exit`,
        stop: started.stop,
      };
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  // mongodb-memory-server prints its own stack trace when it cannot start; the paragraph below says it better.
  const { warn, error: logError } = console;
  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    console.warn = () => undefined;
    console.error = () => undefined;
    const server = await MongoMemoryServer.create();
    console.warn = warn;
    console.error = logError;
    return {
      uri: server.getUri(),
      source: 'mongodb-memory-server',
      description: `database: mongodb-memory-server on ${server.getUri()}; data is lost on exit`,
      stop: async () => {
        await server.stop();
      },
    };
  } catch (error) {
    console.warn = warn;
    console.error = logError;
    problems.push(`mongodb-memory-server: ${(error as Error).message.split('\n')[0]}`);
  }
  const error = new Error(`${NO_DATABASE_MESSAGE} (Tried: ${problems.join('; ')}.)`);
  error.name = 'NoDatabaseError';
  throw error;
}
