// Options for the CLI: a config file (JSON, JS or TS) plus the environment
// (MONGODB_URI, AUTHQL_COLLECTION_PREFIX, AUTH_SECRET, HOST, PORT, SMTP_URL, EMAIL_FROM, NODE_ENV), which wins over the file.
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

/**
 * Merges the file's options with the environment; the environment wins for what it sets. What is
 * missing (the secret, the database) is left for createAuth to report, with every other failed check.
 */
export function optionsFromEnvironment(fileOptions: Record<string, unknown>, env: NodeJS.ProcessEnv, mongodbUri: string | undefined): AuthOptions {
  const email = { ...((fileOptions.email as Record<string, unknown>) ?? {}) };
  if (env.SMTP_URL) email.transport = env.SMTP_URL;
  if (env.EMAIL_FROM) email.from = env.EMAIL_FROM;
  const server = { ...((fileOptions.server as Record<string, unknown>) ?? {}) };
  if (env.HOST) server.host = env.HOST;
  if (env.PORT) server.port = Number(env.PORT);
  const uri = mongodbUri ?? (fileOptions.mongodb as { uri?: string } | undefined)?.uri;
  // The file's other mongodb settings (dbName) stay; the uri, and the collection prefix when set, come from the environment.
  let mongodb: Record<string, unknown> | undefined = uri ? { ...(fileOptions.mongodb as Record<string, unknown> | undefined), uri } : undefined;
  // Set but empty is a choice too: '' keeps the collection names of authql 0.1.
  if (mongodb && env.AUTHQL_COLLECTION_PREFIX !== undefined) mongodb = { ...mongodb, collectionPrefix: env.AUTHQL_COLLECTION_PREFIX };
  return {
    ...fileOptions,
    secret: env.AUTH_SECRET || (fileOptions.secret as string | undefined),
    email,
    server,
    mongodb,
  } as AuthOptions;
}
