// Changing the login field (email or username), knowing the password or by an emailed link.
import type { UserRecord } from '../store/records';
import { recordSecurityEvent } from './audit';
import { fireHook, type AccountDeps } from './deps';
import { requestEmailChange } from './email-change';
import { checkLink, requestResetLink, sendNoticeEmail } from './links';
import { checkCurrentPassword } from './passwords';
import { checkRequestLimits } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { toPublicUser, validationFailure } from './users';
import { inputErrors, loginInputNames, normalizeLogin, type InputShapes } from './validation';

export interface SetLoginInput {
  newLogin: string;
  reNewLogin?: string | null;
  currentPassword: string;
}

export interface ResetLoginConfirmInput {
  uid: string;
  token: string;
  newLogin: string;
  reNewLogin?: string | null;
}

/** The new value's shape (and retype), named as in the API; nothing that reads stored data. */
function newLoginShapeErrors(deps: AccountDeps, shape: InputShapes['setLogin' | 'resetLoginConfirm'], input: { newLogin: string; reNewLogin?: string | null }): FieldError[] {
  const names = loginInputNames(deps.config);
  return inputErrors(shape, { [names.field]: input.newLogin, [names.retype]: input.reNewLogin });
}

/** ALREADY_EXISTS when someone else holds the value (asked only of a caller who proved the account). */
async function checkNewLoginFree(deps: AccountDeps, user: UserRecord, value: string): Promise<FieldError[]> {
  const owner = await deps.store.users.findUserByLogin(normalizeLogin(value));
  return owner && owner.id !== user.id ? [alreadyExists(deps)] : [];
}

function alreadyExists(deps: AccountDeps): FieldError {
  const names = loginInputNames(deps.config);
  return { field: names.field, code: 'ALREADY_EXISTS', message: deps.messages('ALREADY_EXISTS', { field: names.label }) };
}

/**
 * Stores the new login value; tells the old address (and the new one when it is an email).
 * A new login email is only pending with `emailChangeConfirmation`, until its link comes back.
 */
async function changeLogin(deps: AccountDeps, user: UserRecord, value: string, extra: Partial<UserRecord>, meta: RequestMeta): Promise<Result<{ user: UserRecord }>> {
  const trimmed = value.trim();
  if (deps.config.loginField === 'email') {
    const outcome = await requestEmailChange(deps, user, trimmed, meta, { extra });
    if (outcome === 'duplicate') return validationFailure(deps.messages, [alreadyExists(deps)]);
    if (outcome.applied) await loginChanged(deps, user, outcome.user, meta);
    return { ok: true, user: outcome.user };
  }
  // The unique index decides a race for the same new value.
  const updated = await deps.store.users.updateUser(user.id, { loginKey: normalizeLogin(trimmed), username: trimmed, ...extra });
  if (updated === 'duplicate') return validationFailure(deps.messages, [alreadyExists(deps)]);
  if (!updated) throw new Error('the user disappeared during a login field change');
  await recordSecurityEvent(deps, { type: 'LOGIN_FIELD_CHANGED', actor: user.id, subject: user.id, meta, fields: ['username'] });
  await loginChanged(deps, user, updated, meta);
  return { ok: true, user: updated };
}

async function loginChanged(deps: AccountDeps, before: UserRecord, after: UserRecord, meta: RequestMeta): Promise<void> {
  if (deps.config.usernameChangedEmailConfirmation) {
    await sendNoticeEmail(deps, after, 'username-changed', meta, { to: before.email });
    if (deps.config.loginField === 'email' && after.emailKey !== before.emailKey) await sendNoticeEmail(deps, after, 'username-changed', meta);
  }
  await fireHook(deps, 'onUsernameChanged', toPublicUser(after), meta);
}

export async function setLogin(deps: AccountDeps, caller: Authenticated, input: SetLoginInput, meta: RequestMeta): Promise<Result<{ user: ReturnType<typeof toPublicUser> }>> {
  const current = await checkCurrentPassword(deps, caller.user, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  const shape = newLoginShapeErrors(deps, deps.inputShapes.setLogin, input);
  const taken = shape.some((e) => e.field === loginInputNames(deps.config).field) ? [] : await checkNewLoginFree(deps, caller.user, input.newLogin);
  const fieldErrors = [...shape, ...taken, ...current];
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const changed = await changeLogin(deps, caller.user, input.newLogin, {}, meta);
  return changed.ok ? { ok: true, user: toPublicUser(changed.user) } : changed;
}

export function resetLogin(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  return requestResetLink(deps, input.email, meta, 'username-reset', 'usernameReset', deps.config.usernameResetConfirmUrl);
}

export async function resetLoginConfirm(deps: AccountDeps, input: ResetLoginConfirmInput, meta: RequestMeta): Promise<Result<object>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  // The input's shape first; whether a value is taken only once the link verified.
  const shape = newLoginShapeErrors(deps, deps.inputShapes.resetLoginConfirm, input);
  if (shape.length) return validationFailure(deps.messages, shape);
  const checked = await checkLink(deps, input.uid, input.token, 'usernameReset');
  if (!checked.ok) return checked;
  const taken = await checkNewLoginFree(deps, checked.user, input.newLogin);
  if (taken.length) return validationFailure(deps.messages, taken);
  // Like djoser, a reset stamps lastLogin, which ends the link (also when the new email is only pending).
  const changed = await changeLogin(deps, checked.user, input.newLogin, { lastLogin: deps.now() }, meta);
  return changed.ok ? { ok: true } : changed;
}
