// djoser's /users/ and /users/{id}/: listing, viewing, updating and deleting users, with
// its permissions: staff manage everyone, a user manages themselves, and `hideUsers`
// turns FORBIDDEN into NOT_FOUND for view, update and list (never for delete).
import type { UserChanges, UserRecord } from './records';
import { decodeCursor, readLimit } from './cursors';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { requestEmailChange } from './email-change';
import { updateOwnAccount } from './me';
import { hasSecondFactor } from './mfa-challenge';
import { checkCurrentPasswordOnFreshSession } from './freshness';
import { checkCurrentPassword } from './passwords';
import type { Failure, RequestMeta, Result } from './results';
import { deleteAccount, revokeEverything, type Authenticated } from './sessions';
import { denied, toPublicUser, validationFailure, type PublicUser } from './users';
import { inputErrors, normalizeEmail, profileChangeAsTyped, userFieldValues } from './validation';

export interface UserPage {
  users: PublicUser[];
}

/** With `twoFactor.requiredForStaff`, staff manage users only once they have a second factor (they may still sign in and use `me`). */
function staffWithoutSecondFactor(deps: AccountDeps, caller: Authenticated): Failure | null {
  const staff = caller.user.isStaff || caller.user.isSuperuser;
  if (!deps.config.twoFactor.requiredForStaff || !staff || hasSecondFactor(caller.user)) return null;
  return denied('FORBIDDEN', 'Staff must turn on two-factor authentication (totpSetup, then totpEnable) before managing users.');
}

/** Whom the caller may see besides themselves. */
function seesOthers(deps: AccountDeps, caller: Authenticated): boolean {
  return caller.user.isStaff || !deps.config.hideUsers;
}

export async function listUsers(
  deps: AccountDeps,
  caller: Authenticated,
  input: { limit?: number | null; after?: string | null; search?: string | null },
): Promise<Result<UserPage>> {
  const refused = staffWithoutSecondFactor(deps, caller);
  if (refused) return refused;
  const cursor = input.after ? decodeCursor(input.after) : null;
  const after = cursor ? { dateJoined: cursor.time, id: cursor.id } : null;
  if (input.after && !after) {
    return validationFailure(deps.messages, [{ field: 'after', code: 'INVALID_VALUE', message: deps.messages('INVALID_VALUE') }]);
  }
  const search = input.search?.trim() ? normalizeEmail(input.search) : null;
  const records = await deps.store.users.listUsers({
    after,
    limit: readLimit(input.limit),
    search,
    onlyId: seesOthers(deps, caller) ? undefined : caller.user.id,
  });
  return { ok: true, users: records.map(toPublicUser) };
}

/** The target user if the caller may see it (self, staff, or anyone without hideUsers). */
async function visibleUser(deps: AccountDeps, caller: Authenticated, id: string): Promise<Result<{ user: UserRecord }>> {
  const user = id === caller.user.id ? caller.user : await deps.store.users.findUserById(id);
  if (!user) return denied('NOT_FOUND');
  if (user.id === caller.user.id || caller.user.isStaff) return { ok: true, user };
  return denied(deps.config.hideUsers ? 'NOT_FOUND' : 'FORBIDDEN');
}

export async function viewUser(deps: AccountDeps, caller: Authenticated, id: string): Promise<Result<{ user: PublicUser }>> {
  const refused = id === caller.user.id ? null : staffWithoutSecondFactor(deps, caller);
  if (refused) return refused;
  const found = await visibleUser(deps, caller, id);
  return found.ok ? { ok: true, user: toPublicUser(found.user) } : found;
}

export interface UpdateUserInput {
  id: string;
  email?: string | null;
  /** The caller's own password: needed to change one's own email (as in updateMe). */
  currentPassword?: string | null;
  isActive?: boolean | null;
  isStaff?: boolean | null;
  isSuperuser?: boolean | null;
  fields: Record<string, unknown>;
}

export async function updateUser(deps: AccountDeps, caller: Authenticated, input: UpdateUserInput, meta: RequestMeta): Promise<Result<{ user: PublicUser }>> {
  const refused = staffWithoutSecondFactor(deps, caller);
  if (refused) return refused;
  const found = await visibleUser(deps, caller, input.id);
  if (!found.ok) return found;
  const target = found.user;
  const wantsFlags = [input.isActive, input.isStaff, input.isSuperuser].some((v) => v !== undefined && v !== null);
  const wantsPrivilege = [input.isStaff, input.isSuperuser].some((v) => v !== undefined && v !== null);
  // Flags are staff business; granting staff or superuser is the superuser's alone.
  if (wantsFlags && !caller.user.isStaff) return denied('FORBIDDEN');
  if (wantsPrivilege && !caller.user.isSuperuser) return denied('FORBIDDEN');
  if (outranks(caller, target)) return denied('FORBIDDEN');

  const flags = flagChanges(deps, input, target);
  // One's own account follows updateMe's rules exactly (an email change needs currentPassword and, by default, confirmation).
  const updated =
    target.id === caller.user.id
      ? await updateOwnAccount(deps, caller, { email: input.email, currentPassword: input.currentPassword, fields: input.fields }, meta, flags)
      : await updateOtherUser(deps, caller, target, input, flags, meta);
  if (!updated.ok) return updated;
  if (input.isActive === false || input.isStaff === false || input.isSuperuser === false) await revokeEverything(deps, target.id);
  await emit(deps, { type: 'USER_UPDATED', actor: caller.user.id, subject: target.id, meta, fields: changedFieldNames(input) });
  return updated;
}

/** The flags an update sets (the caller is already allowed to set them). */
function flagChanges(deps: AccountDeps, input: UpdateUserInput, target: UserRecord): UserChanges {
  const changes: UserChanges = {};
  if (input.isStaff !== undefined && input.isStaff !== null) changes.isStaff = input.isStaff;
  if (input.isSuperuser !== undefined && input.isSuperuser !== null) changes.isSuperuser = input.isSuperuser;
  // Also for a sign-up still waiting for activation: staff turning it off kills its emailed link.
  if (input.isActive !== undefined && input.isActive !== null) {
    changes.isActive = input.isActive;
    // Deactivation by staff is part of every one-time token's fingerprint: old links die.
    if (input.isActive === false) changes.deactivatedAt = deps.now();
    if (input.isActive && !target.activatedAt) changes.activatedAt = deps.now();
  }
  return changes;
}

/** Staff editing someone else: the change takes effect at once (an address too; the old address is told). */
async function updateOtherUser(
  deps: AccountDeps,
  caller: Authenticated,
  target: UserRecord,
  input: UpdateUserInput,
  flags: UserChanges,
  meta: RequestMeta,
): Promise<Result<{ user: PublicUser }>> {
  const fieldErrors = inputErrors(deps.inputShapes.profileChange, profileChangeAsTyped(input));
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const changes: UserChanges = { ...flags, profile: userFieldValues(input.fields, deps.config.userFields, true) };
  let updated: UserRecord | null | 'duplicate';
  if (deps.config.loginField === 'username' && input.email !== undefined) {
    const outcome = await requestEmailChange(deps, target, input.email ?? null, meta, { immediate: true, extra: changes, actor: caller.user.id });
    updated = outcome === 'duplicate' ? outcome : outcome.user;
  } else {
    updated = await deps.store.users.updateUser(target.id, changes);
  }
  if (!updated || updated === 'duplicate') return denied('NOT_FOUND');
  await emit(deps, { type: 'ACCOUNT_UPDATED', meta, user: updated });
  return { ok: true, user: toPublicUser(updated) };
}

/** The names of the fields an update sent (for the audit log: names only, never values). */
function changedFieldNames(input: UpdateUserInput): string[] {
  // A null email clears it (a change); a null flag was not sent.
  const flags = (['isActive', 'isStaff', 'isSuperuser'] as const).filter((name) => input[name] !== undefined && input[name] !== null);
  return [...(input.email !== undefined ? ['email'] : []), ...flags, ...Object.keys(input.fields)];
}

/**
 * Staff may only manage accounts below them: an account that is staff or superuser is the
 * superusers' alone (otherwise staff could take one over through its email, or remove it).
 */
function outranks(caller: Authenticated, target: UserRecord): boolean {
  return target.id !== caller.user.id && (target.isStaff || target.isSuperuser) && !caller.user.isSuperuser;
}

/** Staff or self, with the caller's own password; someone else without staff is FORBIDDEN, like djoser. */
export async function deleteUser(deps: AccountDeps, caller: Authenticated, input: { id: string; currentPassword: string }, meta: RequestMeta): Promise<Result<object>> {
  if (input.id !== caller.user.id && !caller.user.isStaff) return denied('FORBIDDEN');
  const refused = staffWithoutSecondFactor(deps, caller);
  if (refused) return refused;
  const target = input.id === caller.user.id ? caller.user : await deps.store.users.findUserById(input.id);
  if (!target) return denied('NOT_FOUND');
  if (outranks(caller, target)) return denied('FORBIDDEN');
  // Deleting oneself is deleteMe: the same re-authentication rule.
  const current =
    target.id === caller.user.id
      ? await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword, meta)
      : await checkCurrentPassword(deps, caller.user, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  if (current.length) return validationFailure(deps.messages, current);
  await deleteAccount(deps, target, meta, { actor: caller.user.id, detail: target.id === caller.user.id ? 'SELF' : null });
  return { ok: true };
}
