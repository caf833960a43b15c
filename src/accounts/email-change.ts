// Changing a user's email address. With `emailChangeConfirmation` the new address is only
// pending until the link sent to it comes back, so a stolen session cannot point the account
// (and its password resets) at an address nobody confirmed; the old address is always told.
import type { LoginChanges, UserChanges, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { linkValid, sendEmailChangeLink, sendNoticeEmail, userOfUid } from './links';
import { checkRequestLimits } from './rate-limits';
import type { RequestMeta, Result } from './results';
import { authFailure, emailChangeFingerprint, toPublicUser, type PublicUser } from './users';
import { normalizeEmail, normalizeLogin } from './validation';

/**
 * The stored fields that make `address` the user's email (and login, when the email is the login
 * field); `proven` when the change came from a link sent to that address.
 */
function emailChanges(deps: AccountDeps, address: string | null, proven: boolean): LoginChanges {
  const email = address?.trim() || null;
  const changes: LoginChanges = { email, emailKey: email ? normalizeEmail(email) : null, pendingEmail: null, emailVerified: proven };
  if (deps.config.loginField === 'email' && email) changes.loginKey = normalizeLogin(email);
  return changes;
}

export type EmailChangeOutcome = { user: UserRecord; applied: boolean } | 'duplicate';

/**
 * Asks for `address` to become the user's email: pending (a link to the new address) unless
 * confirmation is off or `immediate` (staff, clearing the address); `extra` is stored with it.
 */
export async function requestEmailChange(
  deps: AccountDeps,
  user: UserRecord,
  address: string | null,
  meta: RequestMeta,
  /** `actor`: who asked, when not the user (staff). */
  options: { immediate?: boolean; extra?: UserChanges; actor?: string } = {},
): Promise<EmailChangeOutcome> {
  const email = address?.trim() || null;
  const oldAddress = user.email;
  // The current address again withdraws a pending change; nothing is sent.
  const unchanged = (email ? normalizeEmail(email) : null) === user.emailKey;
  const pending = !unchanged && deps.config.emailChangeConfirmation && !options.immediate && email !== null;
  // (Another spelling of the same address is stored as typed, like djoser.)
  const changes = unchanged ? { email, pendingEmail: null } : pending ? { pendingEmail: email } : emailChanges(deps, email, false);
  // The address fields are this function's: an immediate change stays unproven whatever `extra` says.
  const updated = await deps.store.users.changeLogin(user.id, { ...options.extra, ...changes });
  if (updated === 'duplicate') return 'duplicate';
  if (!updated) throw new Error('the user disappeared during an email change');
  if (unchanged) return { user: updated, applied: false };
  await emit(deps, { type: pending ? 'EMAIL_CHANGE_REQUESTED' : 'EMAIL_CHANGED', actor: options.actor ?? user.id, subject: user.id, meta });
  if (pending) await sendEmailChangeLink(deps, updated, email, meta);
  if (oldAddress) {
    await sendNoticeEmail(deps, updated, 'email-change-notice', meta, { to: oldAddress, extra: { newEmail: email ?? '', pending } });
  }
  return { user: updated, applied: !pending };
}

/** Applies a pending address from the link sent to it; a second use, or an address taken meanwhile, is stale. */
export async function confirmEmailChange(deps: AccountDeps, input: { uid: string; token: string }, meta: RequestMeta): Promise<Result<{ user: PublicUser }>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  const user = await userOfUid(deps, input.uid);
  if (!user) return authFailure(deps.messages, 'INVALID_UID');
  const pending = user.pendingEmail;
  if (!pending || !linkValid(deps, user, 'emailChange', emailChangeFingerprint(user, pending), input.token)) {
    const alreadyApplied = !!user.email && linkValid(deps, user, 'emailChange', emailChangeFingerprint(user, user.email), input.token);
    return authFailure(deps.messages, alreadyApplied ? 'STALE_TOKEN' : 'INVALID_TOKEN');
  }
  // Compare-and-set on the pending address; the unique login index decides an address taken meanwhile.
  const updated = await deps.store.users.changeLogin(user.id, emailChanges(deps, pending, true), { pendingEmail: pending });
  if (!updated || updated === 'duplicate') return authFailure(deps.messages, 'STALE_TOKEN');
  await emit(deps, { type: 'EMAIL_CHANGED', actor: user.id, subject: user.id, meta, detail: 'CONFIRMED' });
  if (deps.config.loginField === 'email' && deps.config.usernameChangedEmailConfirmation) {
    await sendNoticeEmail(deps, updated, 'username-changed', meta, { to: user.email });
    await sendNoticeEmail(deps, updated, 'username-changed', meta);
  }
  await emit(deps, { type: deps.config.loginField === 'email' ? 'LOGIN_CHANGED' : 'ACCOUNT_UPDATED', meta, user: updated });
  return { ok: true, user: toPublicUser(updated) };
}
