// Recovery codes: 80 random bits each, shown once as xxxx-xxxx-xxxx-xxxx; only their SHA-256
// is stored (80 bits are out of reach of an offline guess, so a fast hash is enough).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32 alphabet: no I, L, O or U to misread.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 16; i += 1) {
    code = ALPHABET[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return code.match(/.{4}/g)!.join('-');
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

/** Whether a typed value has the shape of a recovery code (16 characters of the alphabet). */
export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[0-9a-hjkmnp-tv-z]{16}$/.test(normalizeRecoveryCode(typed));
}
