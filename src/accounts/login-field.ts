// Changing the login field (email or username), knowing the password or by an emailed link.
import type { UserChanges, UserRecord } from '../store';
import { fireHook, type AccountDeps } from './deps';
import type { FieldError, RequestMeta, Result } from './results';
import { checkLink, sendLinkEmail, sendNoticeEmail } from './registration';
import { checkCurrentPassword, requestLinkByEmail, userOfUid } from './passwords';
import type { Authenticated } from './sessions';
import { toPublicUser, validationFailure } from './users';
import { checkLoginValue, checkRetype, normalizeEmail, normalizeLogin } from './validation';

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

/** `newEmail` / `newUsername` and their retype fields, as named in the API. */
export function loginInputNames(deps: Pick<AccountDeps, 'config'>) {
  const label = deps.config.loginField === 'email' ? 'Email' : 'Username';
  return { field: `new${label}`, retype: `reNew${label}`, label: deps.config.loginField };
}

async function checkNewLogin(deps: AccountDeps, user: UserRecord | null, value: string, retypeValue: string | null | undefined, retype: boolean): Promise<FieldError[]> {
  const names = loginInputNames(deps);
  const errors = checkLoginValue(deps.config, names.field, value, deps.messages);
  if (retype) errors.push(...checkRetype(names.retype, retypeValue, value, 'LOGIN_FIELD_MISMATCH', deps.messages, { field: names.label }));
  if (!errors.some((e) => e.field === names.field)) {
    const owner = await deps.store.users.findUserByLogin(normalizeLogin(value));
    if (owner && owner.id !== user?.id) errors.push(alreadyExists(deps));
  }
  return errors;
}

function alreadyExists(deps: AccountDeps): FieldError {
  const names = loginInputNames(deps);
  return { field: names.field, code: 'ALREADY_EXISTS', message: deps.messages('ALREADY_EXISTS', { field: names.label }) };
}

/** Stores the new login value; tells the old address (and the new one when it is an email). */
async function changeLogin(deps: AccountDeps, user: UserRecord, value: string, extra: Partial<UserRecord>, meta: RequestMeta): Promise<Result<{ user: UserRecord }>> {
  const trimmed = value.trim();
  const changes: UserChanges = { loginKey: normalizeLogin(trimmed), ...extra };
  if (deps.config.loginField === 'email') Object.assign(changes, { email: trimmed, emailKey: normalizeEmail(trimmed) });
  else changes.username = trimmed;
  // The unique index decides a race for the same new value.
  const updated = await deps.store.users.updateUser(user.id, changes);
  if (updated === 'duplicate') return validationFailure(deps.messages, [alreadyExists(deps)]);
  if (!updated) throw new Error('the user disappeared during a login field change');
  if (deps.config.usernameChangedEmailConfirmation) {
    await sendNoticeEmail(deps, updated, 'username-changed', user.email);
    if (deps.config.loginField === 'email' && updated.emailKey !== user.emailKey) await sendNoticeEmail(deps, updated, 'username-changed', updated.email);
  }
  await fireHook(deps, 'onUsernameChanged', toPublicUser(updated), meta);
  return { ok: true, user: updated };
}

export async function setLogin(deps: AccountDeps, caller: Authenticated, input: SetLoginInput, meta: RequestMeta): Promise<Result<{ user: ReturnType<typeof toPublicUser> }>> {
  const fieldErrors = [
    ...(await checkNewLogin(deps, caller.user, input.newLogin, input.reNewLogin, deps.config.setUsernameRetype)),
    ...(await checkCurrentPassword(deps, caller.user, input.currentPassword)),
  ];
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const changed = await changeLogin(deps, caller.user, input.newLogin, {}, meta);
  return changed.ok ? { ok: true, user: toPublicUser(changed.user) } : changed;
}

export function resetLogin(deps: AccountDeps, input: { email: string }, meta: RequestMeta): Promise<Result<object>> {
  return requestLinkByEmail(deps, input.email, meta, (user) =>
    sendLinkEmail(deps, user, 'username-reset', 'usernameReset', deps.config.usernameResetConfirmUrl),
  );
}

export async function resetLoginConfirm(deps: AccountDeps, input: ResetLoginConfirmInput, meta: RequestMeta): Promise<Result<object>> {
  const fieldErrors = await checkNewLogin(deps, await userOfUid(deps, input.uid), input.newLogin, input.reNewLogin, deps.config.usernameResetConfirmRetype);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const checked = await checkLink(deps, input.uid, input.token, 'usernameReset');
  if (!checked.ok) return checked;
  const changed = await changeLogin(deps, checked.user, input.newLogin, { lastLogin: deps.now() }, meta);
  return changed.ok ? { ok: true } : changed;
}
