// One database for the whole run, found exactly as `npm start` finds it (building FerretDB into
// the per-user cache on a fresh machine); each test file uses its own db name.
import { findDatabase } from '../../src/cli/embedded-db';

export default async function globalSetup(): Promise<void> {
  const database = await findDatabase(process.env);
  (globalThis as { __authqlDatabase?: unknown }).__authqlDatabase = database;
  process.env.AUTHQL_TEST_MONGODB_URI = database.uri;
  process.stdout.write(`\n[authql tests] ${database.description}\n`);
}
