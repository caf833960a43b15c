// djoser's /users/ and /users/{id}/: listing, viewing, updating and deleting users, with
// its permissions: staff manage everyone, a user manages themselves, and `hideUsers`
// turns FORBIDDEN into NOT_FOUND for view, update and list (never for delete).
import type { UserChanges, UserRecord } from '../store/records';
import { fireHook, type AccountDeps } from './deps';
import { requestEmailChange } from './email-change';
import { checkCurrentPassword } from './passwords';
import type { FieldError, RequestMeta, Result } from './results';
import { revokeEverything, type Authenticated } from './sessions';
import { denied, toPublicUser, validationFailure, type PublicUser } from './users';
import { checkEmail, checkUserFields, normalizeEmail } from './validation';

export interface UserPage {
  users: PublicUser[];
  cursors: string[];
  hasNextPage: boolean;
}

const MAX_PAGE = 100;

export function encodeCursor(user: Pick<UserRecord, 'dateJoined' | 'id'>): string {
  return Buffer.from(`${user.dateJoined.getTime()}:${user.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { dateJoined: Date; id: string } | null {
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { dateJoined: new Date(Number(match[1])), id: match[2] } : null;
}

/** Whom the caller may see besides themselves. */
function seesOthers(deps: AccountDeps, caller: Authenticated): boolean {
  return caller.user.isStaff || !deps.config.hideUsers;
}

export async function listUsers(
  deps: AccountDeps,
  caller: Authenticated,
  input: { first?: number | null; after?: string | null; search?: string | null },
): Promise<Result<UserPage>> {
  const first = Math.min(Math.max(input.first ?? 20, 0), MAX_PAGE);
  const after = input.after ? decodeCursor(input.after) : null;
  if (input.after && !after) {
    return validationFailure(deps.messages, [{ field: 'after', code: 'INVALID_VALUE', message: deps.messages('INVALID_VALUE') }]);
  }
  const search = input.search?.trim() ? normalizeEmail(input.search) : null;
  const records = await deps.store.users.listUsers({
    after,
    limit: first + 1,
    search,
    onlyId: seesOthers(deps, caller) ? undefined : caller.user.id,
  });
  const page = records.slice(0, first);
  return { ok: true, users: page.map(toPublicUser), cursors: page.map(encodeCursor), hasNextPage: records.length > first };
}

/** The target user if the caller may see it (self, staff, or anyone without hideUsers). */
async function visibleUser(deps: AccountDeps, caller: Authenticated, id: string): Promise<Result<{ user: UserRecord }>> {
  const user = id === caller.user.id ? caller.user : await deps.store.users.findUserById(id);
  if (!user) return denied('NOT_FOUND');
  if (user.id === caller.user.id || caller.user.isStaff) return { ok: true, user };
  return denied(deps.config.hideUsers ? 'NOT_FOUND' : 'FORBIDDEN');
}

export async function viewUser(deps: AccountDeps, caller: Authenticated, id: string): Promise<Result<{ user: PublicUser }>> {
  const found = await visibleUser(deps, caller, id);
  return found.ok ? { ok: true, user: toPublicUser(found.user) } : found;
}

export interface UpdateUserInput {
  id: string;
  email?: string | null;
  isActive?: boolean | null;
  isStaff?: boolean | null;
  isSuperuser?: boolean | null;
  fields: Record<string, unknown>;
}

export async function updateUser(deps: AccountDeps, caller: Authenticated, input: UpdateUserInput, meta: RequestMeta): Promise<Result<{ user: PublicUser }>> {
  const found = await visibleUser(deps, caller, input.id);
  if (!found.ok) return found;
  const target = found.user;
  const wantsFlags = [input.isActive, input.isStaff, input.isSuperuser].some((v) => v !== undefined && v !== null);
  const wantsPrivilege = [input.isStaff, input.isSuperuser].some((v) => v !== undefined && v !== null);
  // Flags are staff business; granting staff or superuser is the superuser's alone.
  if (wantsFlags && !caller.user.isStaff) return denied('FORBIDDEN');
  if (wantsPrivilege && !caller.user.isSuperuser) return denied('FORBIDDEN');
  if (outranks(caller, target)) return denied('FORBIDDEN');

  const fields = checkUserFields(input.fields, deps.config.userFields, deps.messages, true);
  const fieldErrors: FieldError[] = [...fields.errors];
  const changes: UserChanges = { profile: fields.values };
  const changesEmail = deps.config.loginField === 'username' && input.email !== undefined;
  if (changesEmail) fieldErrors.push(...checkEmail('email', input.email, deps.messages, false));
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);

  if (input.isStaff !== undefined && input.isStaff !== null) changes.isStaff = input.isStaff;
  if (input.isSuperuser !== undefined && input.isSuperuser !== null) changes.isSuperuser = input.isSuperuser;
  // Also for a sign-up still waiting for activation: staff turning it off kills its emailed link.
  const deactivating = input.isActive === false;
  if (input.isActive !== undefined && input.isActive !== null) {
    changes.isActive = input.isActive;
    // Deactivation by staff is part of every one-time token's fingerprint: old links die.
    if (deactivating) changes.deactivatedAt = deps.now();
    if (input.isActive && !target.activatedAt) changes.activatedAt = deps.now();
  }
  let updated: UserRecord | null | 'duplicate';
  if (changesEmail) {
    // Staff changes take effect at once; the old address is told.
    const outcome = await requestEmailChange(deps, target, input.email ?? null, meta, { immediate: true, extra: changes });
    updated = outcome === 'duplicate' ? outcome : outcome.user;
  } else {
    updated = await deps.store.users.updateUser(target.id, changes);
  }
  if (!updated || updated === 'duplicate') return denied('NOT_FOUND');
  if (deactivating || input.isStaff === false || input.isSuperuser === false) await revokeEverything(deps, target.id);
  const user = toPublicUser(updated);
  await fireHook(deps, 'onUpdated', user, meta);
  return { ok: true, user };
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
  const target = input.id === caller.user.id ? caller.user : await deps.store.users.findUserById(input.id);
  if (!target) return denied('NOT_FOUND');
  if (outranks(caller, target)) return denied('FORBIDDEN');
  const current = await checkCurrentPassword(deps, caller.user, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  if (current.length) return validationFailure(deps.messages, current);
  await revokeEverything(deps, target.id);
  await deps.store.oauth.deleteUserLinks(target.id);
  await deps.store.users.deleteUser(target.id);
  await fireHook(deps, 'onDeleted', toPublicUser(target), meta);
  return { ok: true };
}
