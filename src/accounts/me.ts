// The caller's own account: update it, delete it.
import type { UserChanges, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { requestEmailChange } from './email-change';
import { sendLinkEmail } from './links';
import { checkCurrentPasswordOnFreshSession } from './freshness';
import type { RequestMeta, Result } from './results';
import { deleteAccount, revokeEverything, type Authenticated } from './sessions';
import { toPublicUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeEmail, profileChangeAsTyped, userFieldValues } from './validation';

export interface UpdateMeInput {
  /** With loginField 'username' only; a change needs currentPassword. */
  email?: string | null;
  currentPassword?: string | null;
  fields: Record<string, unknown>;
}

export function updateMe(deps: AccountDeps, caller: Authenticated, input: UpdateMeInput, meta: RequestMeta): Promise<Result<{ user: PublicUser }>> {
  return updateOwnAccount(deps, caller, input, meta, {});
}

/**
 * updateMe's rules, which `updateUser` on one's own id follows too: no path changes one's own
 * address without `currentPassword` and (by default) confirmation. `flags` are what a staff
 * member may set on themselves, already permitted by the caller, stored with the change.
 */
export async function updateOwnAccount(
  deps: AccountDeps,
  caller: Authenticated,
  input: UpdateMeInput,
  meta: RequestMeta,
  flags: UserChanges,
): Promise<Result<{ user: PublicUser }>> {
  const { config, messages } = deps;
  const fieldErrors = inputErrors(deps.inputShapes.profileChange, profileChangeAsTyped(input));
  let newEmail: string | null | undefined;
  const profile: UserChanges = { ...flags, profile: userFieldValues(input.fields, config.userFields, true) };
  if (config.loginField === 'username' && input.email !== undefined) {
    const email = input.email?.trim() || null;
    if ((email ? normalizeEmail(email) : null) !== caller.user.emailKey || caller.user.pendingEmail) newEmail = email;
    // The same address in another spelling changes nothing that matters: stored as typed.
    else profile.email = email;
  }
  // A stolen session must not be able to move the account's email (and with it every reset) elsewhere.
  if (newEmail !== undefined && !fieldErrors.length) {
    const current = await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword ?? '', meta);
    if (!Array.isArray(current)) return current;
    fieldErrors.push(...current);
  }
  if (fieldErrors.length) return validationFailure(messages, fieldErrors);

  let updated: UserRecord;
  if (newEmail === undefined) {
    const saved = await deps.store.users.updateUser(caller.user.id, profile);
    if (!saved) throw new Error('the user disappeared during updateMe');
    updated = saved;
  } else {
    // djoser, without confirmation: a new email must be activated again when activation is on.
    const reactivate = !config.emailChangeConfirmation && config.sendActivationEmail && !!newEmail;
    const extra: UserChanges = reactivate ? { ...profile, isActive: false, activatedAt: null } : profile;
    const outcome = await requestEmailChange(deps, caller.user, newEmail, meta, { extra });
    if (outcome === 'duplicate') throw new Error('an email change collided with a unique index');
    updated = outcome.user;
    if (reactivate && outcome.applied) {
      await revokeEverything(deps, updated.id);
      await sendLinkEmail(deps, updated, 'activation', 'activation', config.activationUrl, meta);
    }
  }
  await emit(deps, { type: 'ACCOUNT_UPDATED', meta, user: updated });
  return { ok: true, user: toPublicUser(updated) };
}

export async function deleteMe(deps: AccountDeps, caller: Authenticated, input: { currentPassword: string }, meta: RequestMeta): Promise<Result<object>> {
  const current = await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  if (current.length) return validationFailure(deps.messages, current);
  await deleteAccount(deps, caller.user, meta, { actor: caller.user.id, detail: 'SELF' });
  return { ok: true };
}
