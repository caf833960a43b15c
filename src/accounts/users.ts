// The user as the outside world sees it, and the bits of state other flows derive from it.
import type { AuthConfig } from '../config';
import type { PublicUser } from '../host-types';
import { lookupKey } from '../lookup-key';
import { fingerprint, type TokenPurpose } from '../crypto/one-time-token';
import type { NewUser, UserRecord } from './records';
import type { FieldError, Failure } from './results';
import type { ErrorCode, Messages } from './messages';
import type { SimilarityAttribute } from './validation';

export type { PublicUser };

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    isActive: user.isActive,
    isStaff: user.isStaff,
    isSuperuser: user.isSuperuser,
    dateJoined: user.dateJoined,
    lastLogin: user.lastLogin,
    pendingEmail: user.pendingEmail,
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.totpSecret !== null,
    fields: { ...user.profile },
  };
}

/** What a template may show of a user. */
export function templateUser(user: UserRecord): Record<string, unknown> {
  return { id: user.id, email: user.email, username: user.username, ...user.profile };
}

export function loginValue(config: Pick<AuthConfig, 'loginField'>, user: Pick<UserRecord, 'email' | 'username'>): string {
  return (config.loginField === 'email' ? user.email : user.username) ?? '';
}

export function userFingerprint(purpose: Exclude<TokenPurpose, 'emailChange'>, user: UserRecord): string {
  return fingerprint(purpose, {
    passwordHash: user.passwordHash,
    loginKey: user.loginKey,
    email: user.email,
    deactivatedAt: user.deactivatedAt,
    lastLogin: user.lastLogin,
    pendingEmail: user.pendingEmail,
  });
}

/**
 * An email-change link is bound to the address it confirms: a newer request (another address)
 * kills it, and once the address is the user's email the link reads as stale.
 */
export function emailChangeFingerprint(user: UserRecord, address: string): string {
  return fingerprint('emailChange', {
    passwordHash: user.passwordHash,
    loginKey: '',
    email: lookupKey(address),
    deactivatedAt: user.deactivatedAt,
    lastLogin: null,
    pendingEmail: null,
  });
}

function humanize(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The user attributes a password must not resemble (Django: username, names, email). */
export function similarityAttributes(
  config: Pick<AuthConfig, 'userFields'>,
  values: { email?: string | null; username?: string | null; fields?: Record<string, unknown> },
): SimilarityAttribute[] {
  const attributes: SimilarityAttribute[] = [
    { label: 'username', value: values.username },
    { label: 'email', value: values.email },
  ];
  for (const [name, spec] of Object.entries(config.userFields)) {
    const value = values.fields?.[name];
    if (spec.type === 'string' && typeof value === 'string') attributes.push({ label: humanize(name), value });
  }
  return attributes;
}

export function validationFailure(messages: Messages, fieldErrors: FieldError[]): Failure {
  return { ok: false, kind: 'validation', code: 'VALIDATION_FAILED', message: messages('VALIDATION_FAILED'), fieldErrors };
}

export function authFailure(messages: Messages, code: Exclude<ErrorCode, 'VALIDATION_FAILED'>): Failure {
  return { ok: false, kind: 'auth', code, message: messages(code) };
}

export function denied(code: 'FORBIDDEN' | 'NOT_FOUND', message?: string): Failure {
  return {
    ok: false,
    kind: 'denied',
    code,
    message: message ?? (code === 'NOT_FOUND' ? 'Not found.' : 'You do not have permission to perform this action.'),
  };
}

/** A new account that is active from the start (made by an admin, or by a provider's sign-in). */
export function activeUserRecord(
  identity: Pick<NewUser, 'email' | 'username' | 'loginKey' | 'emailKey' | 'passwordHash'> & Partial<Pick<NewUser, 'isStaff' | 'isSuperuser' | 'emailVerified'>>,
  now: Date,
): NewUser {
  return {
    isStaff: false,
    isSuperuser: false,
    emailVerified: false,
    ...identity,
    isActive: true,
    dateJoined: now,
    lastLogin: null,
    activatedAt: now,
    deactivatedAt: null,
    pendingEmail: null,
    credentialsVersion: 0,
    profile: {},
  };
}
