// One database for the whole run, found exactly as `npm start` finds it (building FerretDB into
// the per-user cache on a fresh machine); each test file uses its own db name. Several projects
// name this setup (or one that calls it): the database is started once.
import { findDatabase } from '../../src/cli/embedded-db';

export default async function globalSetup(): Promise<void> {
  const shared = globalThis as { __authqlDatabase?: unknown };
  if (shared.__authqlDatabase) return;
  const database = await findDatabase(process.env);
  shared.__authqlDatabase = database;
  process.env.AUTHQL_TEST_MONGODB_URI = database.uri;
  process.stdout.write(`\n[authql tests] ${database.description}\n`);
}
