// The audit log: `auditEvents` for superusers, `User.auditEvents` for the user themselves.
import type { ObjectRef } from '@pothos/core';
import { AUDIT_EVENT_TYPES, auditDescription, auditEventCursor, type AuditEvent, type AuditEventType, type PublicUser } from '../accounts';
import type { AuthConfig } from '../config';
import type { Builder, GraphQLContext } from './builder';
import { forwardConnection, invalidCursor } from './connections';
import { deniedError } from './error-types';

interface AuditArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  type?: AuditEventType | null;
  since?: Date | null;
}

/** One page of events the caller may read (their own, or any for a superuser). */
function auditConnection({ authql }: GraphQLContext, args: AuditArgs, userId: string | null) {
  return forwardConnection(args, 'auditEvents', auditEventCursor, async ({ after, limit }) => {
    const result = await authql.accounts.auditEvents(await authql.requireCaller(), { after, limit, userId, type: args.type, since: args.since });
    if (!result.ok) throw result.kind === 'denied' ? deniedError(result) : invalidCursor();
    return result.events;
  });
}

export function addAudit(builder: Builder, config: AuthConfig, User: ObjectRef<any, PublicUser>) {
  if (!config.audit.enabled) return;
  const AuditEventTypeEnum = builder.enumType('AuditEventType', {
    description: 'What happened.',
    values: Object.fromEntries(AUDIT_EVENT_TYPES.map((type) => [type, { description: auditDescription(type) }])) as Record<AuditEventType, { description: string }>,
  });
  const AuditOutcome = builder.enumType('AuditOutcome', { values: ['SUCCESS', 'FAILURE'] as const });
  const AuditEventRef = builder.objectRef<AuditEvent>('AuditEvent').implement({
    description: 'One security event: who did what to whom, from where, and how it ended. Never a secret.',
    fields: (t) => ({
      id: t.exposeID('id'),
      at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
      type: t.field({ type: AuditEventTypeEnum, resolve: (e) => e.type }),
      actorId: t.id({ nullable: true, description: 'Who acted: the caller, or the user who proved the account.', resolve: (e) => e.actorId }),
      subjectId: t.id({ nullable: true, description: 'The account the event is about.', resolve: (e) => e.subjectId }),
      ip: t.string({ nullable: true, resolve: (e) => e.ip }),
      userAgent: t.string({ nullable: true, resolve: (e) => e.userAgent }),
      outcome: t.field({ type: AuditOutcome, resolve: (e) => e.outcome }),
      detail: t.string({ nullable: true, description: 'Why it failed, or how it happened.', resolve: (e) => e.detail }),
      fields: t.stringList({ description: 'The names (never the values) of the fields a change touched.', resolve: (e) => e.fields }),
    }),
  });
  const AuditEventConnection = builder.connectionObject({ type: AuditEventRef, name: 'AuditEventConnection' }, { name: 'AuditEventEdge' });

  builder.queryField('auditEvents', (t) =>
    t.connection(
      {
        type: AuditEventRef,
        description: "Security events, newest first: everyone's, or one user's (userId). Superusers only.",
        args: {
          userId: t.arg.id({ description: 'Only the events about this account.' }),
          type: t.arg({ type: AuditEventTypeEnum }),
          since: t.arg({ type: 'DateTime', description: 'Only events at or after this time.' }),
        },
        resolve: (_root, args, context) => auditConnection(context, args, args.userId == null ? null : String(args.userId)),
      },
      AuditEventConnection,
    ),
  );

  builder.objectField(User, 'auditEvents', (t) =>
    t.connection(
      {
        type: AuditEventRef,
        nullable: true,
        description: "The security events about this account, newest first: for the user themselves (and superusers).",
        args: {
          type: t.arg({ type: AuditEventTypeEnum }),
          since: t.arg({ type: 'DateTime', description: 'Only events at or after this time.' }),
        },
        resolve: (user, args, context) => auditConnection(context, args, user.id),
      },
      AuditEventConnection,
    ),
  );
}
