// argon2id hashing with OWASP's parameters by default (19 MiB, t=2, p=1).
import * as argon2 from 'argon2';

export interface HashingParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export function hashPassword(password: string, { memoryCost, timeCost, parallelism }: HashingParams): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

export function needsRehash(hash: string, { memoryCost, timeCost, parallelism }: HashingParams): boolean {
  return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, { memoryCost, timeCost, parallelism, version: 0x13 });
}

/**
 * A hash of a random password, made once per process, verified against when the user
 * does not exist so that an unknown login costs the same as a wrong password.
 */
export function makeDummyHash(params: HashingParams): Promise<string> {
  return hashPassword(`unknown-user-${Math.random()}-${Date.now()}`, params);
}
