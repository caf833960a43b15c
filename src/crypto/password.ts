// argon2id hashing with OWASP's parameters by default (19 MiB, t=2, p=1).
import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import * as argon2 from 'argon2';

const pbkdf2Async = promisify(pbkdf2);

/** libuv's thread pool, where every hash runs. */
export const THREAD_POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * At most one hash per CPU, and always a pool thread left for the rest (DNS, files, JWT
 * signatures): more concurrent hashes add memory and queueing, not throughput.
 */
export const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(availableParallelism(), THREAD_POOL_SIZE - 1));

let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(hash: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await hash();
  } finally {
    // The slot passes straight to the next waiter, if any.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export interface HashingParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export function hashPassword(password: string, { memoryCost, timeCost, parallelism }: HashingParams): Promise<string> {
  return withHashSlot(() => argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism }));
}

/**
 * Verifies a password against a stored hash: ours (`$argon2id$…`), or one imported from
 * Django (`pbkdf2_sha256$…`, `pbkdf2_sha1$…`, `argon2$argon2id$…`), so a djoser site can
 * move its users over; login then upgrades the hash (see needsRehash).
 */
export async function verifyPassword(hash: string, password: string, timingDummy: string): Promise<boolean> {
  // A hash that is not our own argon2id (unusable, legacy, malformed) still costs one real verification,
  // so its answer comes no sooner than a wrong password's for a real account.
  if (!hash.startsWith('$argon2id$')) {
    const [matches] = await Promise.all([verifyAny(hash, password), argon2.verify(timingDummy, password).catch(() => false)]);
    return matches;
  }
  return verifyAny(hash, password);
}

async function verifyAny(hash: string, password: string): Promise<boolean> {
  // A lone UTF-16 surrogate would be hashed as U+FFFD and match a password it is not; none is ever set (see the password rules in accounts/validation.ts).
  if (/\p{Cs}/u.test(password)) return false;
  try {
    if (hash.startsWith('$argon2')) return await withHashSlot(() => argon2.verify(hash, password));
    if (hash.startsWith('argon2$argon2')) return await withHashSlot(() => argon2.verify(hash.slice('argon2'.length), password));
    if (hash.startsWith('pbkdf2_sha256$')) return await withHashSlot(() => verifyDjangoPbkdf2(hash, password, 'sha256', 32));
    if (hash.startsWith('pbkdf2_sha1$')) return await withHashSlot(() => verifyDjangoPbkdf2(hash, password, 'sha1', 20));
    return false; // unusable ('!…' from Django) or unknown: never authenticates
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** Django's PBKDF2PasswordHasher: `<algorithm>$<iterations>$<salt>$<base64 of the derived key>`. */
async function verifyDjangoPbkdf2(encoded: string, password: string, digest: 'sha256' | 'sha1', keyLength: number): Promise<boolean> {
  const [, iterationsText, salt, expected] = encoded.split('$');
  const iterations = Number(iterationsText);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000 || !salt || !expected) return false;
  const derived = await pbkdf2Async(password, salt, iterations, keyLength, digest);
  const stored = Buffer.from(expected, 'base64');
  return stored.length === derived.length && timingSafeEqual(stored, derived);
}

export function needsRehash(hash: string, { memoryCost, timeCost, parallelism }: HashingParams): boolean {
  return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, { memoryCost, timeCost, parallelism, version: 0x13 });
}

/**
 * An argon2id hash with the configured parameters and a random salt and digest, verified
 * against when the user does not exist so that an unknown login costs the same as a wrong
 * password. No password hashes to a random digest, and making one costs no hashing at startup.
 */
export function makeDummyHash({ memoryCost, timeCost, parallelism }: HashingParams): string {
  const b64 = (bytes: number) => randomBytes(bytes).toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$${b64(16)}$${b64(32)}`;
}
