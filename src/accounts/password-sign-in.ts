// Signing in with the login and password: `login` answers a session, `jwtCreate` a JWT pair;
// for a user with a second factor both stop at its gate (MfaRequired).
import { hashPassword, needsRehash, verifyPassword } from '../crypto/password';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { checkRequestLimits, reserveAttempt } from './rate-limits';
import type { RequestMeta, Result } from './results';
import { signIn, type SignInPurpose } from './sign-in';
import { authFailure, validationFailure } from './users';
import { inputErrors, normalizeLogin } from './validation';

export interface LoginInput {
  login: string;
  password: string;
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
async function checkCredentials(deps: AccountDeps, input: LoginInput, meta: RequestMeta): Promise<Result<{ user: UserRecord }>> {
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
    await emit(deps, { type: 'LOGIN_FAILED', actor: null, subject: user?.id ?? null, meta, outcome: 'FAILURE', detail });
    await attempt.failed(user);
    return authFailure(deps.messages, 'INVALID_CREDENTIALS');
  }
  await attempt.succeeded();
  return { ok: true, user: await upgradeHash(deps, user, input.password) };
}

async function passwordSignIn<P extends SignInPurpose>(deps: AccountDeps, input: LoginInput, meta: RequestMeta, purpose: P) {
  const checked = await checkCredentials(deps, input, meta);
  if (!checked.ok) return checked;
  // Past the gates, the password is everything the user has.
  return signIn(deps, checked.user, meta, { purpose, strength: 'full' });
}

/** A session, or for a user with a second factor an mfaToken that verifyMfa exchanges for one. */
export const login = (deps: AccountDeps, input: LoginInput, meta: RequestMeta) => passwordSignIn(deps, input, meta, 'session');

/** A JWT pair (a new token family), or for a user with a second factor an mfaToken that verifyMfa exchanges for one. */
export const jwtCreate = (deps: AccountDeps, input: LoginInput, meta: RequestMeta) => passwordSignIn(deps, input, meta, 'jwt');
