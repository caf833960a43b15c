// Changing a password (knowing the current one) and resetting it by email.
import { hashPassword, verifyPassword } from '../crypto/password';
import type { UserRecord } from '../store';
import { decodeUid } from '../crypto/one-time-token';
import { fireHook, type AccountDeps } from './deps';
import { answerNoSoonerThan, checkRequestLimits } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import { checkLink, sendLinkEmail, sendNoticeEmail, showEmailNotFound, usersWithEmail } from './registration';
import { revokeEverything, type Authenticated } from './sessions';
import { similarityAttributes, toPublicUser, validationFailure } from './users';
import { checkEmail, checkPassword, checkRetype } from './validation';

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

/** The new password against the policy (and the user's own attributes) and the retype. */
function checkNewPassword(deps: AccountDeps, user: UserRecord | null, newPassword: string, reNewPassword: string | null | undefined, retype: boolean): FieldError[] {
  const attributes = user ? similarityAttributes(deps.config, { email: user.email, username: user.username, fields: user.profile }) : [];
  const errors = checkPassword('newPassword', newPassword, attributes, deps.config.passwordValidators, deps.messages);
  if (retype) errors.push(...checkRetype('reNewPassword', reNewPassword, newPassword, 'PASSWORD_MISMATCH', deps.messages));
  return errors;
}

export async function checkCurrentPassword(deps: AccountDeps, user: UserRecord, currentPassword: string): Promise<FieldError[]> {
  if (!currentPassword) return [{ field: 'currentPassword', code: 'REQUIRED', message: deps.messages('REQUIRED') }];
  if (await verifyPassword(user.passwordHash, currentPassword)) return [];
  return [{ field: 'currentPassword', code: 'INVALID_PASSWORD', message: deps.messages('INVALID_PASSWORD') }];
}

/** Stores the new password; every session goes with `logoutOnPasswordChange`. */
async function changePassword(deps: AccountDeps, user: UserRecord, newPassword: string, extra: Partial<UserRecord>, meta: RequestMeta): Promise<UserRecord> {
  const passwordHash = await hashPassword(newPassword, deps.config.passwordHashing);
  const updated = await deps.store.users.updateUser(user.id, { passwordHash, ...extra });
  if (!updated || updated === 'duplicate') throw new Error('the user disappeared during a password change');
  if (deps.config.logoutOnPasswordChange) await revokeEverything(deps, user.id);
  if (deps.config.passwordChangedEmailConfirmation) await sendNoticeEmail(deps, updated, 'password-changed');
  await fireHook(deps, 'onPasswordChanged', toPublicUser(updated), meta);
  return updated;
}

export async function setPassword(deps: AccountDeps, caller: Authenticated, input: SetPasswordInput, meta: RequestMeta): Promise<Result<object>> {
  const fieldErrors = [
    ...checkNewPassword(deps, caller.user, input.newPassword, input.reNewPassword, deps.config.setPasswordRetype),
    ...(await checkCurrentPassword(deps, caller.user, input.currentPassword)),
  ];
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  await changePassword(deps, caller.user, input.newPassword, {}, meta);
  return { ok: true };
}

/**
 * Asks for a reset link by email. The answer is `ok` whether or not the email is known,
 * unless a *ShowEmailNotFound option asks otherwise; only active users get an email.
 */
export async function requestLinkByEmail(
  deps: AccountDeps,
  email: string,
  meta: RequestMeta,
  send: (user: UserRecord) => Promise<void>,
): Promise<Result<object>> {
  const limited = await checkRequestLimits(deps, 'emailRequests', meta);
  if (limited) return limited;
  const fieldErrors = checkEmail('email', email, deps.messages);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const started = performance.now();
  const recipients = (await usersWithEmail(deps, email)).filter((u) => u.isActive);
  if (!recipients.length && showEmailNotFound(deps)) {
    return validationFailure(deps.messages, [{ field: 'email', code: 'EMAIL_NOT_FOUND', message: deps.messages('EMAIL_NOT_FOUND') }]);
  }
  for (const user of recipients) await send(user);
  await answerNoSoonerThan(started);
  return { ok: true };
}

export function resetPassword(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  return requestLinkByEmail(deps, input.email, meta, (user) =>
    sendLinkEmail(deps, user, 'password-reset', 'passwordReset', deps.config.passwordResetConfirmUrl),
  );
}

/** The user a link's uid names, for input checks that need the user's attributes. */
export async function userOfUid(deps: AccountDeps, uid: string): Promise<UserRecord | null> {
  const id = decodeUid(uid ?? '');
  return id ? deps.store.users.findUserById(id) : null;
}

export async function resetPasswordConfirm(deps: AccountDeps, input: ResetPasswordConfirmInput, meta: RequestMeta): Promise<Result<object>> {
  // Input checks come before the uid/token checks.
  const fieldErrors = checkNewPassword(deps, await userOfUid(deps, input.uid), input.newPassword, input.reNewPassword, deps.config.passwordResetConfirmRetype);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const checked = await checkLink(deps, input.uid, input.token, 'passwordReset');
  if (!checked.ok) return checked;
  // Like djoser, the reset stamps lastLogin: with the new password it ends every link.
  await changePassword(deps, checked.user, input.newPassword, { lastLogin: deps.now() }, meta);
  return { ok: true };
}
