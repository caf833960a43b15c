// Signing in with a code sent by email (SPEC §16): requestLoginCode emails a code and a link to
// the SPA; loginWithCode takes the code, loginWithLink the link's uid and token (the SPA calls it
// only when the user presses "Sign in", so a mail scanner that opens the link spends nothing).
// One live code per address: a newer request ends the older. A code works once, 5 wrong tries
// kill it, and wrong codes count as failed logins of the account.
import { randomBytes } from 'node:crypto';
import { loginCodeMatches, loginCodeDigest, loginCodeOf } from '../crypto/login-code';
import { decodeUid, makeOneTimeToken } from '../crypto/one-time-token';
import type { LoginCodeRecord, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { usersWithEmail } from './links';
import type { MfaChallenge } from './mfa-challenge';
import { hasUsablePassword } from './oauth';
import { answerNoSoonerThan, checkRequestLimits, clientNetwork, reserveAttempt, reserveMfaTokenTry } from './rate-limits';
import type { Failure, RequestMeta, Result } from './results';
import { signIn, type SignInPurpose } from './sign-in';
import { activeUserRecord, authFailure, loginValue, templateUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeEmail, normalizeLogin } from './validation';

/** Wrong codes a code survives; the next one kills it. */
export const MAX_LOGIN_CODE_FAILURES = 5;

/**
 * The unknown and the known address answer no sooner than this: the known one queues an email
 * and stores a code (a few more writes than a reset link).
 */
const REQUEST_FLOOR_MS = 60;

/** Marks a user created by a sign-in code: not an argon2 hash, so no password ever matches it. */
export const PASSWORDLESS_ONLY_PASSWORD = '!passwordless';

/** What a code or link sign-in answers: a session token, or with purpose 'jwt' a pair. */
export interface CodeSignedIn {
  user: PublicUser;
  token: string | null;
  access: string | null;
  refresh: string | null;
}

type CodeSignInResult = Promise<Result<CodeSignedIn | MfaChallenge>>;

const disabled = (deps: AccountDeps) => (deps.config.passwordless.enabled ? null : authFailure(deps.messages, 'PASSWORDLESS_DISABLED'));

/** The one active account an address signs in to; null when none, or when it is ambiguous (several accounts share it). */
async function ownerOf(deps: AccountDeps, email: string): Promise<UserRecord | null | 'taken'> {
  const owners = await usersWithEmail(deps, email);
  if (owners.length === 1 && owners[0].isActive) return owners[0];
  return owners.length ? 'taken' : null;
}

/** Emails a sign-in code and link to the address; `ok` whether or not it is known, in the same time. */
export async function requestLoginCode(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  const off = disabled(deps);
  if (off) return off;
  const limited = await checkRequestLimits(deps, 'emailRequests', meta);
  if (limited) return limited;
  const fieldErrors = inputErrors(deps.inputShapes.emailRequest, { email: input.email });
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const started = performance.now();
  const owner = await ownerOf(deps, input.email);
  // An address nobody has gets a code only with allowSignup; an inactive or shared one never.
  if (owner !== 'taken' && (owner || deps.config.passwordless.allowSignup)) await sendLoginCode(deps, input.email.trim(), owner, meta);
  await answerNoSoonerThan(started, REQUEST_FLOOR_MS);
  return { ok: true };
}

/**
 * Queues the email (its link token, and the code derived from it, are signed when it is sent) and,
 * when the per-recipient cap let it through, stores their digests as the address's one live code.
 */
async function sendLoginCode(deps: AccountDeps, email: string, user: UserRecord | null, meta: RequestMeta): Promise<void> {
  const id = randomBytes(12).toString('hex');
  const now = deps.now();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const nonce = randomBytes(16).toString('base64url');
  const { secret, passwordless, tokenLifetimes, loginLinkUrl } = deps.config;
  const lifetime = tokenLifetimes.loginCode;
  const queued = await deps.mailer.send({
    to: email,
    template: 'login-code',
    accountId: user?.id,
    user: user ? templateUser(user) : { email },
    login: user ? loginValue(deps.config, user) : email,
    extra: { minutes: Math.round(lifetime / 60) },
    requester: clientNetwork(meta),
    // The uid of the link names this request (an address without an account has no user id).
    link: { purpose: 'loginCode', userId: id, issuedAt, fingerprint: nonce, path: loginLinkUrl, codeDigits: passwordless.codeLength },
  });
  // Past the cap nothing was sent: the code the owner already has stays the live one.
  if (!queued) return;
  const token = makeOneTimeToken(secret, 'loginCode', id, nonce, issuedAt);
  await deps.store.loginCodes.replaceLoginCode({
    id,
    emailKey: normalizeEmail(email),
    email,
    userId: user?.id ?? null,
    codeDigest: loginCodeDigest(secret, id, loginCodeOf(secret, token, passwordless.codeLength)),
    linkDigest: loginCodeDigest(secret, id, token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetime * 1000),
  });
}

export interface LoginWithCodeInput {
  email: string;
  code: string;
  purpose?: SignInPurpose | null;
}

/** Signs in with the address and the code emailed to it. */
export async function loginWithCode(deps: AccountDeps, input: LoginWithCodeInput, meta: RequestMeta): CodeSignInResult {
  const off = disabled(deps);
  if (off) return off;
  const fieldErrors = inputErrors(deps.inputShapes.emailRequest, { email: input.email });
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const emailKey = normalizeEmail(input.email);
  const pending = await deps.store.loginCodes.findLoginCode(emailKey, deps.now());
  const owner = pending?.userId ? await deps.store.users.findUserById(pending.userId) : null;
  // Wrong codes are failed logins of the account (an address without one is counted like one).
  const accountKey = owner?.loginKey ?? normalizeLogin(input.email);
  const limited = await checkRequestLimits(deps, 'login', meta, accountKey);
  const attempt = limited ?? (await reserveAttempt(deps, accountKey, meta));
  if ('ok' in attempt) return attempt;

  const invalid = async (): Promise<Failure> => {
    await emit(deps, { type: 'LOGIN_FAILED', actor: null, subject: owner?.id ?? null, meta, outcome: 'FAILURE', detail: 'WRONG_LOGIN_CODE' });
    await attempt.failed(owner);
    return authFailure(deps.messages, 'INVALID_LOGIN_CODE');
  };
  if (!pending) return invalid();
  // One of the code's tries is taken before it is compared: simultaneous guesses never exceed them.
  const codeTry = await reserveMfaTokenTry(deps, `login-code:${pending.id}`, MAX_LOGIN_CODE_FAILURES, pending.expiresAt);
  if (!codeTry) {
    await deps.store.loginCodes.takeLoginCode(pending.id);
    return invalid();
  }
  const code = String(input.code ?? '').trim();
  if (code.length > 20 || !loginCodeMatches(deps.config.secret, pending.id, code, pending.codeDigest)) return invalid();
  await attempt.succeeded();
  return spendAndSignIn(deps, pending, input.purpose ?? 'session', meta);
}

/** Signs in with the uid and token of the emailed link (the SPA's "Sign in" button). */
export async function loginWithLink(deps: AccountDeps, input: { uid: string; token: string; purpose?: SignInPurpose | null }, meta: RequestMeta): CodeSignInResult {
  const off = disabled(deps);
  if (off) return off;
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  const id = decodeUid(input.uid ?? '');
  const pending = id ? await deps.store.loginCodes.findLoginCodeById(id, deps.now()) : null;
  const token = String(input.token ?? '');
  if (!pending || token.length > 200 || !loginCodeMatches(deps.config.secret, pending.id, token, pending.linkDigest)) {
    return authFailure(deps.messages, 'INVALID_TOKEN');
  }
  return spendAndSignIn(deps, pending, input.purpose ?? 'session', meta);
}

/**
 * Spends the code (once, on every server), proves the address, and signs in its account — or,
 * with allowSignup, creates it now. The user's second factor is still asked for (MfaRequired).
 */
async function spendAndSignIn(deps: AccountDeps, pending: LoginCodeRecord, purpose: SignInPurpose, meta: RequestMeta): CodeSignInResult {
  const invalid = authFailure(deps.messages, 'INVALID_LOGIN_CODE');
  if (!(await deps.store.loginCodes.takeLoginCode(pending.id))) return invalid;
  const user = pending.userId ? await deps.store.users.findUserById(pending.userId) : await signUp(deps, pending, meta);
  // The account must still be active and still own the address the code went to.
  if (!user || !user.isActive || !user.email || normalizeEmail(user.email) !== pending.emailKey) return invalid;
  const proven = user.emailVerified ? user : await deps.store.users.updateUser(user.id, { emailVerified: true });
  const signedInUser = proven ?? user;
  // The emailed code stands in for the password: everything a user without a password has.
  const signedIn = await signIn(deps, signedInUser, meta, { purpose, strength: hasUsablePassword(signedInUser) ? 'partial' : 'full' });
  if ('mfaToken' in signedIn) return signedIn;
  if ('access' in signedIn) return { ok: true, user: signedIn.user, token: null, access: signedIn.access, refresh: signedIn.refresh };
  return { ok: true, user: signedIn.user, token: signedIn.token, access: null, refresh: null };
}

/** allowSignup: the account of an address that had none, created when its code is used; null when signup closed or the address was taken meanwhile. */
async function signUp(deps: AccountDeps, pending: LoginCodeRecord, meta: RequestMeta): Promise<UserRecord | null> {
  if (!deps.config.passwordless.allowSignup) return null;
  const usernameLogin = deps.config.loginField === 'username';
  const created = await deps.store.users.insertUser(
    activeUserRecord(
      {
        email: pending.email,
        username: usernameLogin ? pending.email : null,
        loginKey: usernameLogin ? normalizeLogin(pending.email) : pending.emailKey,
        emailKey: pending.emailKey,
        passwordHash: PASSWORDLESS_ONLY_PASSWORD,
        // The code went to the address.
        emailVerified: true,
      },
      deps.now(),
    ),
  );
  if (created === 'duplicate') return null;
  await emit(deps, { type: 'REGISTERED', actor: created.id, subject: created.id, meta, detail: 'PASSWORDLESS', user: created });
  return created;
}

