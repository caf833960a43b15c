// Secrets kept at rest that the server must read back (a TOTP secret, a provider's tokens):
// AES-256-GCM under a key derived from AUTH_SECRET for one purpose, bound to what they belong
// to (a user id, or nothing): a database dump alone holds nothing usable, and a value sealed
// for one owner or use opens for no other.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const TAG_BYTES = 16;

function sealingKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `authql.secret-box.${purpose}`, 32));
}

/** The key of the second format still read (`v1.<iv>.<ciphertext>.<tag>`): provider tokens sealed before the two sealers were one. */
function unboundKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'authql', `authql ${purpose}`, 32));
}

/** `v1.<iv>.<ciphertext+tag>` (base64url); `boundTo` is authenticated with it ('' for nothing). */
export function sealSecret(secret: string, purpose: string, boundTo: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url')].join('.');
}

/**
 * The plaintext, or null when the value was tampered with, sealed for another owner, purpose or
 * secret. Reads both stored formats: `v1.<iv>.<ciphertext+tag>` and, unbound only, `v1.<iv>.<ciphertext>.<tag>`.
 */
export function openSecret(secret: string, purpose: string, boundTo: string, value: string): string | null {
  const [version, ivText, bodyText, tagText, ...rest] = value.split('.');
  if (version !== VERSION || !ivText || bodyText === undefined || rest.length) return null;
  const unbound = tagText !== undefined;
  if (unbound && (boundTo !== '' || !tagText)) return null;
  const body = Buffer.from(bodyText, 'base64url');
  const tag = unbound ? Buffer.from(tagText, 'base64url') : body.subarray(body.length - TAG_BYTES);
  if (tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', unbound ? unboundKey(secret, purpose) : sealingKey(secret, purpose), Buffer.from(ivText, 'base64url'));
    if (!unbound) decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    const ciphertext = unbound ? body : body.subarray(0, body.length - TAG_BYTES);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
