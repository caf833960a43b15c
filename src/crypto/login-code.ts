// Sign-in codes (passwordless): the code an email shows is derived from the email's link token
// with the secret, so the outbox holds neither (it signs the link when it sends); the store
// keeps only keyed digests of the code, which a database dump cannot reverse by trying every code.
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './one-time-token';

const key = (secret: string, use: string) => createHmac('sha256', secret).update(`authql.login-code.${use}.v1`).digest();

/** The `digits`-digit code that goes with a sign-in link's token. */
export function loginCodeOf(secret: string, linkToken: string, digits: number): string {
  const mac = createHmac('sha256', key(secret, 'code')).update(linkToken, 'utf8').digest();
  return (mac.readBigUInt64BE(0) % 10n ** BigInt(digits)).toString().padStart(digits, '0');
}

/** What the store keeps of a code or link token: an HMAC bound to its request, hex. */
export function loginCodeDigest(secret: string, requestId: string, value: string): string {
  return createHmac('sha256', key(secret, 'digest')).update(`${requestId}\u0000${value}`, 'utf8').digest('hex');
}

/** Compares a typed code or token with a stored digest in constant time. */
export function loginCodeMatches(secret: string, requestId: string, value: string, digest: string): boolean {
  return constantTimeEqual(Buffer.from(loginCodeDigest(secret, requestId, value)), Buffer.from(digest));
}
