// Logging in and out, and knowing who holds a session token.
import { hashPassword, needsRehash, verifyPassword } from '../crypto/password';
import { hashSessionToken, newSessionToken } from '../crypto/session-token';
import type { SessionRecord, UserRecord } from '../store/records';
import { recordSecurityEvent } from './audit';
import { fireHook, type AccountDeps } from './deps';
import { hasSecondFactor, startMfaChallenge, type MfaChallenge } from './mfa-challenge';
import { checkLoginLock, checkRequestLimits, recordLoginFailure, recordLoginSuccess } from './rate-limits';
import type { RequestMeta, Result } from './results';
import { authFailure, toPublicUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeLogin } from './validation';

export interface LoginInput {
  login: string;
  password: string;
}

/** The caller: a user and what they authenticated with (a session, or a JWT of a refresh family). */
export interface Authenticated {
  user: UserRecord;
  session: SessionRecord | null;
  familyId: string | null;
}

/** Revokes every session and refresh-token family of the user (but the caller's own, when kept); says how many were live. */
export async function revokeEverything(deps: AccountDeps, userId: string, keep?: Authenticated): Promise<number> {
  const now = deps.now();
  const sessions = await deps.store.sessions.revokeUserSessions(userId, now, keep?.session?.id);
  const families = await deps.store.refreshTokens.revokeUserFamilies(userId, now, keep?.familyId ?? undefined);
  return sessions + families;
}

/** Removes the account and everything that signs in as it: sessions, refresh tokens, passkeys, provider links. */
export async function deleteAccount(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<void> {
  await revokeEverything(deps, user.id);
  await deps.store.passkeys.deleteUserPasskeys(user.id);
  await deps.store.oauth.deleteUserLinks(user.id);
  await deps.store.users.deleteUser(user.id);
  await fireHook(deps, 'onDeleted', toPublicUser(user), meta);
}

/** Opens a new session for the user and returns its token, shown only this once. */
export async function startSession(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<string> {
  const token = newSessionToken();
  const now = deps.now();
  await deps.store.sessions.createSession({
    tokenHash: hashSessionToken(token),
    userId: user.id,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + Math.min(deps.config.session.lifetime, deps.config.session.absoluteLifetime) * 1000),
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    ip: meta.ip,
  });
  return token;
}

/** Upgrades the stored hash when the hashing parameters changed (the password is at hand only now). */
async function upgradeHash(deps: AccountDeps, user: UserRecord, password: string): Promise<UserRecord> {
  if (!needsRehash(user.passwordHash, deps.config.passwordHashing)) return user;
  const updated = await deps.store.users.updateUser(user.id, { passwordHash: await hashPassword(password, deps.config.passwordHashing) });
  return updated && updated !== 'duplicate' ? updated : user;
}

/**
 * One answer, INVALID_CREDENTIALS, for an unknown user, a wrong password and an inactive
 * user, in the same time: an unknown user still costs one hash verification.
 */
export async function checkCredentials(deps: AccountDeps, input: LoginInput, meta: RequestMeta): Promise<Result<{ user: UserRecord }>> {
  // A missing or over-long value is refused before any work: it never becomes a rate-limit key.
  const fieldErrors = inputErrors(deps.inputShapes.login, { [deps.config.loginField]: input.login, password: input.password });
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);

  const loginKey = normalizeLogin(input.login);
  const limited = await checkRequestLimits(deps, 'login', meta, loginKey);
  const locked = limited ? null : await checkLoginLock(deps, loginKey, meta);
  if (limited || locked) {
    deps.metrics.count('logins', limited ? 'rate_limited' : 'locked');
    return (limited ?? locked)!;
  }
  const user = await deps.store.users.findUserByLogin(loginKey);
  const passwordOk = await verifyPassword(user?.passwordHash ?? deps.dummyHash, input.password, deps.dummyHash);
  if (!user || !passwordOk || !user.isActive) {
    const detail = !user ? 'UNKNOWN_ACCOUNT' : !passwordOk ? 'WRONG_PASSWORD' : 'INACTIVE';
    await recordSecurityEvent(deps, { type: 'LOGIN_FAILED', actor: null, subject: user?.id ?? null, meta, outcome: 'FAILURE', detail });
    await recordLoginFailure(deps, loginKey, meta, user?.id ?? null);
    return authFailure(deps.messages, 'INVALID_CREDENTIALS');
  }
  return { ok: true, user: await upgradeHash(deps, user, input.password) };
}

/**
 * A login is complete (the password, and the second factor when the user has one): the
 * failures counted against the account from this network are forgotten, lastLogin stamped.
 */
export async function completeLogin(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<UserRecord> {
  await recordSecurityEvent(deps, { type: 'LOGIN_SUCCEEDED', actor: user.id, subject: user.id, meta });
  await recordLoginSuccess(deps, user.loginKey, meta);
  const updated = await deps.store.users.updateUser(user.id, { lastLogin: deps.now() });
  return updated && updated !== 'duplicate' ? updated : user;
}

/** Completes the login with a new session: its token (shown once) and the user. */
export async function openSession(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<{ token: string; user: PublicUser }> {
  const completed = await completeLogin(deps, user, meta);
  const token = await startSession(deps, completed, meta);
  const publicUser = toPublicUser(completed);
  await fireHook(deps, 'onLogin', publicUser, meta);
  return { token, user: publicUser };
}

/** A session, or for a user with a second factor an mfaToken that verifyMfa exchanges for one. */
export async function login(deps: AccountDeps, input: LoginInput, meta: RequestMeta): Promise<Result<{ token: string; user: PublicUser } | MfaChallenge>> {
  const checked = await checkCredentials(deps, input, meta);
  if (!checked.ok) return checked;
  if (hasSecondFactor(checked.user)) return startMfaChallenge(deps, checked.user, 'session');
  return { ok: true, ...(await openSession(deps, checked.user, meta)) };
}

/** Who holds this session token, or null when it is unknown, expired or the user is inactive. */
export async function authenticateSessionToken(deps: AccountDeps, token: string): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = deps.now();
  const tokenHash = hashSessionToken(token);
  const found = await deps.authCache.remember(tokenHash, async () => {
    const session = await deps.store.sessions.findSessionByTokenHash(tokenHash, now);
    const user = session && (await deps.store.users.findUserById(session.userId));
    return user ? { user, session, claims: null } : null;
  });
  const { user, session } = found ?? {};
  if (!user || !session || session.expiresAt <= now || !user.isActive) return null;

  const lifetimeMs = deps.config.session.lifetime * 1000;
  const remaining = session.expiresAt.getTime() - now.getTime();
  const absoluteEnd = session.createdAt.getTime() + deps.config.session.absoluteLifetime * 1000;
  // Sliding sessions: a use in the second half of the lifetime renews it to a full lifetime, never past the absolute end.
  if (deps.config.session.sliding && remaining < lifetimeMs / 2 && session.expiresAt.getTime() < absoluteEnd) {
    const expiresAt = new Date(Math.min(now.getTime() + lifetimeMs, absoluteEnd));
    await deps.store.sessions.touchSession(session.id, now, expiresAt);
    return { user, session: { ...session, lastUsedAt: now, expiresAt }, familyId: null };
  }
  // lastUsedAt is written at most once a minute, not on every request.
  if (now.getTime() - session.lastUsedAt.getTime() > 60_000) await deps.store.sessions.touchSession(session.id, now);
  return { user, session, familyId: null };
}

/** Revokes what the caller authenticated with: their session, or their JWT's refresh family. */
export async function logout(deps: AccountDeps, caller: Authenticated, meta: RequestMeta): Promise<Result<object>> {
  if (caller.session) await deps.store.sessions.revokeSession(caller.session.id);
  if (caller.familyId) await deps.store.refreshTokens.revokeFamily(caller.familyId);
  await recordSecurityEvent(deps, { type: 'LOGOUT', actor: caller.user.id, subject: caller.user.id, meta });
  await fireHook(deps, 'onLogout', toPublicUser(caller.user), meta);
  return { ok: true };
}

export async function logoutAll(deps: AccountDeps, caller: Authenticated, meta: RequestMeta): Promise<Result<{ revoked: number }>> {
  const revoked = await revokeEverything(deps, caller.user.id);
  await recordSecurityEvent(deps, { type: 'LOGOUT', actor: caller.user.id, subject: caller.user.id, meta, detail: 'ALL_SESSIONS' });
  await fireHook(deps, 'onLogout', toPublicUser(caller.user), meta);
  return { ok: true, revoked };
}
