// Secrets the server must read back (a TOTP secret) are sealed with AES-256-GCM under a key
// derived from AUTH_SECRET, bound to what they belong to (a user id): a database dump alone
// holds nothing usable, and a sealed value copied to another user does not open.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

function sealingKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `authql.secret-box.${purpose}`, 32));
}

/** `v1.<iv>.<ciphertext+tag>` (base64url). */
export function sealSecret(secret: string, purpose: string, boundTo: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret, purpose), iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The plaintext, or null when the value was tampered with, sealed for another owner or under another secret. */
export function openSecret(secret: string, purpose: string, boundTo: string, value: string): string | null {
  const [version, ivText, sealedText] = value.split('.');
  if (version !== VERSION || !ivText || !sealedText) return null;
  const sealed = Buffer.from(sealedText, 'base64url');
  if (sealed.length < 16) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret, purpose), Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
