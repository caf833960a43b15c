// Sessions: opening one (for finishSignIn, sign-in.ts), logging out, the caller's sessions and
// refresh-token families listed and revoked, and the account's removal.
import { tokenDigest, newSessionToken } from '../crypto/session-token';
import type { RefreshTokenRecord, SessionRecord, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import type { RequestMeta, Result } from './results';
import type { SignInStrength } from './sign-in';

/** The caller: a user and what they authenticated with (a session, or a JWT of a refresh family). */
export interface Authenticated {
  user: UserRecord;
  session: SessionRecord | null;
  familyId: string | null;
  /** Its last full sign-in or re-authentication (the session's, or the access token's auth_time); null: never. */
  authenticatedAt: Date | null;
}

/** Revokes every session and refresh-token family of the user (but the caller's own, when kept); says how many were live. */
export async function revokeEverything(deps: AccountDeps, userId: string, keep?: Authenticated): Promise<number> {
  const now = deps.now();
  const loginSessions = await deps.store.sessions.revokeUserSessions(userId, now, keep?.session?.id);
  const families = await deps.store.refreshTokens.revokeUserFamilies(userId, now, keep?.familyId ?? undefined);
  return loginSessions + families;
}

/** Removes the account and everything that signs in as it: sessions, refresh tokens, passkeys, provider links. */
export async function deleteAccount(deps: AccountDeps, user: UserRecord, meta: RequestMeta, by: { actor: string; detail: 'SELF' | null }): Promise<void> {
  await revokeEverything(deps, user.id);
  await deps.store.passkeys.deleteUserPasskeys(user.id);
  await deps.store.oauth.deleteUserLinks(user.id);
  await deps.store.users.deleteUser(user.id);
  await emit(deps, { type: 'USER_DELETED', actor: by.actor, subject: user.id, meta, detail: by.detail, user });
}

/** Opens a new session for the user and returns its token, shown only this once (finishSignIn's, for purpose 'session'). */
export async function startSession(deps: AccountDeps, user: UserRecord, meta: RequestMeta, strength: SignInStrength): Promise<string> {
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
    authenticatedAt: strength === 'full' ? now : null,
  });
  return token;
}

/** Revokes what the caller authenticated with: their session, or their JWT's refresh family. */
export async function logout(deps: AccountDeps, caller: Authenticated, meta: RequestMeta): Promise<Result<object>> {
  if (caller.session) await deps.store.sessions.revokeSession(caller.session.id);
  if (caller.familyId) await deps.store.refreshTokens.revokeFamily(caller.familyId);
  await emit(deps, { type: 'LOGOUT', actor: caller.user.id, subject: caller.user.id, meta, user: caller.user });
  return { ok: true };
}

export async function logoutAll(deps: AccountDeps, caller: Authenticated, meta: RequestMeta): Promise<Result<{ revoked: number }>> {
  const revoked = await revokeEverything(deps, caller.user.id);
  await emit(deps, { type: 'LOGOUT', actor: caller.user.id, subject: caller.user.id, meta, detail: 'ALL_SESSIONS', user: caller.user });
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
  if (revoked) await emit(deps, { type: 'SESSION_REVOKED', actor: caller.user.id, subject: caller.user.id, meta, user: caller.user });
  return revoked;
}
