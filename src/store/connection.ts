// Opening the database and telling an outage apart from a bug.
import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import { ServiceUnavailableError } from '../errors';

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
    socketTimeoutMS: 20_000,
    // Fail fast when the server is gone instead of queueing operations in memory.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new ServiceUnavailableError('MongoDB', { cause: error });
  }
  return { connection, owned: true };
}

const OUTAGE_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoExpiredSessionError',
]);

export function isOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (OUTAGE_ERROR_NAMES.has(error.name)) return true;
  // mongoose refuses operations while disconnected when buffering is off
  return error.name === 'MongooseError' && /before initial connection|Connection was force closed|client was closed/i.test(error.message);
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

/**
 * authql's model for one of its collections. Model names are authql's own (a host's `User`
 * model on the same connection is never reused), and the collection takes the prefix.
 */
export function authqlModel(connection: Connection, prefix: string, collection: string, schema: Schema): Model<any> {
  const name = `authql.${prefix}${collection}`;
  return connection.models[name] ?? connection.model(name, schema, `${prefix}${collection}`);
}
