// authql's public API.
export { createAuth, type Auth, type AuthMetrics } from './auth';
export { DatabaseConnectionError, type DatabaseFailureReason } from './errors';
export { ConfigError, parseDuration, type AuthOptions, type AuthConfig, type Logger } from './config';
export { ERROR_CODES, type ErrorCode, type PublicUser as User } from './accounts';
export type { HostRequest } from './graphql/host-request';
export { printAuthSchema } from './graphql/schema';
export { startServer, type RunningServer } from './server';
export { findDatabase, type FoundDatabase } from './cli/embedded-db';
