// Re-authentication before changing how one signs in (SPEC section 6): the one place that
// decides whether a caller's session is fresh, and what a right current password adds to it.
// A session is fresh for `session.freshAge` after its last full sign-in or `reauthenticate`.
import type { AccountDeps } from './deps';
import { hasSecondFactor } from './mfa-challenge';
import { checkCurrentPassword } from './passwords';
import type { Failure, FieldError, RequestMeta } from './results';
import type { Authenticated } from './sessions';
import { authFailure } from './users';

function withinFreshAge(deps: AccountDeps, authenticatedAt: Date | null): boolean {
  return !!authenticatedAt && deps.now().getTime() - authenticatedAt.getTime() <= deps.config.session.freshAge * 1000;
}

/**
 * Whether the caller fully signed in or re-authenticated within freshAge: the session's own time,
 * or an access token's auth_time — or, when that is older, its family's last re-authentication
 * (so a JWT caller's next call is fresh without waiting for a new access token).
 */
export async function isFreshSession(deps: AccountDeps, caller: Authenticated): Promise<boolean> {
  if (withinFreshAge(deps, caller.authenticatedAt)) return true;
  if (!caller.familyId) return false;
  return withinFreshAge(deps, await deps.store.refreshTokens.familyAuthenticatedAt(caller.familyId));
}

/** Records a full re-authentication of what the caller signed in with: the session, or the token family. */
export async function markFresh(deps: AccountDeps, caller: Authenticated): Promise<Date> {
  const now = deps.now();
  if (caller.session) await deps.store.sessions.markSessionAuthenticated(caller.session.id, now);
  if (caller.familyId) await deps.store.refreshTokens.markFamilyAuthenticated(caller.familyId, now);
  return now;
}

/** A change to how the caller signs in that takes no password: REAUTHENTICATION_REQUIRED unless the session is fresh. */
export async function requireFreshSession(deps: AccountDeps, caller: Authenticated): Promise<Failure | null> {
  return (await isFreshSession(deps, caller)) ? null : authFailure(deps.messages, 'REAUTHENTICATION_REQUIRED');
}

/**
 * A change that takes the caller's current password. For a user without a second factor the
 * right password is a full re-authentication (the session becomes fresh); a user with one also
 * needs a fresh session, checked first (a stale session spends no password check).
 * Answers field errors on `currentPassword` ([] when right), or a Failure.
 */
export async function checkCurrentPasswordOnFreshSession(deps: AccountDeps, caller: Authenticated, currentPassword: string, meta: RequestMeta): Promise<FieldError[] | Failure> {
  if (hasSecondFactor(caller.user)) {
    const stale = await requireFreshSession(deps, caller);
    if (stale) return stale;
    return checkCurrentPassword(deps, caller.user, currentPassword, meta);
  }
  const current = await checkCurrentPassword(deps, caller.user, currentPassword, meta);
  if (Array.isArray(current) && !current.length) await markFresh(deps, caller);
  return current;
}
