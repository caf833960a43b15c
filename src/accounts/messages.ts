// Every text a user can read, in one place: djoser's (and Django's) messages by default,
// each overridable through the `messages` option, keyed by its code.
import { ConfigError } from '../config';

export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'REQUIRED',
  'INVALID_EMAIL',
  'INVALID_USERNAME',
  'INVALID_VALUE',
  'TOO_LONG',
  'ALREADY_EXISTS',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_TOO_SIMILAR',
  'PASSWORD_ENTIRELY_NUMERIC',
  'PASSWORD_BREACHED',
  'PASSWORD_MISMATCH',
  'LOGIN_FIELD_MISMATCH',
  'INVALID_PASSWORD',
  'EMAIL_NOT_FOUND',
  'INVALID_CREDENTIALS',
  'INVALID_UID',
  'INVALID_TOKEN',
  'STALE_TOKEN',
  'ACTIVATION_DISABLED',
  'INVALID_REFRESH_TOKEN',
  'REFRESH_TOKEN_REUSED',
  'INVALID_OTP',
  'INVALID_MFA_TOKEN',
  'INVALID_PASSKEY',
  'OAUTH_FAILED',
  'LAST_LOGIN_METHOD',
  'REAUTHENTICATION_REQUIRED',
  'INVALID_LOGIN_CODE',
  'PASSWORDLESS_DISABLED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some fields are invalid.',
  REQUIRED: 'This field is required.',
  INVALID_EMAIL: 'Enter a valid email address.',
  INVALID_USERNAME: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  INVALID_VALUE: 'Enter a valid value.',
  TOO_LONG: 'Ensure this field has no more than {max} characters.',
  ALREADY_EXISTS: 'A user with that {field} already exists.',
  PASSWORD_TOO_SHORT: 'This password is too short. It must contain at least {min} characters.',
  PASSWORD_TOO_COMMON: 'This password is too common.',
  PASSWORD_TOO_SIMILAR: 'The password is too similar to the {attribute}.',
  PASSWORD_ENTIRELY_NUMERIC: 'This password is entirely numeric.',
  PASSWORD_BREACHED: 'This password has appeared in a data breach; choose another.',
  PASSWORD_MISMATCH: "The two password fields didn't match.",
  LOGIN_FIELD_MISMATCH: "The two {field} fields didn't match.",
  INVALID_PASSWORD: 'Invalid password.',
  EMAIL_NOT_FOUND: 'User with given email does not exist.',
  INVALID_CREDENTIALS: 'Unable to log in with provided credentials.',
  INVALID_UID: "Invalid user id or user doesn't exist.",
  INVALID_TOKEN: 'Invalid token for given user.',
  STALE_TOKEN: 'Stale token for given user.',
  ACTIVATION_DISABLED: 'Account activation is disabled.',
  INVALID_REFRESH_TOKEN: 'Token is invalid or expired.',
  REFRESH_TOKEN_REUSED: 'Token was already used; every token of its family has been revoked.',
  INVALID_OTP: 'Invalid or already used code.',
  INVALID_MFA_TOKEN: 'This sign-in has expired or was already completed; log in again.',
  INVALID_PASSKEY: 'This passkey could not be verified.',
  OAUTH_FAILED: 'Signing in with the provider failed.',
  LAST_LOGIN_METHOD: 'This is the last way to log in to your account: set a password or link another provider first.',
  REAUTHENTICATION_REQUIRED: 'Please confirm it is you (reauthenticate, or sign in again) before changing how you sign in.',
  INVALID_LOGIN_CODE: 'Invalid, expired or already used sign-in code.',
  PASSWORDLESS_DISABLED: 'Sign-in by email code is turned off.',
};

/** What a social login refused for one of these reasons adds to OAUTH_FAILED's message. */
export const OAUTH_FAILURE_DETAILS = {
  /** An account has the provider's address but never proved it: it may be a trap set by whoever registered it. */
  unprovenAddress: 'Sign in with your password and link the provider from your account.',
} as const;

export type Messages = (code: ErrorCode, params?: Record<string, string | number>) => string;

export function createMessages(overrides: Record<string, string>): Messages {
  const unknown = Object.keys(overrides).filter((key) => !(ERROR_CODES as readonly string[]).includes(key));
  if (unknown.length) {
    throw new ConfigError(`authql: invalid options: unknown message code ${unknown.map((k) => `"messages.${k}"`).join(', ')} (codes: ${ERROR_CODES.join(', ')})`);
  }
  const texts: Record<string, string> = { ...DEFAULT_MESSAGES, ...overrides };
  return (code, params = {}) => texts[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
