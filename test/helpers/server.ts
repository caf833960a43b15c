// A real authql: createAuth on its own database, served over HTTP on 127.0.0.1, sending
// emails to a real SMTP server.
import { randomBytes } from 'node:crypto';
import { createAuth, storeOf, type Auth } from '../../src/auth';
import type { Store } from '../../src/store';
import type { AuthOptions } from '../../src/config';
import { startServer } from '../../src/server';
import { connectTestDatabase, testDatabaseUri, type TestDatabase } from './database';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export { testDatabaseUri };

export function uniqueDbName(prefix = 'authql_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
  headers: Headers;
}

export interface TestServer {
  auth: Auth;
  /** authql's storage, for stories that set up what no API can (flags of a first user, old hashes). */
  store: Store;
  /** Its database through a plain driver connection, for stories about what is stored. */
  database: TestDatabase;
  url: string;
  smtp: TestSmtpServer;
  dbName: string;
  /** POSTs a GraphQL operation; `token` goes into `Authorization: Token <token>`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

type TestOptions = Omit<AuthOptions, 'mongodb' | 'secret'> & { secret?: string };

export async function startTestServer(
  options: TestOptions = {},
  shared: {
    smtp?: TestSmtpServer;
    /** another database server than the run's shared one */ mongodbUri?: string;
    /** an existing database (e.g. another test server's `dbName`) instead of a fresh one */ dbName?: string;
  } = {},
): Promise<TestServer> {
  const smtp = shared.smtp ?? (await startSmtpServer());
  const databaseUri = shared.mongodbUri ?? testDatabaseUri();
  const dbName = shared.dbName ?? uniqueDbName();
  const auth = await createAuth({
    secret: TEST_SECRET,
    // Stories about other features must not trip the request limits; the rate-limit stories turn them on.
    rateLimits: false,
    ...options,
    mongodb: { uri: databaseUri, dbName },
    email: { transport: smtp.url, from: 'authql tests <no-reply@example.test>', ...(options.email ?? {}) },
    logger: options.logger ?? { info: () => undefined, warn: () => undefined, error: (m, f) => console.error(m, f) },
  });
  const running = await startServer(auth, { port: 0 });
  const database = await connectTestDatabase(dbName, { uri: databaseUri, collectionPrefix: auth.config.mongodb.collectionPrefix });
  return {
    auth,
    store: storeOf(auth),
    database,
    url: running.url,
    smtp,
    dbName,
    gql: graphqlAt(running.url),
    async close() {
      await running.close();
      await auth.close();
      await database.remove();
      if (!shared.smtp) await smtp.close();
    },
  };
}

/** POSTs GraphQL operations to a server at this URL, as TestServer['gql'] does. */
export function graphqlAt(url: string): TestServer['gql'] {
  return async (query, variables, { token, headers } = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Token ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: any };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  };
}
