// Session tokens: 32 random bytes shown once. Like every secret token authql hands out
// (session tokens, mfaTokens, refresh-token ids, WebAuthn challenges), only its digest is stored.
import { hash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) a secret token is stored and looked up by: a database dump holds no usable token. */
export function tokenDigest(token: string): string {
  // One-shot: it runs on every authenticated request, at half the cost of createHash.
  return hash('sha256', token, 'hex');
}
