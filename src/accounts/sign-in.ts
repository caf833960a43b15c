// The one way a sign-in ends. Every way in — a password (login, jwtCreate), a second-factor code
// (verifyMfa), a passkey, a provider, and the sign-in that comes with a registration or an
// activation — checks its own credential, then passes the gates (signIn) and ends in finishSignIn,
// which records the login, forgets the account's failure counts, stamps lastLogin, opens the
// session or the JWT family, and tells the host (onLogin).
//
// A new way in is a new file: check the credential, then `signIn(deps, user, meta, { purpose,
// strength })`; and one resolver. A new second step is a new gate in gates/index.ts.
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { SIGN_IN_GATES } from './gates';
import { openTokenFamily, type TokenPair } from './jwt';
import type { MfaChallenge } from './mfa-challenge';
import { recordLoginSuccess } from './rate-limits';
import type { RequestMeta } from './results';
import { startSession } from './sessions';
import { toPublicUser, type PublicUser } from './users';

/** What the sign-in answers: a session token (login) or a JWT pair (jwtCreate). */
export type SignInPurpose = 'session' | 'jwt';

/**
 * How a sign-in was made: `full` when it stands for everything the user has (the password and
 * the second factor, a user-verified passkey, the provider of a user without a password), which
 * makes the new session fresh (section 6, re-authentication).
 */
export type SignInStrength = 'full' | 'partial';

export interface SignInOptions<P extends SignInPurpose = SignInPurpose> {
  purpose: P;
  strength: SignInStrength;
  /**
   * The credential stands for every factor the user has (a user-verified passkey): the gates
   * that ask for one more let it through.
   */
  allFactors?: boolean;
  /**
   * The sign-in comes with the account's creation or activation: that event is recorded, and
   * lastLogin stamped, by its use case; finishSignIn only opens the session (no login event, no onLogin).
   */
  alongside?: 'registration' | 'activation';
}

/** What a gate answers instead of letting the sign-in through: the step the user still owes (MfaRequired). */
export type SignInStep = { ok: true } & MfaChallenge;

/**
 * A sign-in gate: after the credential was checked, null lets the sign-in through; a step stops it
 * there, and the use case that finishes the step calls finishSignIn. Registered in gates/index.ts.
 */
export type SignInGate = (deps: AccountDeps, user: UserRecord, options: SignInOptions) => Promise<SignInStep | null>;

export type SignedIn<P extends SignInPurpose> = P extends 'jwt' ? TokenPair & { user: PublicUser } : { token: string; user: PublicUser };

/** The sign-in of a user whose credential was checked: the first gate that stops it answers its step, or finishSignIn. */
export async function signIn<P extends SignInPurpose>(
  deps: AccountDeps,
  user: UserRecord,
  meta: RequestMeta,
  options: SignInOptions<P>,
): Promise<SignInStep | ({ ok: true } & SignedIn<P>)> {
  for (const gate of SIGN_IN_GATES) {
    const step = await gate(deps, user, options);
    if (step) return step;
  }
  return { ok: true, ...(await finishSignIn(deps, user, meta, options)) };
}

/**
 * Ends a sign-in that passed every gate: the failures counted against the account (from this
 * network and across all) are forgotten, lastLogin stamped, the session or JWT family opened,
 * the login recorded and the host told.
 */
export async function finishSignIn<P extends SignInPurpose>(deps: AccountDeps, user: UserRecord, meta: RequestMeta, options: SignInOptions<P>): Promise<SignedIn<P>> {
  const signedIn = options.alongside ? user : await recordLogin(deps, user, meta);
  const answer =
    options.purpose === 'jwt'
      ? await openTokenFamily(deps, signedIn, meta, options.strength)
      : { token: await startSession(deps, signedIn, meta, options.strength) };
  if (!options.alongside) await emit(deps, { type: 'LOGIN_SUCCEEDED', actor: user.id, subject: user.id, meta, user: signedIn });
  return { ...answer, user: toPublicUser(signedIn) } as SignedIn<P>;
}

/** A complete login resets the account's failure counts and stamps lastLogin. */
async function recordLogin(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<UserRecord> {
  await recordLoginSuccess(deps, user.loginKey, meta);
  const updated = await deps.store.users.updateUser(user.id, { lastLogin: deps.now() });
  return updated ?? user;
}
