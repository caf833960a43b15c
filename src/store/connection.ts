// Opening the database and telling an outage apart from a bug.
import mongoose, { Types, type Connection, type Model, type Schema } from 'mongoose';
import { ServiceUnavailableError } from '../errors';
import { connectionFailure } from './connection-failure';

/** How long an operation waits for a reachable server before the request fails fast. */
export const SERVER_SELECTION_TIMEOUT_MS = 2000;

export type MongoSource = ({ uri: string; dbName?: string } | { connection: object }) & { collectionPrefix?: string };

export interface OpenedConnection {
  connection: Connection;
  /** True when authql opened it, so close() may close it; a host's connection is left alone. */
  owned: boolean;
}

export async function openConnection(source: MongoSource): Promise<OpenedConnection> {
  if ('connection' in source) {
    const connection = source.connection as Connection;
    if (typeof connection.model !== 'function') {
      throw new TypeError('authql: mongodb.connection must be a mongoose Connection');
    }
    return { connection, owned: false };
  }
  const connection = mongoose.createConnection(source.uri, {
    dbName: source.dbName,
    serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    connectTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    // A server that stops answering (rather than refusing connections) is noticed by the
    // monitor's next check timing out: within this plus connectTimeoutMS, not 10 s + 2 s.
    heartbeatFrequencyMS: 1000,
    socketTimeoutMS: 20_000,
    // Fail fast when the server is gone instead of queueing operations in memory.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
    // A server that requires authentication accepts the connection, then refuses every command:
    // one cheap command now names that cause at startup rather than at the first request.
    await connection.db!.listCollections({}, { nameOnly: true, authorizedCollections: true }).toArray();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw connectionFailure(source.uri, error, SERVER_SELECTION_TIMEOUT_MS);
  }
  return { connection, owned: true };
}

// Driver errors that mean "no server to talk to", matched with every subclass: an operation in
// flight when the server monitor gives up fails with PoolClearedOnNetworkError, a MongoNetworkError.
const OUTAGE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
  'MongoOperationTimeoutError',
  'MongoExpiredSessionError',
]);

// Server replies that mean it is going away: HostUnreachable, HostNotFound, NetworkTimeout,
// ShutdownInProgress, PrimarySteppedDown, SocketException, NotWritablePrimary,
// InterruptedAtShutdown, InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
const OUTAGE_SERVER_CODES = new Set([6, 7, 89, 91, 189, 9001, 10107, 11600, 11602, 13435, 13436]);

/** The error's name and the class names of its ancestry (by name: a host's connection may bring its own driver copy). */
function lineage(error: object): Set<string> {
  const names = new Set([String((error as { name?: unknown }).name)]);
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    names.add(String(proto.constructor?.name));
  }
  return names;
}

function isOutageError(error: object): boolean {
  const names = lineage(error);
  if ([...names].some((name) => OUTAGE_ERRORS.has(name))) return true;
  if (names.has('MongoServerError')) return OUTAGE_SERVER_CODES.has(Number((error as { code?: unknown }).code));
  // mongoose refuses operations while disconnected when buffering is off
  return names.has('MongooseError') && /before initial connection|Connection was force closed|client was closed/i.test(String((error as { message?: unknown }).message));
}

export function isOutage(error: unknown): boolean {
  // A wrapper may carry the driver's error as its cause.
  for (let cause = error, hops = 0; typeof cause === 'object' && cause !== null && hops < 4; cause = (cause as { cause?: unknown }).cause, hops++) {
    if (isOutageError(cause)) return true;
  }
  return false;
}

/** Runs a database operation; an outage becomes ServiceUnavailableError, anything else passes through. */
export async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isOutage(error)) throw new ServiceUnavailableError('MongoDB', { cause: error });
    throw error;
  }
}

export function isDuplicateKey(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  // FerretDB 1.24 answers a unique violation inside findAndModify with SQLite's own message, not 11000.
  return (error as { code?: unknown }).code === 11000 || /UNIQUE constraint failed/.test(String((error as { message?: unknown }).message));
}

/** The name of one of authql's collections in the database: every one takes the prefix, with no exception. */
export function collectionName(prefix: string, collection: string): string {
  return `${prefix}${collection}`;
}

/**
 * authql's model for one of its collections. Model names are authql's own (a host's `User`
 * model on the same connection is never reused), and the collection takes the prefix.
 */
export function authqlModel(connection: Connection, prefix: string, collection: string, schema: Schema): Model<any> {
  const name = `authql.${collectionName(prefix, collection)}`;
  return connection.models[name] ?? connection.model(name, schema, collectionName(prefix, collection));
}

/** The ObjectId an id names, or null when it names none (24 hex digits): a query for it then matches nothing. */
export function objectId(id: string | null): Types.ObjectId | null {
  return id && /^[0-9a-f]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
}
