// Who is calling: the holder of a session token or of a JWT access token. Both are
// remembered for authCache.ttl; every check below still runs on every request.
import { tokenDigest } from '../crypto/session-token';
import { looksLikeJwt } from '../crypto/jwt';
import { credentialKey } from './auth-cache';
import type { AccountDeps } from './deps';
import type { Authenticated } from './sessions';

/** A session token or a JWT access token (told apart by their shape). */
export function authenticate(deps: AccountDeps, token: string): Promise<Authenticated | null> {
  return looksLikeJwt(token) ? authenticateAccessToken(deps, token) : authenticateSessionToken(deps, token);
}

/** Who holds this session token, or null when it is unknown, expired or the user is inactive. */
async function authenticateSessionToken(deps: AccountDeps, token: string): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = deps.now();
  const tokenHash = tokenDigest(token);
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
    return { user, session: { ...session, lastUsedAt: now, expiresAt }, familyId: null, authenticatedAt: session.authenticatedAt };
  }
  // lastUsedAt is written at most once a minute, not on every request.
  if (now.getTime() - session.lastUsedAt.getTime() > 60_000) await deps.store.sessions.touchSession(session.id, now);
  return { user, session, familyId: null, authenticatedAt: session.authenticatedAt };
}

/** The caller of an access token; the token itself needs no database read, only the user. */
async function authenticateAccessToken(deps: AccountDeps, token: string): Promise<Authenticated | null> {
  const now = deps.now();
  // The same token verified a moment ago needs no second signature check, only its expiry.
  const found = await deps.authCache.remember(credentialKey(token), async () => {
    const claims = await deps.jwt.verify(token, 'access', now);
    const user = claims && (await deps.store.users.findUserById(claims.sub));
    return user ? { user, session: null, claims } : null;
  });
  const { user, claims } = found ?? {};
  if (!user || !claims || claims.exp <= Math.floor(now.getTime() / 1000) || !user.isActive) return null;
  // Issued before the last password change or reset: refused.
  if ((claims.cv ?? 0) !== user.credentialsVersion) return null;
  return { user, session: null, familyId: claims.fam, authenticatedAt: claims.auth_time ? new Date(claims.auth_time * 1000) : null };
}
