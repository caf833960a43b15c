// Changing the value of the login field (the email or the username, `loginField`), knowing
// the password or by an emailed link: set<L>, reset<L>, reset<L>Confirm. djoser's options and
// hooks for these say "username" whichever field it is (setUsernameRetype, usernameReset…);
// the README's "The login field" table maps them.
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { requestEmailChange } from './email-change';
import { checkLink, requestResetLink, sendNoticeEmail } from './links';
import { checkCurrentPasswordOnFreshSession } from './freshness';
import { checkRequestLimits, clearLoginLocks } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { toPublicUser, validationFailure } from './users';
import { inputErrors, loginInputNames, normalizeLogin, type InputShapes } from './validation';

export interface SetLoginFieldInput {
  newValue: string;
  reNewValue?: string | null;
  currentPassword: string;
}

export interface ResetLoginFieldConfirmInput {
  uid: string;
  token: string;
  newValue: string;
  reNewValue?: string | null;
}

/** The new value's shape (and retype), named as in the API; nothing that reads stored data. */
function newValueShapeErrors(deps: AccountDeps, shape: InputShapes['setLogin' | 'resetLoginConfirm'], input: { newValue: string; reNewValue?: string | null }): FieldError[] {
  const names = loginInputNames(deps.config);
  return inputErrors(shape, { [names.field]: input.newValue, [names.retype]: input.reNewValue });
}

/** ALREADY_EXISTS when someone else holds the value (asked only of a caller who proved the account). */
async function checkNewValueFree(deps: AccountDeps, user: UserRecord, value: string): Promise<FieldError[]> {
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
async function changeLoginField(deps: AccountDeps, user: UserRecord, value: string, extra: Partial<UserRecord>, meta: RequestMeta): Promise<Result<{ user: UserRecord }>> {
  const trimmed = value.trim();
  if (deps.config.loginField === 'email') {
    const outcome = await requestEmailChange(deps, user, trimmed, meta, { extra });
    if (outcome === 'duplicate') return validationFailure(deps.messages, [alreadyExists(deps)]);
    if (outcome.applied) await loginFieldChanged(deps, user, outcome.user, meta);
    return { ok: true, user: outcome.user };
  }
  // The unique index decides a race for the same new value.
  const updated = await deps.store.users.changeLogin(user.id, { loginKey: normalizeLogin(trimmed), username: trimmed, ...extra });
  if (updated === 'duplicate') return validationFailure(deps.messages, [alreadyExists(deps)]);
  if (!updated) throw new Error('the user disappeared during a login field change');
  await emit(deps, { type: 'LOGIN_FIELD_CHANGED', actor: user.id, subject: user.id, meta, fields: ['username'] });
  await loginFieldChanged(deps, user, updated, meta);
  return { ok: true, user: updated };
}

async function loginFieldChanged(deps: AccountDeps, before: UserRecord, after: UserRecord, meta: RequestMeta): Promise<void> {
  if (deps.config.usernameChangedEmailConfirmation) {
    await sendNoticeEmail(deps, after, 'username-changed', meta, { to: before.email });
    if (deps.config.loginField === 'email' && after.emailKey !== before.emailKey) await sendNoticeEmail(deps, after, 'username-changed', meta);
  }
  await emit(deps, { type: 'LOGIN_CHANGED', meta, user: after });
}

export async function setLoginField(deps: AccountDeps, caller: Authenticated, input: SetLoginFieldInput, meta: RequestMeta): Promise<Result<{ user: ReturnType<typeof toPublicUser> }>> {
  const current = await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  const shape = newValueShapeErrors(deps, deps.inputShapes.setLogin, input);
  const taken = shape.some((e) => e.field === loginInputNames(deps.config).field) ? [] : await checkNewValueFree(deps, caller.user, input.newValue);
  const fieldErrors = [...shape, ...taken, ...current];
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const changed = await changeLoginField(deps, caller.user, input.newValue, {}, meta);
  return changed.ok ? { ok: true, user: toPublicUser(changed.user) } : changed;
}

export function resetLoginField(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  return requestResetLink(deps, input.email, meta, 'username-reset', 'usernameReset', deps.config.usernameResetConfirmUrl);
}

export async function resetLoginFieldConfirm(deps: AccountDeps, input: ResetLoginFieldConfirmInput, meta: RequestMeta): Promise<Result<object>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  // The input's shape first; whether a value is taken only once the link verified.
  const shape = newValueShapeErrors(deps, deps.inputShapes.resetLoginConfirm, input);
  if (shape.length) return validationFailure(deps.messages, shape);
  const checked = await checkLink(deps, input.uid, input.token, 'usernameReset');
  if (!checked.ok) return checked;
  const taken = await checkNewValueFree(deps, checked.user, input.newValue);
  if (taken.length) return validationFailure(deps.messages, taken);
  // Like djoser, a reset stamps lastLogin, which ends the link (also when the new email is only pending).
  // The link proves the address it went to; a new login email applied at once is unproven again.
  const changed = await changeLoginField(deps, checked.user, input.newValue, { lastLogin: deps.now(), emailVerified: true }, meta);
  if (!changed.ok) return changed;
  // The emailed link proves the owner: the account's lockouts end, under its old login and its new one.
  for (const loginKey of new Set([checked.user.loginKey, changed.user.loginKey])) await clearLoginLocks(deps, loginKey);
  return { ok: true };
}
