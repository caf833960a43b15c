// Session tokens: 32 random bytes shown once; only their SHA-256 is stored.
import { hash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  // One-shot: it runs on every authenticated request, at half the cost of createHash.
  return hash('sha256', token, 'hex');
}
