// A test database as any other program sees it: a plain driver connection, no authql models,
// for stories about what authql keeps at rest (and what it must not), and for cleaning up.
import mongoose from 'mongoose';
import { DEFAULT_COLLECTION_PREFIX } from '../../src/config';

type Document = mongoose.mongo.Document;

/** The database server of the test run (jest's global setup finds one, as `npm start` does). */
export function testDatabaseUri(): string {
  const uri = process.env.AUTHQL_TEST_MONGODB_URI ?? process.env.MONGODB_URI;
  if (!uri) throw new Error('no test database: run the tests through jest (global setup finds one)');
  return uri;
}

export interface TestDatabase {
  /** The database itself, through the mongodb driver. */
  db: mongoose.mongo.Db;
  /** One of authql's collections by its own name ('users', 'outbox', …), with the configured collectionPrefix (default: authql's). */
  collection<T extends Document = Document>(name: string): mongoose.mongo.Collection<T>;
  close(): Promise<void>;
  /** Drops the database and closes the connection. */
  remove(): Promise<void>;
}

export async function connectTestDatabase(dbName: string, options: { uri?: string; collectionPrefix?: string } = {}): Promise<TestDatabase> {
  const connection = await mongoose.createConnection(options.uri ?? testDatabaseUri(), { dbName }).asPromise();
  const db = connection.db!;
  const close = () => connection.close();
  return {
    db,
    collection: (name) => db.collection(`${options.collectionPrefix ?? DEFAULT_COLLECTION_PREFIX}${name}`),
    close,
    async remove() {
      await db.dropDatabase().catch(() => undefined);
      await close();
    },
  };
}

/** Drops a test database (e.g. one an `authql serve` process or a createAuth of a story used). */
export async function dropTestDatabase(dbName: string, uri?: string): Promise<void> {
  await (await connectTestDatabase(dbName, { uri })).remove();
}

/** Closes an authql a story created itself (createAuth) and drops its database. */
export async function closeAndDrop(auth: { close(): Promise<void> }, dbName: string): Promise<void> {
  await auth.close();
  await dropTestDatabase(dbName);
}
