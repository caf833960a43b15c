// The second factor: TOTP with recovery codes. totpSetup keeps a pending secret until
// totpEnable sees its first code; from then on a password login stops at an mfaToken, which
// verifyMfa exchanges, with a TOTP or recovery code, for what the login would have answered.
// Wrong codes count as failed logins (the same lockout as wrong passwords).
import { findRecoveryCode, hashRecoveryCode, newRecoveryCode } from '../crypto/recovery-code';
import { openSecret, sealSecret } from '../crypto/sealed';
import { tokenDigest } from '../crypto/session-token';
import { onFirstUse } from '../on-first-use';
import { TOTP_STEP_SECONDS, looksLikeTotpCode, matchTotpStep, newTotpSecret, totpUri } from '../crypto/totp';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { hasSecondFactor } from './mfa-challenge';
import { checkCurrentPasswordOnFreshSession, requireFreshSession } from './freshness';
import { checkRequestLimits, reserveAttempt, reserveMfaTokenTry } from './rate-limits';
import type { RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { finishSignIn } from './sign-in';
import { authFailure, denied, loginValue, validationFailure, type PublicUser } from './users';

const RECOVERY_CODE_COUNT = 10;
const qrCode = onFirstUse(async () => (await import('qrcode')).default);
/** Wrong codes one mfaToken survives; the next attempt needs a new login. */
const MAX_MFA_FAILURES = 5;
// A used recovery code stays marked this long, past any lost update on servers without atomic updates.
const RECOVERY_MARK_SECONDS = 365 * 86400;

const sealTotpSecret = (deps: AccountDeps, userId: string, secret: string) => sealSecret(deps.config.secret, 'totp', userId, secret);
const openTotpSecret = (deps: AccountDeps, userId: string, sealed: string | null) => (sealed ? openSecret(deps.config.secret, 'totp', userId, sealed) : null);

function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** The caller's current password on a fresh session, as every change to their factors needs them; a failure or nothing. */
async function requirePassword(deps: AccountDeps, caller: Authenticated, currentPassword: string, meta: RequestMeta) {
  const current = await checkCurrentPasswordOnFreshSession(deps, caller, currentPassword, meta);
  if (!Array.isArray(current)) return current;
  return current.length ? validationFailure(deps.messages, current) : null;
}

export async function totpSetup(
  deps: AccountDeps,
  caller: Authenticated,
  input: { currentPassword: string },
  meta: RequestMeta,
): Promise<Result<{ secret: string; uri: string; qrCodeSvg: string }>> {
  const { user } = caller;
  // Replacing an active secret would bypass totpDisable's code check.
  if (hasSecondFactor(user)) return denied('FORBIDDEN', 'Two-factor authentication is on already: turn it off before setting up another authenticator.');
  const refused = await requirePassword(deps, caller, input.currentPassword, meta);
  if (refused) return refused;
  const secret = newTotpSecret();
  // totpLastStep is written out, so that accounts stored before it existed can compare-and-set it.
  const saved = await deps.store.users.updateUser(user.id, { totpPendingSecret: sealTotpSecret(deps, user.id, secret), totpLastStep: user.totpLastStep });
  if (!saved) throw new Error('the user disappeared during totpSetup');
  const uri = totpUri(secret, deps.config.twoFactor.issuer, loginValue(deps.config, user));
  const qrCodeSvg = await (await qrCode()).toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { ok: true, secret, uri, qrCodeSvg };
}

/**
 * Records a TOTP step as used: a mark (the same step refused on every server, decided by a
 * unique index) and a compare-and-set on the user (older steps refused from now on).
 */
async function claimTotpStep(deps: AccountDeps, user: UserRecord, step: number): Promise<boolean> {
  const stepDeadEnd = new Date((step + 2) * TOTP_STEP_SECONDS * 1000);
  if (!(await deps.store.usedMarks.markUsed(`totp:${user.id}:${step}`, stepDeadEnd))) return false;
  return deps.store.users.advanceTotpStep(user.id, step);
}

async function useRecoveryCode(deps: AccountDeps, user: UserRecord, hash: string): Promise<boolean> {
  const until = new Date(deps.now().getTime() + RECOVERY_MARK_SECONDS * 1000);
  if (!(await deps.store.usedMarks.markUsed(`recovery:${user.id}:${hash}`, until))) return false;
  return deps.store.users.useRecoveryCode(user.id, hash);
}

/** Spends a code of the user's: a TOTP code (current step ±1, newer than the last one used) or an unused recovery code. */
async function spendCode(deps: AccountDeps, user: UserRecord, typed: string, meta: RequestMeta): Promise<boolean> {
  if (!typed) return false;
  if (looksLikeTotpCode(typed)) {
    // (A secret sealed under a former AUTH_SECRET opens no more: recovery codes still work.)
    const secret = openTotpSecret(deps, user.id, user.totpSecret);
    const step = secret ? matchTotpStep(secret, typed, deps.now(), user.totpLastStep) : null;
    return step !== null && claimTotpStep(deps, user, step);
  }
  const hash = findRecoveryCode(user.recoveryCodeHashes, typed);
  if (!hash || !(await useRecoveryCode(deps, user, hash))) return false;
  await emit(deps, { type: 'RECOVERY_CODE_USED', meta, user });
  return true;
}

/** A TOTP or recovery code of the user's, spent when right; counted like a password (reauthenticate). */
export function checkSecondFactorCode(deps: AccountDeps, user: UserRecord, typed: string, meta: RequestMeta): Promise<Result<object>> {
  return checkCode(deps, user, typed, meta, () => spendCode(deps, user, typed, meta));
}

/** A second-factor code for the user, counted like a password (before it is compared): a locked account is refused, a wrong code is a failed login. */
async function checkCode(deps: AccountDeps, user: UserRecord, typed: string, meta: RequestMeta, spend: () => Promise<boolean>): Promise<Result<object>> {
  const attempt = await reserveAttempt(deps, user.loginKey, meta);
  if ('ok' in attempt) return attempt;
  if (typed && (await spend())) {
    await attempt.succeeded();
    return { ok: true };
  }
  await emit(deps, { type: 'SECOND_FACTOR_FAILED', actor: null, subject: user.id, meta, outcome: 'FAILURE', detail: 'INVALID_OTP' });
  await attempt.failed(user);
  return authFailure(deps.messages, 'INVALID_OTP');
}

export async function totpEnable(deps: AccountDeps, caller: Authenticated, input: { code: string }, meta: RequestMeta): Promise<Result<{ recoveryCodes: string[] }>> {
  const { user } = caller;
  const stale = await requireFreshSession(deps, caller);
  if (stale) return stale;
  const pending = openTotpSecret(deps, user.id, user.totpPendingSecret);
  const checked = await checkCode(deps, user, input.code, meta, async () => {
    const step = pending && looksLikeTotpCode(input.code) ? matchTotpStep(pending, input.code, deps.now(), user.totpLastStep) : null;
    return step !== null && claimTotpStep(deps, user, step);
  });
  if (!checked.ok) return checked;
  const { codes, hashes } = newRecoveryCodes();
  // Compare-and-set on the pending secret: a newer totpSetup meanwhile wins.
  const enabled = await deps.store.users.updateUserIf(
    user.id,
    { totpSecret: user.totpPendingSecret, totpPendingSecret: null, recoveryCodeHashes: hashes },
    { totpPendingSecret: user.totpPendingSecret },
  );
  if (!enabled) return authFailure(deps.messages, 'INVALID_OTP');
  await emit(deps, { type: 'SECOND_FACTOR_ADDED', actor: user.id, subject: user.id, meta, detail: 'TOTP', user: enabled });
  return { ok: true, recoveryCodes: codes };
}

export async function totpDisable(deps: AccountDeps, caller: Authenticated, input: { currentPassword: string; code: string }, meta: RequestMeta): Promise<Result<object>> {
  const { user } = caller;
  const refused = await requirePassword(deps, caller, input.currentPassword, meta);
  if (refused) return refused;
  const checked = await checkCode(deps, user, input.code, meta, () => spendCode(deps, user, input.code, meta));
  if (!checked.ok) return checked;
  const disabled = await deps.store.users.updateUser(user.id, { totpSecret: null, totpPendingSecret: null, recoveryCodeHashes: [] });
  if (!disabled) throw new Error('the user disappeared during totpDisable');
  await emit(deps, { type: 'SECOND_FACTOR_REMOVED', actor: user.id, subject: user.id, meta, detail: 'TOTP', user: disabled });
  return { ok: true };
}

export async function regenerateRecoveryCodes(
  deps: AccountDeps,
  caller: Authenticated,
  input: { currentPassword: string },
  meta: RequestMeta,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const { user } = caller;
  if (!hasSecondFactor(user)) return denied('FORBIDDEN', 'Two-factor authentication is off: there are no recovery codes to replace.');
  const refused = await requirePassword(deps, caller, input.currentPassword, meta);
  if (refused) return refused;
  const { codes, hashes } = newRecoveryCodes();
  const saved = await deps.store.users.updateUser(user.id, { recoveryCodeHashes: hashes });
  if (!saved) throw new Error('the user disappeared during regenerateRecoveryCodes');
  await emit(deps, { type: 'SECOND_FACTOR_ADDED', actor: user.id, subject: user.id, meta, detail: 'RECOVERY_CODES', user: saved });
  return { ok: true, recoveryCodes: codes };
}

export interface VerifiedMfa {
  user: PublicUser;
  /** A session token, for a login that began with `login`. */
  token: string | null;
  /** A JWT pair, for a login that began with `jwtCreate`. */
  access: string | null;
  refresh: string | null;
}

/** The second step of a login: the mfaToken from the first and a code; the answer the first step would have given. */
export async function verifyMfa(deps: AccountDeps, input: { mfaToken: string; code: string }, meta: RequestMeta): Promise<Result<VerifiedMfa>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  const invalid = () => authFailure(deps.messages, 'INVALID_MFA_TOKEN');
  if (!input.mfaToken || input.mfaToken.length > 200) return invalid();
  const pending = await deps.store.challenges.findChallenge(tokenDigest(input.mfaToken), 'mfa', deps.now());
  if (!pending?.userId) return invalid();
  const user = await deps.store.users.findUserById(pending.userId);
  // A password change since the first step ends it, as does an account deactivated or a factor turned off.
  if (!user || !user.isActive || !hasSecondFactor(user) || user.credentialsVersion !== pending.credentialsVersion) return invalid();

  // One of the mfaToken's 5 tries is taken before the code is compared, so simultaneous guesses cannot exceed them.
  const tokenTry = await reserveMfaTokenTry(deps, pending.id, MAX_MFA_FAILURES, pending.expiresAt);
  if (!tokenTry) return invalid();
  const checked = await checkCode(deps, user, input.code, meta, () => spendCode(deps, user, input.code, meta));
  if (!checked.ok) {
    if (checked.kind === 'limited') await tokenTry.giveBack(); // no code was compared
    return checked;
  }
  // Single use: of two requests racing with one mfaToken, one logs in.
  if (!(await deps.store.usedMarks.markUsed(`mfa:${pending.id}`, pending.expiresAt))) return invalid();
  await deps.store.challenges.deleteChallenge(pending.id);
  // The password and the code: everything the user has (the gates were passed at the first step).
  if (pending.purpose === 'jwt') {
    const { user: publicUser, access, refresh } = await finishSignIn(deps, user, meta, { purpose: 'jwt', strength: 'full' });
    return { ok: true, user: publicUser, token: null, access, refresh };
  }
  const { user: publicUser, token } = await finishSignIn(deps, user, meta, { purpose: 'session', strength: 'full' });
  return { ok: true, user: publicUser, token, access: null, refresh: null };
}
