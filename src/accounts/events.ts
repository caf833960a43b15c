// One table of events: per event type, what follows from it — its line in the audit log (and
// the description the GraphQL AuditEventType enum prints), the named counter it bumps, the
// host hook it fires, the security notice its owner gets. Use cases say what happened with
// `emit(deps, { type, … })`; the subscribers below read the table. A new event is one entry here.
import type { HookName } from '../config';
import type { CounterCall } from '../ops/metrics';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { sendSecurityNotice } from './links';
import type { RequestMeta } from './results';
import { toPublicUser, type PublicUser } from './users';

/** A security notice: its key (the template's `event`) and its wording (the template's `change`). */
export interface Notice {
  key: string;
  change: string;
}

interface EventDeclaration {
  /** Written to the audit log (and counted in authql_security_events_total{type}); its GraphQL enum description. */
  audit?: string;
  /** The named counter it also bumps, with its label when the counter has one. */
  counter?: CounterCall;
  /** The host hook it fires with the user (`hooks` in the options). */
  hook?: HookName;
  /** The security-notice email its owner gets, by the event's detail (`*` for any). */
  notice?: Readonly<Record<string, Notice>>;
}

const EVENTS = {
  REGISTERED: { audit: 'An account was created.', counter: ['registrations'], hook: 'onRegistered' },
  ACTIVATED: { audit: 'An account was activated from its emailed link.', counter: ['activations'], hook: 'onActivated' },
  LOGIN_SUCCEEDED: { audit: 'A login (session or JWT) succeeded.', counter: ['logins', 'success'], hook: 'onLogin' },
  LOGIN_FAILED: { audit: 'A login failed: detail WRONG_PASSWORD, WRONG_LOGIN_CODE, INACTIVE, or UNKNOWN_ACCOUNT (then without a subject).', counter: ['logins', 'invalid'] },
  ACCOUNT_LOCKED: {
    audit: 'Repeated failures locked the account: for one client network (detail TOO_MANY_FAILURES), or for every network (ACCOUNT_CEILING).',
    counter: ['lockouts'],
  },
  LOGOUT: { audit: 'The caller logged out (detail ALL_SESSIONS for logoutAll).', hook: 'onLogout' },
  SESSION_REVOKED: { audit: 'The caller revoked one of their sessions or JWT families.', hook: 'onLogout' },
  PASSWORD_CHANGED: { audit: 'The password was changed with the current one.', counter: ['passwordChanges'], hook: 'onPasswordChanged' },
  PASSWORD_RESET: { audit: 'The password was reset from an emailed link.', counter: ['passwordResets', 'completed'], hook: 'onPasswordChanged' },
  PASSWORD_CHECK_FAILED: { audit: 'A wrong currentPassword was given (it counts as a failed login).', counter: ['passwordCheckFailures'] },
  EMAIL_CHANGE_REQUESTED: { audit: 'A new email address waits for confirmation.', counter: ['emailChanges', 'requested'] },
  EMAIL_CHANGED: { audit: 'The email address changed (confirmed from its link, or at once).', counter: ['emailChanges', 'completed'] },
  LOGIN_FIELD_CHANGED: { audit: 'The username changed.' },
  USER_UPDATED: { audit: 'An account was updated with updateUser; fields names what changed.' },
  USER_DELETED: { audit: 'An account was deleted (detail SELF when by its owner).', hook: 'onDeleted' },
  SECOND_FACTOR_ADDED: {
    audit: 'A second factor was added (detail TOTP or PASSKEY), or new recovery codes issued (RECOVERY_CODES).',
    notice: {
      TOTP: { key: 'totp-enabled', change: 'Two-factor authentication with an authenticator app was turned on' },
      RECOVERY_CODES: { key: 'recovery-codes-regenerated', change: 'New recovery codes were made; the old ones no longer work' },
      PASSKEY: { key: 'passkey-added', change: 'A passkey was added' },
    },
  },
  SECOND_FACTOR_REMOVED: {
    audit: 'A second factor was removed (detail TOTP or PASSKEY).',
    notice: { TOTP: { key: 'totp-disabled', change: 'Two-factor authentication was turned off' }, PASSKEY: { key: 'passkey-removed', change: 'A passkey was removed' } },
  },
  SECOND_FACTOR_FAILED: { audit: 'A wrong second-factor code was given.', counter: ['secondFactorFailures'] },
  ACCOUNT_LINKED: {
    audit: 'A social-login account was linked (detail: the provider).',
    notice: { '*': { key: 'provider-linked', change: 'A sign-in provider account was linked' } },
  },
  ACCOUNT_UNLINKED: {
    audit: 'A social-login account was unlinked (detail: the provider).',
    notice: { '*': { key: 'provider-unlinked', change: 'A sign-in provider account was unlinked' } },
  },
  JWT_FAMILY_REVOKED: { audit: 'A rotated refresh token was reused: its whole family was revoked.', counter: ['refreshTokenReuse'] },
  REAUTHENTICATED: { audit: 'The caller re-authenticated (detail PASSWORD or PASSKEY): their session is fresh again.' },

  // Not in the audit log (the GraphQL enum stays as it is): what the host or the owner is told.
  /** The profile (or, with loginField username, the email) changed: updateMe, staff's updateUser, a confirmed address. */
  ACCOUNT_UPDATED: { hook: 'onUpdated' },
  /** The login (username, or the email when it is the login) changed. */
  LOGIN_CHANGED: { hook: 'onUsernameChanged' },
  RECOVERY_CODE_USED: { notice: { '*': { key: 'recovery-code-used', change: 'A recovery code was used' } } },
  SIGN_IN_PAUSED: {
    notice: { '*': { key: 'sign-in-paused', change: 'Sign-in with the password was paused after many wrong passwords or codes from several networks' } },
  },
} as const satisfies Record<string, EventDeclaration>;

type Events = typeof EVENTS;
export type EventType = keyof Events;
export type AuditEventType = { [T in EventType]: Events[T] extends { audit: string } ? T : never }[EventType];

const declaration = (type: EventType): EventDeclaration => EVENTS[type];

/** The event types the audit log records, in the table's order (the GraphQL enum's order). */
export const AUDIT_EVENT_TYPES = (Object.keys(EVENTS) as EventType[]).filter((type) => declaration(type).audit) as AuditEventType[];

/** The audit log's description of an event type (the GraphQL enum prints it). */
export const auditDescription = (type: AuditEventType): string => declaration(type).audit!;

export interface Event {
  type: EventType;
  /** Who acted: the caller, or the user who proved the account (password, emailed link); null when unknown. */
  actor?: string | null;
  /** The account the event is about (defaults to `user`'s id). */
  subject?: string | null;
  meta: RequestMeta;
  outcome?: 'SUCCESS' | 'FAILURE';
  /** A short code: why it failed (WRONG_PASSWORD, UNKNOWN_ACCOUNT, …) or how it happened (SELF, ALL_SESSIONS, TOTP). */
  detail?: string | null;
  /** Names of the fields a change touched, never their values. */
  fields?: string[];
  /** The account as it now is: the hook receives it, the notice goes to its address. */
  user?: UserRecord | null;
  /** What the notice names (a passkey's name, "for 15 minutes; …"). */
  noticeDetail?: string | null;
}

/** Says what happened: the audit log, the metrics, the owner's notice and the host's hook follow from the table. */
export async function emit(deps: AccountDeps, event: Event): Promise<void> {
  const spec = declaration(event.type);
  if (spec.audit) deps.metrics.count('securityEvents', event.type);
  if (spec.counter) (deps.metrics.count as (...call: CounterCall) => void)(...spec.counter);
  if (spec.audit) await writeAuditEvent(deps, event);
  const notice = spec.notice && (spec.notice[event.detail ?? ''] ?? spec.notice['*']);
  if (notice && event.user) await sendSecurityNotice(deps, event.user, notice, event.meta, event.noticeDetail ?? null);
  if (spec.hook && event.user) await fireHook(deps, spec.hook, toPublicUser(event.user), event.meta);
}

/** Writing the event never fails the request it records: a database hiccup is logged and counted, not raised. */
async function writeAuditEvent(deps: AccountDeps, event: Event): Promise<void> {
  if (!deps.config.audit.enabled) return;
  try {
    await deps.store.audit.appendAuditEvent({
      at: deps.now(),
      type: event.type,
      actorId: event.actor ?? null,
      subjectId: event.subject !== undefined ? event.subject : (event.user?.id ?? null),
      ip: event.meta.ip,
      userAgent: event.meta.userAgent?.slice(0, 512) ?? null,
      outcome: event.outcome ?? 'SUCCESS',
      detail: event.detail ?? null,
      fields: event.fields ?? [],
    });
  } catch (error) {
    deps.metrics.count('auditWriteFailures');
    deps.config.logger.error('audit event not written (the request it records went on)', { type: event.type, reason: (error as Error).message });
  }
}

/** djoser's signals: a hook that throws is logged and never undoes the user's action. */
async function fireHook(deps: AccountDeps, name: HookName, user: PublicUser, meta: RequestMeta): Promise<void> {
  const hook = deps.config.hooks[name];
  if (!hook) return;
  try {
    await hook({ user, request: meta });
  } catch (error) {
    deps.config.logger.error(`hook ${name} failed`, { userId: user.id, reason: (error as Error).message });
  }
}
