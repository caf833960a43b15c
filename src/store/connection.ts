// Opening the database and telling an outage apart from a bug.
import type { EventEmitter } from 'node:events';
import mongoose, { Types, type Connection, type Model, type Schema } from 'mongoose';
import { ServiceUnavailableError } from '../errors';
import { connectionFailure } from './connection-failure';

/** How long an operation waits for a reachable server before the request fails fast. */
export const SERVER_SELECTION_TIMEOUT_MS = 2000;

export type MongoSource = ({ uri: string; dbName?: string } | { connection: object } | { client: object; dbName: string }) & { collectionPrefix?: string };

export interface OpenedConnection {
  connection: Connection;
  /** True when authql opened it, so close() may close it; a host's connection or client is left alone. */
  owned: boolean;
  /** Undoes what binding to a host's client added to it (its event listeners), leaving the client open. */
  release?: () => void;
}

/** The host mongoose majors authql runs on (package.json's peerDependencies say the same). */
export const SUPPORTED_MONGOOSE = '^8.0.0 || ^9.0.0';
const SUPPORTED_MONGOOSE_MAJORS = [8, 9];
/** How long a host's connection that is still connecting (readyState 2) is waited for. */
export const HOST_CONNECTION_WAIT_MS = 10_000;

// Options of authql's own connections: fail fast, and leave collections and indexes to ensureIndexes().
const OWN_CONNECTION_OPTIONS = {
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
};

export async function openConnection(source: MongoSource): Promise<OpenedConnection> {
  if ('connection' in source) return onHostConnection(hostConnection(source.connection));
  if ('client' in source) return onHostClient(hostClient(source.client), source.dbName);
  return openOwnConnection(source.uri, source.dbName, {});
}

/**
 * Refuses at once what authql cannot run on (no mongoose connection or MongoClient, another
 * mongoose major), before anything slow runs; openConnection checks the same.
 */
export function checkMongoSource(source: MongoSource): void {
  if ('connection' in source) hostConnection(source.connection);
  if ('client' in source) hostClient(source.client);
}

async function openOwnConnection(uri: string, dbName: string | undefined, hostOptions: object): Promise<OpenedConnection> {
  const connection = mongoose.createConnection(uri, { ...hostOptions, dbName, ...OWN_CONNECTION_OPTIONS });
  try {
    await connection.asPromise();
    // A server that requires authentication accepts the connection, then refuses every command:
    // one cheap command now names that cause at startup rather than at the first request.
    await connection.db!.listCollections({}, { nameOnly: true, authorizedCollections: true }).toArray();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw connectionFailure(uri, error, SERVER_SELECTION_TIMEOUT_MS);
  }
  return { connection, owned: true };
}

/** What authql reads of a host's mongoose Connection (of mongoose 8 or 9): nothing of its models. */
interface HostConnection {
  base?: { version?: unknown };
  readyState?: unknown;
  name?: unknown;
  getClient?: () => object;
  asPromise?: () => Promise<unknown>;
}

const READY_STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'];

/** A host's mongoose connection of a supported major, or a TypeError naming the range. */
function hostConnection(value: object): HostConnection {
  const host = value as HostConnection;
  const version = typeof host.base?.version === 'string' ? host.base.version : undefined;
  if (!version || typeof host.getClient !== 'function' || typeof host.asPromise !== 'function') {
    throw new TypeError(`authql: mongodb.connection must be a mongoose Connection (mongoose ${SUPPORTED_MONGOOSE}); or pass { uri } or the driver's { client, dbName }`);
  }
  if (!SUPPORTED_MONGOOSE_MAJORS.includes(majorOf(version))) {
    throw new TypeError(`authql: mongodb.connection is a connection of mongoose ${version}; authql supports mongoose ${SUPPORTED_MONGOOSE} (or pass { uri } or the driver's { client, dbName })`);
  }
  return host;
}

/**
 * A host's mongoose connection: authql's own models (mongoose 9) on the host's client and
 * database. A connection still connecting is waited for, with a bound: never a hang.
 */
async function onHostConnection(host: HostConnection): Promise<OpenedConnection> {
  if (host.readyState === 2) {
    await withinBound(host.asPromise!(), HOST_CONNECTION_WAIT_MS, "the host's mongoose connection to open (readyState 2, connecting)");
  } else if (host.readyState !== 1) {
    const state = READY_STATES[Number(host.readyState)] ?? String(host.readyState);
    throw new TypeError(`authql: the host's mongoose connection is not open (readyState ${String(host.readyState)}, ${state}): open it first (await mongoose.connect(uri) or createConnection(uri).asPromise())`);
  }
  return onHostClient(hostClient(host.getClient!()), String(host.name));
}

/** What authql reads of a host's MongoClient (the official driver 6 or 7). */
interface HostClient {
  topology?: unknown;
  options: Record<string, unknown>;
  /** The connection string it was made with (mongoose reads it there too). */
  s: { url: string };
}

/**
 * A host's MongoClient, or a TypeError. Its driver's version is not asked: the handshake metadata
 * that carries it is empty under Jest, and any driver's client serves (see onHostClient).
 */
function hostClient(value: object): HostClient {
  const client = value as { db?: unknown; options?: unknown; s?: { url?: unknown } };
  if (typeof client.db !== 'function' || typeof client.options !== 'object' || client.options === null || typeof client.s?.url !== 'string') {
    throw new TypeError(`authql: mongodb.client must be a MongoClient of the official driver (mongodb 6 or 7, those of mongoose ${SUPPORTED_MONGOOSE})`);
  }
  return value as HostClient;
}

/**
 * A host's MongoClient (mongodb 6 or 7). A client of the driver copy authql's mongoose uses is
 * shared: authql's connection is bound to it, and closing authql leaves it open. A client of
 * another copy or major (mongoose 8's driver 6) cannot carry authql's models (BSON 6 refuses
 * BSON 7 values), so authql opens its own pool to the same deployment and database, with the
 * client's address, credentials and TLS settings, and closes only that pool.
 */
async function onHostClient(client: HostClient, dbName: string): Promise<OpenedConnection> {
  if (!(client instanceof mongoose.mongo.MongoClient)) return openOwnConnection(client.s.url, dbName, hostClientOptions(client.options));
  if (client.topology == null) {
    throw new TypeError("authql: the host's MongoClient is not connected: await client.connect() first");
  }
  const bound = mongoose.createConnection();
  bound.set('bufferCommands', OWN_CONNECTION_OPTIONS.bufferCommands);
  bound.set('autoIndex', OWN_CONNECTION_OPTIONS.autoIndex);
  bound.set('autoCreate', OWN_CONNECTION_OPTIONS.autoCreate);
  // Binding listens to the client's events: what it adds is taken off again at close().
  const emitter = client as unknown as EventEmitter;
  const before = new Set(emitter.eventNames().flatMap((event) => emitter.listeners(event)));
  bound.setClient(client);
  const added = emitter.eventNames().flatMap((event) => emitter.listeners(event).filter((listener) => !before.has(listener)).map((listener) => ({ event, listener })));
  const release = () => added.forEach(({ event, listener }) => emitter.removeListener(event, listener as (...args: unknown[]) => void));
  return { connection: bound.useDb(dbName), owned: false, release };
}

const majorOf = (version: string): number => Number(/^(\d+)\./.exec(version)?.[1]);

// The parts of a client's options that its connection string may not carry.
const CARRIED_CLIENT_OPTIONS = [
  'tls', 'tlsCAFile', 'tlsCRLFile', 'tlsCertificateKeyFile', 'tlsCertificateKeyFilePassword', 'tlsAllowInvalidCertificates',
  'tlsAllowInvalidHostnames', 'tlsInsecure', 'ca', 'cert', 'key', 'passphrase', 'crl', 'checkServerIdentity',
  'replicaSet', 'directConnection', 'proxyHost', 'proxyPort', 'proxyUsername', 'proxyPassword', 'appName',
];

/** A host client's settings as options for authql's own pool to the same deployment. */
function hostClientOptions(options: Record<string, unknown>): Record<string, unknown> {
  const carried = Object.fromEntries(CARRIED_CLIENT_OPTIONS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]));
  const credentials = options.credentials as { username?: string; password?: string; source?: string; mechanism?: string; mechanismProperties?: object } | undefined;
  if (!credentials) return carried;
  return {
    ...carried,
    auth: { username: credentials.username || undefined, password: credentials.password || undefined },
    authSource: credentials.source,
    // The driver's "DEFAULT" is its own name for "negotiate", not an option value.
    ...(credentials.mechanism && credentials.mechanism !== 'DEFAULT' ? { authMechanism: credentials.mechanism } : {}),
    ...(credentials.mechanismProperties && Object.keys(credentials.mechanismProperties).length ? { authMechanismProperties: credentials.mechanismProperties } : {}),
  };
}

/** Waits for a promise, for at most `ms`; past it the error names what was waited for. */
async function withinBound<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`authql: gave up after ${ms / 1000} s waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
