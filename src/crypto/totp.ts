// TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) on @oslojs/otp. A code is matched
// to its time step, so the caller can record the step and refuse the same code twice.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the current one (clock drift, a code typed at the edge). */
const DRIFT_STEPS = 1;

/** A new TOTP secret, base32 (what authenticator apps take): 20 random bytes, as RFC 4226 recommends. */
export function newTotpSecret(): string {
  return encodeBase32NoPadding(randomBytes(20));
}

/** The time step of a moment: seconds since the epoch divided by the step. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

export function totpCode(secret: string, step: number, digits = TOTP_DIGITS): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), digits);
}

/** The `otpauth://totp/<issuer>:<account>?secret=…&issuer=…` URI an authenticator app scans. */
export function totpUri(secret: string, issuer: string, account: string): string {
  return createTOTPKeyURI(issuer, account, decodeBase32IgnorePadding(secret), TOTP_STEP_SECONDS, TOTP_DIGITS);
}

/** Whether a typed value looks like a TOTP code at all (spaces between the digit groups allowed). */
export function looksLikeTotpCode(value: string): boolean {
  return /^\d{6}$/.test(value.replace(/\s+/g, ''));
}

/**
 * The step (current ±1) whose code this is, newer than `afterStep`, or null. Every candidate is
 * compared, so the answer takes the same time whichever step matched.
 */
export function matchTotpStep(secret: string, code: string, now: Date, afterStep: number): number | null {
  const typed = Buffer.from(code.replace(/\s+/g, ''), 'utf8');
  const current = totpStep(now);
  let matched: number | null = null;
  for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step += 1) {
    const expected = Buffer.from(totpCode(secret, step), 'utf8');
    const equal = typed.length === expected.length && timingSafeEqual(typed, expected);
    if (equal && step > afterStep && matched === null) matched = step;
  }
  return matched;
}
