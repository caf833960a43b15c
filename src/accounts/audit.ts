// Reading the audit log (events.ts writes it: every audited event is also counted, so the two never disagree).
import type { AuditEventRecord } from './records';
import { decodeCursor, readLimit } from './cursors';
import type { AccountDeps } from './deps';
import type { AuditEventType } from './events';
import type { Result } from './results';
import type { Authenticated } from './sessions';
import { denied, validationFailure } from './users';

export type AuditEvent = AuditEventRecord & { type: AuditEventType };

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
