// Stateless one-time tokens for activation and reset links: an HMAC over the
// purpose, the user id, the issue time and a fingerprint of the user's state. Any change
// to that state (password, login field, email, deactivation, last login for resets)
// kills every outstanding link, so nothing has to be stored to make a link single-use.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'activation' | 'passwordReset' | 'usernameReset' | 'emailChange' | 'loginCode';

export interface FingerprintState {
  passwordHash: string;
  loginKey: string;
  email: string | null;
  deactivatedAt: Date | null;
  lastLogin: Date | null;
  /** An email change waiting for confirmation: asking for one ends outstanding reset links. */
  pendingEmail: string | null;
}

export function fingerprint(purpose: TokenPurpose, state: FingerprintState): string {
  const parts = [
    state.passwordHash,
    state.loginKey,
    state.email ?? '',
    state.deactivatedAt ? String(state.deactivatedAt.getTime()) : '',
    // Activation ignores last login, so a used activation link stays "stale", not "invalid",
    // even when loginAfterActivation stamped lastLogin.
    purpose === 'activation' ? '' : state.lastLogin ? String(state.lastLogin.getTime()) : '',
    purpose === 'activation' ? '' : (state.pendingEmail ?? ''),
  ];
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('base64url');
}

function deriveKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('authql.one-time-token.v1').digest();
}

function signature(secret: string, purpose: TokenPurpose, userId: string, issuedAt: number, print: string): string {
  return createHmac('sha256', deriveKey(secret))
    .update([purpose, userId, String(issuedAt), print].join('\u0000'), 'utf8')
    .digest('base64url');
}

/** `<issuedAt in base36>-<hmac>`; issuedAt is in whole seconds. */
export function makeOneTimeToken(secret: string, purpose: TokenPurpose, userId: string, print: string, issuedAt: number): string {
  return `${issuedAt.toString(36)}-${signature(secret, purpose, userId, issuedAt, print)}`;
}

export type TokenCheck = 'valid' | 'invalid' | 'expired';

export function checkOneTimeToken(
  secret: string,
  purpose: TokenPurpose,
  userId: string,
  print: string,
  token: string,
  lifetimeSeconds: number,
  nowSeconds: number,
): TokenCheck {
  const match = /^([0-9a-z]{1,10})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const issuedAt = parseInt(match[1], 36);
  const expected = Buffer.from(signature(secret, purpose, userId, issuedAt, print));
  if (!constantTimeEqual(expected, Buffer.from(match[2]))) return 'invalid';
  if (issuedAt > nowSeconds + 60) return 'invalid';
  if (nowSeconds - issuedAt > lifetimeSeconds) return 'expired';
  return 'valid';
}

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `uid` in links is the base64url of the user's id string, as djoser does. */
export function encodeUid(userId: string): string {
  return Buffer.from(userId, 'utf8').toString('base64url');
}

export function decodeUid(uid: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(uid)) return null;
  const id = Buffer.from(uid, 'base64url').toString('utf8');
  return /^[0-9a-f]{24}$/.test(id) && encodeUid(id) === uid ? id : null;
}
