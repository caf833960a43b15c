// Every emailed link and notice goes through here: queueing it, checking a link that comes
// back, and asking for one by email without telling whether the address is known.
import { checkOneTimeToken, decodeUid, type TokenPurpose } from '../crypto/one-time-token';
import type { TemplateName } from '../mail/templates';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import type { Notice } from './events';
import { answerNoSoonerThan, checkRequestLimits, clientNetwork } from './rate-limits';
import type { RequestMeta, Result } from './results';
import { authFailure, emailChangeFingerprint, loginValue, templateUser, userFingerprint, validationFailure } from './users';
import { inputErrors, normalizeEmail } from './validation';

const nowSeconds = (deps: AccountDeps) => Math.floor(deps.now().getTime() / 1000);

interface EmailOptions {
  /** Another address than the user's email (a notice to the old address, a link to a new one). */
  to?: string | null;
  /** More values for the template (e.g. `newEmail`). */
  extra?: Record<string, unknown>;
}

/** Queues an email carrying a one-time link for the user. */
export async function sendLinkEmail(
  deps: AccountDeps,
  user: UserRecord,
  template: TemplateName,
  purpose: Exclude<TokenPurpose, 'emailChange'>,
  path: string,
  meta: RequestMeta,
  options: EmailOptions = {},
): Promise<void> {
  await queueEmail(deps, user, template, meta, options, { purpose, userId: user.id, issuedAt: nowSeconds(deps), fingerprint: userFingerprint(purpose, user), path });
}

/** Queues the link that confirms `address` as the user's new email, sent to that address. */
export async function sendEmailChangeLink(deps: AccountDeps, user: UserRecord, address: string, meta: RequestMeta): Promise<void> {
  await queueEmail(deps, user, 'email-change', meta, { to: address, extra: { newEmail: address } }, {
    purpose: 'emailChange',
    userId: user.id,
    issuedAt: nowSeconds(deps),
    fingerprint: emailChangeFingerprint(user, address),
    path: deps.config.emailChangeConfirmUrl,
  });
}

/** Tells the owner that a way into the account was added, removed, used or paused (`security-notice`; the wordings are in events.ts). */
export async function sendSecurityNotice(deps: AccountDeps, user: UserRecord, notice: Notice, meta: RequestMeta, detail: string | null = null): Promise<void> {
  await queueEmail(deps, user, 'security-notice', meta, { extra: { event: notice.key, change: notice.change, detail } });
}

export async function sendNoticeEmail(deps: AccountDeps, user: UserRecord, template: TemplateName, meta: RequestMeta, options: EmailOptions = {}): Promise<void> {
  await queueEmail(deps, user, template, meta, options);
}

async function queueEmail(
  deps: AccountDeps,
  user: UserRecord,
  template: TemplateName,
  meta: RequestMeta,
  options: EmailOptions,
  link?: { purpose: TokenPurpose; userId: string; issuedAt: number; fingerprint: string; path: string },
): Promise<void> {
  const to = options.to === undefined ? user.email : options.to;
  if (!to) return;
  await deps.mailer.send({
    to,
    template,
    accountId: user.id,
    user: templateUser(user),
    login: loginValue(deps.config, user),
    extra: options.extra,
    // The per-recipient cap counts per requesting network, so a stranger cannot use up the owner's emails.
    requester: clientNetwork(meta),
    link,
  });
}

/** Finds the user a link was made for, and checks the link's token for the given purpose. */
export async function checkLink(
  deps: AccountDeps,
  uid: string,
  token: string,
  purpose: Exclude<TokenPurpose, 'emailChange'>,
): Promise<Result<{ user: UserRecord }>> {
  const user = await userOfUid(deps, uid);
  if (!user) return authFailure(deps.messages, 'INVALID_UID');
  return linkValid(deps, user, purpose, userFingerprint(purpose, user), token) ? { ok: true, user } : authFailure(deps.messages, 'INVALID_TOKEN');
}

export function linkValid(deps: AccountDeps, user: UserRecord, purpose: TokenPurpose, print: string, token: string): boolean {
  const lifetime = deps.config.tokenLifetimes[purpose];
  return checkOneTimeToken(deps.config.secret, purpose, user.id, print, token ?? '', lifetime, nowSeconds(deps)) === 'valid';
}

/** The user a link's uid names. */
export async function userOfUid(deps: AccountDeps, uid: string): Promise<UserRecord | null> {
  const id = decodeUid(uid ?? '');
  return id ? deps.store.users.findUserById(id) : null;
}

/** Users an email address belongs to (by login key, or by email when the login is the username). */
export async function usersWithEmail(deps: AccountDeps, email: string): Promise<UserRecord[]> {
  const key = normalizeEmail(email);
  if (deps.config.loginField === 'email') {
    const user = await deps.store.users.findUserByLogin(key);
    return user ? [user] : [];
  }
  return deps.store.users.findUsersByEmail(key);
}

function showEmailNotFound(deps: AccountDeps): boolean {
  return deps.config.passwordResetShowEmailNotFound || deps.config.usernameResetShowEmailNotFound;
}

/**
 * Asks for a link by email. The answer is `ok` whether or not the email is known (in the same
 * time), unless a *ShowEmailNotFound option asks otherwise; only the users `wanted` keeps get one.
 */
export async function requestLinkByEmail(
  deps: AccountDeps,
  email: string,
  meta: RequestMeta,
  wanted: (user: UserRecord) => boolean,
  send: (user: UserRecord) => Promise<void>,
): Promise<Result<object>> {
  const limited = await checkRequestLimits(deps, 'emailRequests', meta);
  if (limited) return limited;
  const fieldErrors = inputErrors(deps.inputShapes.emailRequest, { email });
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const started = performance.now();
  const recipients = (await usersWithEmail(deps, email)).filter(wanted);
  if (!recipients.length && showEmailNotFound(deps)) {
    return validationFailure(deps.messages, [{ field: 'email', code: 'EMAIL_NOT_FOUND', message: deps.messages('EMAIL_NOT_FOUND') }]);
  }
  for (const user of recipients) await send(user);
  await answerNoSoonerThan(started);
  return { ok: true };
}

/** A reset link (password or login field) by email: only active users get one. */
export function requestResetLink(
  deps: AccountDeps,
  email: string,
  meta: RequestMeta,
  template: TemplateName,
  purpose: 'passwordReset' | 'usernameReset',
  path: string,
): Promise<Result<object>> {
  return requestLinkByEmail(deps, email, meta, (user) => user.isActive, (user) => sendLinkEmail(deps, user, template, purpose, path, meta));
}
