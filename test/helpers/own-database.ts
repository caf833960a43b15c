// A FerretDB of a test file's own, which its stories stop and start again (an outage) without
// disturbing the other test files. Its files survive a stop, so a restart finds the data.
import { rmSync } from 'node:fs';
import { findFerretDB, freePort, startFerretDB, type FerretDBProcess } from '../../src/cli/embedded-db';
import { withResource } from './resources';
import { startTestServer, type TestServer } from './server';

export interface OwnDatabase {
  uri: string;
  /** The database goes away; its files stay. */
  stop(): Promise<void>;
  /** It comes back on the same port with the same files. */
  start(): Promise<void>;
  /** Running again if a story left it down (so servers can drop their databases), for afterAll. */
  ensureRunning(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

export async function startOwnDatabase(): Promise<OwnDatabase> {
  // The one the test run's database came from, else built into the cache as `npm start` would.
  const binary = await findFerretDB(process.env, { build: true });
  if (!binary) throw new Error('this test needs FerretDB 1.24: a ferretdb binary on PATH, or go on PATH to build one');
  const port = await freePort();
  let running: FerretDBProcess | null = await startFerretDB(binary, { port, keepData: true });
  const { dataDir, uri } = running;
  const start = async () => {
    running = await startFerretDB(binary, { port, dataDir, keepData: true });
  };
  return {
    uri,
    async stop() {
      await running?.stop();
      running = null;
    },
    start,
    async ensureRunning() {
      if (!running) await start().catch(() => undefined);
    },
    async remove() {
      await running?.stop();
      running = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test server on the file's own database: started before the file's stories, removed after (the server first). */
export function serverOnOwnDatabase(): { database: OwnDatabase; server: TestServer } {
  const database = withResource('the own database', startOwnDatabase, (own) => own.remove());
  const server = withResource(
    'the test server on the own database',
    () => startTestServer({}, { mongodbUri: database.uri }),
    // Its database running again if a story left it down, so that the server can drop its database.
    async (started) => {
      await database.ensureRunning();
      await started.close().catch(() => undefined);
    },
  );
  return { database, server };
}
