// A real authql: createAuth on its own database, served over HTTP on 127.0.0.1, sending
// emails to a real SMTP server. `withTestServer(options)` gives a story one for its describe
// block (started in beforeAll, closed in afterAll); `startTestServer` starts one by hand.
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createAuth, storeOf, type Auth } from '../../src/auth';
import type { Store } from '../../src/store';
import type { AuthOptions } from '../../src/config';
import { startServer } from '../../src/server';
import { connectTestDatabase, testDatabaseUri, type TestDatabase } from './database';
import { withCleanup, withResource } from './resources';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export { runningHandle } from './resources';

export const TEST_SECRET = 'test-secret-0123456789-0123456789-abcdef';

export { testDatabaseUri };

export function uniqueDbName(prefix = 'authql_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * A typed answer as a story reads it: a union's variants merged into one object (a story states
 * the `__typename` it expects in its assertion), `null` left out (a story reads what it expects to
 * be there, and a missing part fails the test where it is read), JSON scalars left open. A name
 * outside the document's selection still fails tsc.
 */
export type Answer<T> = unknown extends T
  ? any
  : [NonNullable<T>] extends [readonly (infer Item)[]]
    ? Answer<Item>[]
    : [NonNullable<T>] extends [object]
      ? { [K in KeysOfVariants<NonNullable<T>>]: Answer<FieldOfVariants<NonNullable<T>, K>> }
      : NonNullable<T>;
/** A variant with no field selected is `Record<PropertyKey, never>`: it adds no key. */
type KeysOfVariants<T> = T extends unknown ? (string extends keyof T ? never : keyof T) : never;
type FieldOfVariants<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

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
  /**
   * POSTs a GraphQL operation; `token` goes into `Authorization: Token <token>`. Given a typed
   * document (a story's `graphql(`…`)` from test/generated, or LoginDocument, … of
   * src/client/generated), the answer is typed by it, so a renamed operation or field fails tsc.
   */
  gql: GraphQLCall;
  close(): Promise<void>;
}

/** The answer to a typed document: `data` is there to read (a story that expects errors reads `errors`). */
export interface TypedResponse<Result> extends Omit<GraphQLResponse, 'data'> {
  data: Answer<Result>;
}

/** A document to send: typed (from test/generated or src/client/generated), or a string. */
export type Document = string | TypedDocumentNode<any, any>;

/** The text of a document, to send by hand (raw HTTP, a child process, a browser). */
export function queryOf(document: Document): string {
  return typeof document === 'string' ? document : print(document);
}

export interface GraphQLCallOptions {
  token?: string;
  headers?: Record<string, string>;
}

/**
 * Variables stay open: stories send what a schema would refuse on purpose (missing, extra or
 * mistyped inputs), and the server's answer to them is what they check.
 */
export interface GraphQLCall {
  <Result>(document: TypedDocumentNode<Result, any>, variables?: Record<string, unknown>, options?: GraphQLCallOptions): Promise<TypedResponse<Result>>;
  /** A string is for a document invalid on purpose, built at run time, or of a host's schema (say why where it is written). */
  <T = any>(query: string, variables?: Record<string, unknown>, options?: GraphQLCallOptions): Promise<GraphQLResponse<T>>;
}

export type TestOptions = Omit<AuthOptions, 'mongodb' | 'secret'> & { secret?: string };

export interface SharedParts {
  smtp?: TestSmtpServer;
  /** another database server than the run's shared one */ mongodbUri?: string;
  /** an existing database (e.g. another test server's `dbName`) instead of a fresh one */ dbName?: string;
}

export async function startTestServer(options: TestOptions = {}, shared: SharedParts = {}): Promise<TestServer> {
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

/**
 * A test server for the enclosing describe block (or file): started in beforeAll, closed in
 * afterAll. The handle stands for the server once it runs (inside tests and later hooks), so it
 * can be passed wherever a TestServer goes. Options or shared parts that only exist once other
 * hooks ran (an SMTP server started in an earlier beforeAll) are given as functions.
 */
export function withTestServer(options: TestOptions | (() => TestOptions) = {}, shared: SharedParts | (() => SharedParts) = {}): TestServer {
  return withResource(
    'the test server',
    () => startTestServer(typeof options === 'function' ? options() : options, typeof shared === 'function' ? shared() : shared),
    (server) => server.close(),
  );
}

/**
 * Test servers started by hand (in hooks or tests) for the enclosing describe block (or file),
 * all closed in one afterAll, the last started first (a server sharing another's SMTP server or
 * database goes before it). `defaults` go under each one's options.
 */
export function withTestServers(defaults: TestOptions = {}): (options?: TestOptions, shared?: SharedParts) => Promise<TestServer> {
  const cleanup = withCleanup();
  return async (options = {}, shared = {}) => cleanup.add(await startTestServer({ ...defaults, ...options }, shared), (server) => server.close());
}

/** A real SMTP server for the enclosing describe block (or file): started in beforeAll, closed in afterAll. */
export function withSmtpServer(): TestSmtpServer {
  return withResource('the SMTP server', startSmtpServer, (smtp) => smtp.close());
}

/** POSTs GraphQL operations to a server at this URL, as TestServer['gql'] does. */
export function graphqlAt(url: string): GraphQLCall {
  return async (document: Document, variables?: unknown, { token, headers }: GraphQLCallOptions = {}) => {
    const query = queryOf(document);
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
