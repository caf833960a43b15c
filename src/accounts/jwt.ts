// JWTs: the token family a sign-in opens (finishSignIn, for jwtCreate), jwtRefresh and jwtVerify
// (simplejwt's endpoints) with rotating refresh tokens.
// Reusing a rotated refresh token after the grace window revokes its whole family; inside
// the window (two tabs racing) it answers the same successor.
import { randomBytes } from 'node:crypto';
import { tokenDigest } from '../crypto/session-token';
import { newTokenId, successorTokenId, type JwtClaims } from '../crypto/jwt';
import type { UserRecord } from './records';
import { authenticate } from './authenticate';
import type { AccountDeps } from './deps';
import { emit } from './events';
import type { RequestMeta, Result } from './results';
import type { SignInStrength } from './sign-in';
import { authFailure } from './users';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export interface TokenPair {
  access: string;
  refresh: string;
}

/** An access token; `authenticatedAt` (the family's last full sign-in or re-authentication) becomes its auth_time. */
export function signAccess(deps: AccountDeps, user: UserRecord, familyId: string, now: Date, authenticatedAt: Date | null): Promise<string> {
  const iat = seconds(now);
  const authTime = authenticatedAt ? { auth_time: seconds(authenticatedAt) } : {};
  return deps.jwt.sign({ sub: user.id, typ: 'access', jti: newTokenId(), fam: familyId, cv: user.credentialsVersion, ...authTime, iat, exp: iat + deps.config.jwt.accessLifetime });
}

/** A refresh token lives refreshLifetime, never past the end of its family. */
function refreshClaims(deps: AccountDeps, user: UserRecord, family: { id: string; createdAt: Date }, jti: string, issuedAt: Date): JwtClaims {
  const iat = seconds(issuedAt);
  const familyEnd = seconds(family.createdAt) + deps.config.jwt.familyLifetime;
  return { sub: user.id, typ: 'refresh', jti, fam: family.id, iat, exp: Math.min(iat + deps.config.jwt.refreshLifetime, familyEnd) };
}

/** A refresh-token family: when it began, and when it last fully signed in or re-authenticated. */
interface Family {
  id: string;
  createdAt: Date;
  authenticatedAt: Date | null;
}

/** Signs a refresh token and records its hash in its family. */
async function issueRefresh(
  deps: AccountDeps,
  user: UserRecord,
  family: Family,
  jti: string,
  issuedAt: Date,
  meta: RequestMeta,
): Promise<string> {
  let claims = refreshClaims(deps, user, family, jti, issuedAt);
  const inserted = await deps.store.refreshTokens.insertRefreshToken({
    jtiHash: tokenDigest(jti),
    familyId: family.id,
    userId: user.id,
    familyCreatedAt: family.createdAt,
    createdAt: issuedAt,
    expiresAt: new Date(claims.exp * 1000),
    usedAt: null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    ip: meta.ip,
    authenticatedAt: family.authenticatedAt,
  });
  if (!inserted) {
    // A racing refresh issued this successor first (decided by the unique index): sign exactly
    // what it signed, so every tab gets the same token even when their clocks read other seconds.
    const stored = await deps.store.refreshTokens.findRefreshToken(tokenDigest(jti));
    if (stored) claims = refreshClaims(deps, user, family, jti, stored.createdAt);
  }
  return deps.jwt.sign(claims);
}

/** A new refresh-token family: an access and a refresh token (finishSignIn's, for purpose 'jwt'). */
export async function openTokenFamily(deps: AccountDeps, user: UserRecord, meta: RequestMeta, strength: SignInStrength): Promise<TokenPair> {
  const now = deps.now();
  const family = { id: randomBytes(12).toString('hex'), createdAt: now, authenticatedAt: strength === 'full' ? now : null };
  const refresh = await issueRefresh(deps, user, family, newTokenId(), now, meta);
  const access = await signAccess(deps, user, family.id, now, family.authenticatedAt);
  return { access, refresh };
}

export async function jwtRefresh(deps: AccountDeps, input: { refresh: string }, meta: RequestMeta): Promise<Result<TokenPair>> {
  const now = deps.now();
  const invalid = () => authFailure(deps.messages, 'INVALID_REFRESH_TOKEN');
  const claims = await deps.jwt.verify(input.refresh, 'refresh', now);
  if (!claims) return invalid();
  const record = await deps.store.refreshTokens.findRefreshToken(tokenDigest(claims.jti));
  if (!record || record.expiresAt <= now) return invalid();
  const user = await deps.store.users.findUserById(record.userId);
  if (!user || !user.isActive) return invalid();
  // A refresh carries the family's auth_time on: it never makes a family fresh.
  const family = { id: record.familyId, createdAt: record.familyCreatedAt, authenticatedAt: record.authenticatedAt };
  // A family stops rotating at its absolute end: the user logs in again.
  if (now.getTime() >= family.createdAt.getTime() + deps.config.jwt.familyLifetime * 1000) return invalid();

  if (!deps.config.jwt.rotate) return { ok: true, access: await signAccess(deps, user, family.id, now, family.authenticatedAt), refresh: input.refresh };

  const successorId = successorTokenId(deps.config.secret, claims.jti);
  if (await deps.store.refreshTokens.claimRefreshToken(record.id, now)) {
    const refresh = await issueRefresh(deps, user, family, successorId, now, meta);
    return { ok: true, access: await signAccess(deps, user, family.id, now, family.authenticatedAt), refresh };
  }
  // Already rotated: inside the grace window the caller gets the same successor.
  const used = (await deps.store.refreshTokens.findRefreshToken(record.jtiHash)) ?? record;
  const usedAt = used.usedAt ?? now;
  if (now.getTime() - usedAt.getTime() <= deps.config.jwt.reuseGrace * 1000) {
    const refresh = await issueRefresh(deps, user, family, successorId, usedAt, meta);
    return { ok: true, access: await signAccess(deps, user, family.id, now, family.authenticatedAt), refresh };
  }
  await deps.store.refreshTokens.revokeFamily(record.familyId);
  await emit(deps, { type: 'JWT_FAMILY_REVOKED', actor: null, subject: user.id, meta, outcome: 'FAILURE', detail: 'REFRESH_TOKEN_REUSED' });
  deps.config.logger.warn('refresh token reused after rotation: its family was revoked', { userId: user.id });
  return authFailure(deps.messages, 'REFRESH_TOKEN_REUSED');
}

/**
 * simplejwt's verify: a valid signature, not expired; a refresh token must also still be live,
 * and an access token must still sign its user in (as `me` checks) from a family not revoked.
 */
export async function jwtVerify(deps: AccountDeps, input: { token: string }): Promise<Result<object>> {
  const now = deps.now();
  const claims = await deps.jwt.verify(input.token, 'any', now);
  if (!claims) return authFailure(deps.messages, 'INVALID_TOKEN');
  if (claims.typ === 'refresh') {
    const record = await deps.store.refreshTokens.findRefreshToken(tokenDigest(claims.jti));
    if (!record || record.usedAt) return authFailure(deps.messages, 'INVALID_TOKEN');
  } else {
    const caller = await authenticate(deps, input.token);
    // Logout, revokeSession, logoutAll or a reused refresh token ended the family.
    if (!caller?.familyId || !(await deps.store.refreshTokens.familyIsLive(caller.familyId, now))) return authFailure(deps.messages, 'INVALID_TOKEN');
  }
  return { ok: true };
}

