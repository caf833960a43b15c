import os from 'node:os';
import path from 'node:path';

/** Where authql keeps what it builds once per user: AUTHQL_CACHE_DIR, else $XDG_CACHE_HOME/authql, else ~/.cache/authql. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUTHQL_CACHE_DIR) return path.resolve(env.AUTHQL_CACHE_DIR);
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'authql');
}
