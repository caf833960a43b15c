// Recovery codes: 120 random bits each, shown once as xxxxxx-xxxxxx-xxxxxx-xxxxxx; only their
// SHA-256 is stored (ASVS 5 V6.5.2: from 112 bits on, a fast hash is out of reach of offline guessing).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32 alphabet: no I, L, O or U to misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

const CODE_LENGTH = 24;

export function newRecoveryCode(): string {
  let bits = BigInt(`0x${randomBytes((CODE_LENGTH * 5) / 8).toString('hex')}`);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code.match(/.{6}/g)!.join('-');
}

/** What a user typed, as the code it means: case, spaces and dashes ignored; look-alikes read as Crockford does. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]+/g, '').replace(/[o]/g, '0').replace(/[il]/g, '1');
}

export function hashRecoveryCode(typed: string): string {
  return createHash('sha256').update(`authql.recovery-code:${normalizeRecoveryCode(typed)}`, 'utf8').digest('hex');
}

/** The stored hash this code matches, compared in constant time, or null. */
export function findRecoveryCode(hashes: readonly string[], typed: string): string | null {
  const candidate = Buffer.from(hashRecoveryCode(typed), 'hex');
  let found: string | null = null;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === candidate.length && timingSafeEqual(stored, candidate) && found === null) found = hash;
  }
  return found;
}

/** Whether a typed value has the shape of a recovery code (24 characters of the alphabet). */
export function looksLikeRecoveryCode(typed: string): boolean {
  return new RegExp(`^[0-9a-hjkmnp-tv-z]{${CODE_LENGTH}}$`).test(normalizeRecoveryCode(typed));
}
