// Security events: every one is appended to the audit log and counted in the metrics by the
// one function below, so the two can never disagree. Writing the event never fails the
// request it records: a database hiccup is logged and counted, not raised.
import type { AuthqlMetrics } from '../ops/metrics';
import type { AuditEventRecord } from './records';
import { decodeCursor, readLimit } from './cursors';
import type { AccountDeps } from './deps';
import type { RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { denied, validationFailure } from './users';

export const AUDIT_EVENT_TYPES = [
  'REGISTERED',
  'ACTIVATED',
  'LOGIN_SUCCEEDED',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'LOGOUT',
  'SESSION_REVOKED',
  'PASSWORD_CHANGED',
  'PASSWORD_RESET',
  'PASSWORD_CHECK_FAILED',
  'EMAIL_CHANGE_REQUESTED',
  'EMAIL_CHANGED',
  'LOGIN_FIELD_CHANGED',
  'USER_UPDATED',
  'USER_DELETED',
  'SECOND_FACTOR_ADDED',
  'SECOND_FACTOR_REMOVED',
  'SECOND_FACTOR_FAILED',
  'ACCOUNT_LINKED',
  'ACCOUNT_UNLINKED',
  'JWT_FAMILY_REVOKED',
  'REAUTHENTICATED',
] as const;

export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export type AuditEvent = AuditEventRecord & { type: AuditEventType };

/** The named counter each event type bumps, besides authql_security_events_total{type}. */
const COUNTED: Partial<Record<AuditEventType, (metrics: AuthqlMetrics) => void>> = {
  REGISTERED: (m) => m.count('registrations'),
  ACTIVATED: (m) => m.count('activations'),
  LOGIN_SUCCEEDED: (m) => m.count('logins', 'success'),
  LOGIN_FAILED: (m) => m.count('logins', 'invalid'),
  ACCOUNT_LOCKED: (m) => m.count('lockouts'),
  PASSWORD_CHANGED: (m) => m.count('passwordChanges'),
  PASSWORD_RESET: (m) => m.count('passwordResets', 'completed'),
  PASSWORD_CHECK_FAILED: (m) => m.count('passwordCheckFailures'),
  EMAIL_CHANGE_REQUESTED: (m) => m.count('emailChanges', 'requested'),
  EMAIL_CHANGED: (m) => m.count('emailChanges', 'completed'),
  SECOND_FACTOR_FAILED: (m) => m.count('secondFactorFailures'),
  JWT_FAMILY_REVOKED: (m) => m.count('refreshTokenReuse'),
};

export interface SecurityEvent {
  type: AuditEventType;
  /** Who acted: the caller, or the user who proved the account (password, emailed link); null when unknown. */
  actor: string | null;
  /** The account the event is about. */
  subject: string | null;
  meta: RequestMeta;
  outcome?: 'SUCCESS' | 'FAILURE';
  /** A short code: why it failed (WRONG_PASSWORD, UNKNOWN_ACCOUNT, …) or how it happened (SELF, ALL_SESSIONS). */
  detail?: string | null;
  /** Names of the fields a change touched, never their values. */
  fields?: string[];
}

export async function recordSecurityEvent(deps: AccountDeps, event: SecurityEvent): Promise<void> {
  deps.metrics.count('securityEvents', event.type);
  COUNTED[event.type]?.(deps.metrics);
  if (!deps.config.audit.enabled) return;
  try {
    await deps.store.audit.appendAuditEvent({
      at: deps.now(),
      type: event.type,
      actorId: event.actor,
      subjectId: event.subject,
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

export interface AuditPage {
  events: AuditEvent[];
}

export interface AuditEventsInput {
  /** How many events to read at most (see readLimit). */
  limit?: number | null;
  after?: string | null;
  /** Whose events: null for everyone's (superusers only). */
  userId?: string | null;
  type?: AuditEventType | null;
  since?: Date | null;
}

/** A user reads their own events; a superuser reads anyone's, or everyone's. */
export async function auditEvents(deps: AccountDeps, caller: Authenticated, input: AuditEventsInput): Promise<Result<AuditPage>> {
  const own = !!input.userId && input.userId === caller.user.id;
  if (!own && !caller.user.isSuperuser) return denied('FORBIDDEN');
  const cursor = input.after ? decodeCursor(input.after) : null;
  if (input.after && !cursor) {
    return validationFailure(deps.messages, [{ field: 'after', code: 'INVALID_VALUE', message: deps.messages('INVALID_VALUE') }]);
  }
  const records = await deps.store.audit.listAuditEvents({
    subjectId: input.userId ?? null,
    type: input.type ?? null,
    since: input.since ?? null,
    after: cursor ? { at: cursor.time, id: cursor.id } : null,
    limit: readLimit(input.limit),
  });
  const events = records as AuditEvent[];
  return { ok: true, events: own && !caller.user.isSuperuser ? events.map(asSeenByTheUser) : events };
}

/** Where staff acted on the account, its owner sees "staff": never the staff member's id, address or user agent. */
function asSeenByTheUser(event: AuditEvent): AuditEvent {
  const byStaff = event.actorId !== null && event.actorId !== event.subjectId;
  return byStaff ? { ...event, actorId: null, ip: STAFF, userAgent: STAFF } : event;
}

const STAFF = 'staff';
