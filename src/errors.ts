// The one exception that crosses layers: a dependency (database, mail backend) is down.
// store/ and mail/ throw it; graphql/ turns it into a SERVICE_UNAVAILABLE error.
export class ServiceUnavailableError extends Error {
  name = 'ServiceUnavailableError';
  constructor(what: string, options?: { cause?: unknown }) {
    super(`${what} is unavailable`, options);
  }
}

/** Why authql could not open its database at startup (the message says it, and what to do). */
export type DatabaseFailureReason = 'refused' | 'malformed-uri' | 'unknown-host' | 'wrong-scheme' | 'authentication-failed' | 'timeout' | 'unavailable';

/** The database could not be opened: createAuth rejects with it, and `authql serve` prints its message. */
export class DatabaseConnectionError extends ServiceUnavailableError {
  name = 'DatabaseConnectionError';
  constructor(readonly reason: DatabaseFailureReason, message: string, options?: { cause?: unknown }) {
    super('MongoDB', options);
    this.message = message;
  }
}
