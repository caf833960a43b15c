// Options for the CLI: a config file (JSON, JS or TS) plus the environment
// (MONGODB_URI, AUTHQL_COLLECTION_PREFIX, AUTH_SECRET, HOST, PORT, SMTP_URL, EMAIL_FROM, NODE_ENV), which wins over the file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuthOptions } from '../config';

export class UsageError extends Error {
  name = 'UsageError';
}

export function loadConfigFile(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  const resolved = path.resolve(file);
  try {
    if (resolved.endsWith('.json')) return JSON.parse(readFileSync(resolved, 'utf8'));
    const loaded = requireConfig(resolved);
    return (loaded.default ?? loaded) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot read config file ${resolved}: ${(error as Error).message}`);
  }
}

/** JS as it is; TypeScript through tsx, which the built CLI loads only for a .ts config file. */
function requireConfig(file: string): { default?: unknown } & Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => require(file);
  if (!/\.[cm]?ts$/.test(file)) return load();
  try {
    return load();
  } catch (error) {
    // Plain Node reads a .ts file as JavaScript and stumbles on the first type annotation.
    if (!(error instanceof SyntaxError)) throw error;
    let register: () => void;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ({ register } = require('tsx/cjs/api') as { register: () => void });
    } catch {
      throw new Error('a TypeScript config file needs tsx in the project (npm install --save-dev tsx), or use a .json or .js config file');
    }
    register();
    return load();
  }
}

/** Merges the file's options with the environment; the environment wins for what it sets. */
export function optionsFromEnvironment(
  fileOptions: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  mongodbUri: string | undefined,
): { options: AuthOptions; generatedSecret: boolean } {
  const production = env.NODE_ENV === 'production';
  const email = { ...((fileOptions.email as Record<string, unknown>) ?? {}) };
  if (env.SMTP_URL) email.transport = env.SMTP_URL;
  if (env.EMAIL_FROM) email.from = env.EMAIL_FROM;
  let secret = env.AUTH_SECRET ?? (fileOptions.secret as string | undefined);
  let generatedSecret = false;
  if (!secret) {
    if (production) throw new UsageError('AUTH_SECRET is not set: in production it is required (32 random bytes or more)');
    secret = randomBytes(32).toString('base64url');
    generatedSecret = true;
  }
  const server = { ...((fileOptions.server as Record<string, unknown>) ?? {}) };
  if (env.HOST) server.host = env.HOST;
  if (env.PORT) server.port = Number(env.PORT);
  const uri = mongodbUri ?? (fileOptions.mongodb as { uri?: string } | undefined)?.uri;
  if (!uri) throw new UsageError('MONGODB_URI is not set: in production it is required');
  // The file's other mongodb settings (dbName) stay; the uri, and the collection prefix when set, come from the environment.
  const mongodb: Record<string, unknown> = { ...(fileOptions.mongodb as Record<string, unknown> | undefined), uri };
  // Set but empty is a choice too: '' keeps the collection names of authql 0.1.
  if (env.AUTHQL_COLLECTION_PREFIX !== undefined) mongodb.collectionPrefix = env.AUTHQL_COLLECTION_PREFIX;
  return {
    options: { ...fileOptions, secret, email, server, mongodb } as AuthOptions,
    generatedSecret,
  };
}
