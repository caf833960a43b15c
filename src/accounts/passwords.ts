// Changing a password (knowing the current one) and resetting it by email.
import { hashPassword, verifyPassword } from '../crypto/password';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { withBreachCheck } from './breached-passwords';
import { checkCurrentPasswordOnFreshSession } from './freshness';
import { checkRequestLimits, clearLoginLocks, reserveAttempt } from './rate-limits';
import type { Failure, FieldError, RequestMeta, Result } from './results';
import { checkLink, requestResetLink, sendNoticeEmail } from './links';
import { revokeEverything, type Authenticated } from './sessions';
import { similarityAttributes, toPublicUser, validationFailure } from './users';
import { inputErrors, withSimilarity } from './validation';

export interface SetPasswordInput {
  newPassword: string;
  reNewPassword?: string | null;
  currentPassword: string;
}

export interface ResetPasswordConfirmInput {
  uid: string;
  token: string;
  newPassword: string;
  reNewPassword?: string | null;
}

/** To the shape errors of a new password, adds its similarity to the user's own attributes and whether it was breached. */
async function newPasswordErrors(deps: AccountDeps, user: UserRecord, shapeErrors: FieldError[], newPassword: string): Promise<FieldError[]> {
  const attributes = similarityAttributes(deps.config, { email: user.email, username: user.username, fields: user.profile });
  const errors = withSimilarity(shapeErrors, { password: 'newPassword', retype: 'reNewPassword' }, newPassword, attributes, deps.config.passwordValidators, deps.messages);
  return withBreachCheck(deps, errors, 'newPassword', newPassword);
}

/**
 * The caller's current password. A wrong one counts as a failed login (the same lockouts, per
 * account and client network and per account), so a stolen session cannot guess the password
 * without limit; the check is counted before it runs.
 */
export async function checkCurrentPassword(deps: AccountDeps, user: UserRecord, currentPassword: string, meta: RequestMeta): Promise<FieldError[] | Failure> {
  if (!currentPassword) return [{ field: 'currentPassword', code: 'REQUIRED', message: deps.messages('REQUIRED') }];
  const attempt = await reserveAttempt(deps, user.loginKey, meta);
  if ('ok' in attempt) return attempt;
  if (await verifyPassword(user.passwordHash, currentPassword, deps.dummyHash)) {
    await attempt.succeeded();
    return [];
  }
  await emit(deps, { type: 'PASSWORD_CHECK_FAILED', actor: user.id, subject: user.id, meta, outcome: 'FAILURE', detail: 'WRONG_PASSWORD' });
  await attempt.failed(user);
  return [{ field: 'currentPassword', code: 'INVALID_PASSWORD', message: deps.messages('INVALID_PASSWORD') }];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The `password-changed` email, listing the account's passkeys and linked providers: the ways in a password change leaves. */
async function sendPasswordChangedEmail(deps: AccountDeps, user: UserRecord, meta: RequestMeta): Promise<void> {
  const passkeys = (await deps.store.passkeys.listUserPasskeys(user.id)).map((p) => ({ name: p.name, createdAt: day(p.createdAt) }));
  const labels = new Map(deps.providers.list().map((p) => [p.name, p.label]));
  const providers = (await deps.store.oauth.listUserLinks(user.id)).map((l) => ({
    provider: labels.get(l.provider) ?? l.provider,
    email: l.email,
    linkedAt: day(l.linkedAt),
  }));
  await sendNoticeEmail(deps, user, 'password-changed', meta, { extra: { passkeys, providers, hasWaysIn: passkeys.length + providers.length > 0 } });
}

/**
 * Stores the new password and ends the sessions it should: every one after a reset, all but the
 * caller's after a change (the caller's too with `logoutOnPasswordChange`). JWT access tokens
 * issued before are refused from now on (the credentials version moves on).
 */
async function changePassword(
  deps: AccountDeps,
  user: UserRecord,
  newPassword: string,
  how: { reset: true } | { reset: false; caller: Authenticated },
  meta: RequestMeta,
): Promise<UserRecord> {
  const passwordHash = await hashPassword(newPassword, deps.config.passwordHashing);
  const changes: Partial<UserRecord> = { passwordHash, credentialsVersion: user.credentialsVersion + 1 };
  if (how.reset) {
    // Like djoser, a reset stamps lastLogin: with the new password it ends every link.
    changes.lastLogin = deps.now();
    // The link went to the user's address: it is proven.
    changes.emailVerified = true;
  }
  const updated = await deps.store.users.updateUser(user.id, changes);
  if (!updated) throw new Error('the user disappeared during a password change');
  const keep = how.reset || deps.config.logoutOnPasswordChange ? undefined : how.caller;
  await revokeEverything(deps, user.id, keep);
  if (how.reset) await clearLoginLocks(deps, user.loginKey);
  // After a reset the owner must see every other way in that survived it (a thief's passkey or provider): always told.
  if (how.reset || deps.config.passwordChangedEmailConfirmation) await sendPasswordChangedEmail(deps, updated, meta);
  await emit(deps, { type: how.reset ? 'PASSWORD_RESET' : 'PASSWORD_CHANGED', actor: user.id, subject: user.id, meta, user: updated });
  return updated;
}

export async function setPassword(deps: AccountDeps, caller: Authenticated, input: SetPasswordInput, meta: RequestMeta): Promise<Result<object>> {
  const current = await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  const fieldErrors = [...(await newPasswordErrors(deps, caller.user, inputErrors(deps.inputShapes.setPassword, input), input.newPassword)), ...current];
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  await changePassword(deps, caller.user, input.newPassword, { reset: false, caller }, meta);
  return { ok: true };
}

export async function resetPassword(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  const result = await requestResetLink(deps, input.email, meta, 'password-reset', 'passwordReset', deps.config.passwordResetConfirmUrl);
  // Counted whether or not the address is known: the count says nothing about any account.
  if (result.ok || result.kind !== 'limited') deps.metrics.count('passwordResets', 'requested');
  return result;
}

export async function resetPasswordConfirm(deps: AccountDeps, input: ResetPasswordConfirmInput, meta: RequestMeta): Promise<Result<object>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  // The input's shape first; nothing that reads an account's data before its link verified.
  const shapeErrors = inputErrors(deps.inputShapes.resetPasswordConfirm, input);
  if (shapeErrors.length) return validationFailure(deps.messages, shapeErrors);
  const checked = await checkLink(deps, input.uid, input.token, 'passwordReset');
  if (!checked.ok) return checked;
  const similarity = await newPasswordErrors(deps, checked.user, [], input.newPassword);
  if (similarity.length) return validationFailure(deps.messages, similarity);
  await changePassword(deps, checked.user, input.newPassword, { reset: true }, meta);
  return { ok: true };
}
