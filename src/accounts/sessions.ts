// Logging in and out; the caller's sessions and refresh-token families, listed and revoked.
import { hashPassword, needsRehash, verifyPassword } from '../crypto/password';
import { tokenDigest, newSessionToken } from '../crypto/session-token';
import type { RefreshTokenRecord, SessionRecord, UserRecord } from './records';
import { recordSecurityEvent } from './audit';
import { fireHook, type AccountDeps } from './deps';
import { hasSecondFactor, startMfaChallenge, type MfaChallenge } from './mfa-challenge';
import { checkRequestLimits, recordLoginSuccess, reserveAttempt } from './rate-limits';
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
  /** Its last full sign-in or re-authentication (the session's, or the access token's auth_time); null: never. */
  authenticatedAt: Date | null;
}

/**
 * How a sign-in was made: `full` when it stands for everything the user has (the password and
 * the second factor, a user-verified passkey, the provider of a user without a password), which
 * makes the new session fresh (section 6, re-authentication).
 */
export type SignIn = 'full' | 'partial';

/** Revokes every session and refresh-token family of the user (but the caller's own, when kept); says how many were live. */
export async function revokeEverything(deps: AccountDeps, userId: string, keep?: Authenticated): Promise<number> {
  const now = deps.now();
  const loginSessions = await deps.store.sessions.revokeUserSessions(userId, now, keep?.session?.id);
  const families = await deps.store.refreshTokens.revokeUserFamilies(userId, now, keep?.familyId ?? undefined);
  return loginSessions + families;
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
export async function startSession(deps: AccountDeps, user: UserRecord, meta: RequestMeta, signIn: SignIn): Promise<string> {
  const token = newSessionToken();
  const now = deps.now();
  await deps.store.sessions.createSession({
    tokenHash: tokenDigest(token),
    userId: user.id,
    createdAt: now,
    lastUsedAt: now,
    expiresAt: new Date(now.getTime() + Math.min(deps.config.session.lifetime, deps.config.session.absoluteLifetime) * 1000),
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    ip: meta.ip,
    authenticatedAt: signIn === 'full' ? now : null,
  });
  return token;
}

/** Upgrades the stored hash when the hashing parameters changed (the password is at hand only now). */
async function upgradeHash(deps: AccountDeps, user: UserRecord, password: string): Promise<UserRecord> {
  if (!needsRehash(user.passwordHash, deps.config.passwordHashing)) return user;
  const updated = await deps.store.users.updateUser(user.id, { passwordHash: await hashPassword(password, deps.config.passwordHashing) });
  return updated ?? user;
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
  const attempt = limited ?? (await reserveAttempt(deps, loginKey, meta));
  if ('ok' in attempt) {
    deps.metrics.count('logins', limited ? 'rate_limited' : 'locked');
    return attempt;
  }
  const user = await deps.store.users.findUserByLogin(loginKey);
  const passwordOk = await verifyPassword(user?.passwordHash ?? deps.dummyHash, input.password, deps.dummyHash);
  if (!user || !passwordOk || !user.isActive) {
    const detail = !user ? 'UNKNOWN_ACCOUNT' : !passwordOk ? 'WRONG_PASSWORD' : 'INACTIVE';
    await recordSecurityEvent(deps, { type: 'LOGIN_FAILED', actor: null, subject: user?.id ?? null, meta, outcome: 'FAILURE', detail });
    await attempt.failed(user);
    return authFailure(deps.messages, 'INVALID_CREDENTIALS');
  }
  await attempt.succeeded();
  return { ok: true, user: await upgradeHash(deps, user, input.password) };
}

/**
 * A login is complete (the password, and the second factor when the user has one): the
 * failures counted against the account, from this network and across all, are forgotten;
 * lastLogin stamped.
 */
export async function completeLogin(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<UserRecord> {
  await recordSecurityEvent(deps, { type: 'LOGIN_SUCCEEDED', actor: user.id, subject: user.id, meta });
  await recordLoginSuccess(deps, user.loginKey, meta);
  const updated = await deps.store.users.updateUser(user.id, { lastLogin: deps.now() });
  return updated ?? user;
}

/** Completes the login with a new session: its token (shown once) and the user. */
export async function openSession(deps: AccountDeps, user: UserRecord, meta: RequestMeta, signIn: SignIn): Promise<{ token: string; user: PublicUser }> {
  const completed = await completeLogin(deps, user, meta);
  const token = await startSession(deps, completed, meta, signIn);
  const publicUser = toPublicUser(completed);
  await fireHook(deps, 'onLogin', publicUser, meta);
  return { token, user: publicUser };
}

/** A session, or for a user with a second factor an mfaToken that verifyMfa exchanges for one. */
export async function login(deps: AccountDeps, input: LoginInput, meta: RequestMeta): Promise<Result<{ token: string; user: PublicUser } | MfaChallenge>> {
  const checked = await checkCredentials(deps, input, meta);
  if (!checked.ok) return checked;
  if (hasSecondFactor(checked.user)) return startMfaChallenge(deps, checked.user, 'session');
  return { ok: true, ...(await openSession(deps, checked.user, meta, 'full')) };
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

export interface SessionView {
  id: string;
  kind: 'SESSION' | 'JWT';
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

function familyView(records: RefreshTokenRecord[], caller: Authenticated): SessionView {
  const latest = records.reduce((a, b) => (a.createdAt > b.createdAt ? a : b));
  return {
    id: latest.familyId,
    kind: 'JWT',
    createdAt: latest.familyCreatedAt,
    lastUsedAt: latest.createdAt,
    expiresAt: latest.expiresAt,
    userAgent: latest.userAgent,
    ip: latest.ip,
    current: caller.familyId === latest.familyId,
  };
}

const MAX_LISTED_SESSIONS = 100;

/** The caller's live sessions and refresh-token families, the 100 newest. */
export async function sessions(deps: AccountDeps, caller: Authenticated): Promise<SessionView[]> {
  const now = deps.now();
  const loginSessions = await deps.store.sessions.listUserSessions(caller.user.id, now, MAX_LISTED_SESSIONS);
  const tokens = await deps.store.refreshTokens.listUserRefreshTokens(caller.user.id, now);
  const families = new Map<string, RefreshTokenRecord[]>();
  for (const token of tokens) families.set(token.familyId, [...(families.get(token.familyId) ?? []), token]);
  const live = [...families.values()].filter((records) => !deps.config.jwt.rotate || records.some((r) => !r.usedAt));
  const views: SessionView[] = [
    ...loginSessions.map((s) => ({
      id: s.id,
      kind: 'SESSION' as const,
      createdAt: s.createdAt,
      lastUsedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      userAgent: s.userAgent,
      ip: s.ip,
      current: caller.session?.id === s.id,
    })),
    ...live.map((records) => familyView(records, caller)),
  ];
  return views.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, MAX_LISTED_SESSIONS);
}

/** Revokes one of the caller's own sessions or families; false when it is not theirs. */
export async function revokeSession(deps: AccountDeps, caller: Authenticated, input: { id: string }, meta: RequestMeta): Promise<boolean> {
  const revoked =
    (await deps.store.sessions.revokeSession(input.id, caller.user.id)) || (await deps.store.refreshTokens.revokeFamily(input.id, caller.user.id)) > 0;
  if (revoked) await recordSecurityEvent(deps, { type: 'SESSION_REVOKED', actor: caller.user.id, subject: caller.user.id, meta });
  if (revoked) await fireHook(deps, 'onLogout', toPublicUser(caller.user), meta);
  return revoked;
}
