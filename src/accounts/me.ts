// The caller's own account: update it, delete it.
import { fireHook, type AccountDeps } from './deps';
import { revokeEverything, type Authenticated } from './sessions';
import type { FieldError, RequestMeta, Result } from './results';
import { checkCurrentPassword } from './passwords';
import { sendLinkEmail } from './registration';
import { toPublicUser, validationFailure, type PublicUser } from './users';
import type { UserChanges } from '../store';
import { checkEmail, checkUserFields, normalizeEmail } from './validation';

export interface UpdateMeInput {
  /** With loginField 'username' only. */
  email?: string | null;
  fields: Record<string, unknown>;
}

export async function updateMe(deps: AccountDeps, caller: Authenticated, input: UpdateMeInput, meta: RequestMeta): Promise<Result<{ user: PublicUser }>> {
  const { config, messages } = deps;
  const fields = checkUserFields(input.fields, config.userFields, messages, true);
  const fieldErrors: FieldError[] = [...fields.errors];
  const changes: UserChanges = { profile: fields.values };
  let emailChanged = false;
  if (config.loginField === 'username' && input.email !== undefined) {
    fieldErrors.push(...checkEmail('email', input.email, messages, false));
    const email = input.email?.trim() || null;
    emailChanged = (email ? normalizeEmail(email) : null) !== caller.user.emailKey;
    changes.email = email;
    changes.emailKey = email ? normalizeEmail(email) : null;
  }
  if (fieldErrors.length) return validationFailure(messages, fieldErrors);

  // djoser: a new email must be activated again when activation is on.
  const reactivate = emailChanged && config.sendActivationEmail && !!changes.email;
  if (reactivate) Object.assign(changes, { isActive: false, activatedAt: null });
  const updated = await deps.store.users.updateUser(caller.user.id, changes);
  if (!updated || updated === 'duplicate') throw new Error('the user disappeared during updateMe');
  if (reactivate) {
    await revokeEverything(deps, updated.id);
    await sendLinkEmail(deps, updated, 'activation', 'activation', config.activationUrl);
  }
  const user = toPublicUser(updated);
  await fireHook(deps, 'onUpdated', user, meta);
  return { ok: true, user };
}

export async function deleteMe(deps: AccountDeps, caller: Authenticated, input: { currentPassword: string }, meta: RequestMeta): Promise<Result<object>> {
  const fieldErrors = await checkCurrentPassword(deps, caller.user, input.currentPassword);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  await revokeEverything(deps, caller.user.id);
  await deps.store.users.deleteUser(caller.user.id);
  await fireHook(deps, 'onDeleted', toPublicUser(caller.user), meta);
  return { ok: true };
}
