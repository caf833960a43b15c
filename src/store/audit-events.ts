// The audit log: one document per security event, newest first by (at, _id).
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, objectId } from './connection';
import type { AuditEventRecord } from '../accounts/records';

const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    type: { type: String, required: true },
    actorId: { type: Schema.Types.ObjectId, default: null },
    subjectId: { type: Schema.Types.ObjectId, default: null },
    ip: { type: String, default: null },
    userAgent: { type: String, default: null },
    outcome: { type: String, required: true },
    detail: { type: String, default: null },
    fields: { type: [String], default: [] },
  },
  { collection: 'audit_events', versionKey: false },
);
auditEventSchema.index({ subjectId: 1, at: -1 }, { name: 'subject_at' });
auditEventSchema.index({ at: -1 }, { name: 'at' });

type AuditEventDoc = Omit<AuditEventRecord, 'id' | 'actorId' | 'subjectId'> & {
  _id: Types.ObjectId;
  actorId: Types.ObjectId | null;
  subjectId: Types.ObjectId | null;
};


function toRecord({ _id, actorId, subjectId, ...rest }: AuditEventDoc): AuditEventRecord {
  return { ...rest, id: _id.toHexString(), actorId: actorId?.toHexString() ?? null, subjectId: subjectId?.toHexString() ?? null, fields: rest.fields ?? [] };
}

export interface AuditQuery {
  subjectId?: string | null;
  type?: string | null;
  since?: Date | null;
  /** The last event of the previous page: this page starts just before it. */
  after?: { at: Date; id: string } | null;
  limit: number;
}

export function auditEventsRepository(connection: Connection, prefix = '') {
  const AuditEvents = authqlModel(connection, prefix, 'audit_events', auditEventSchema);

  return {
    model: AuditEvents,

    async appendAuditEvent(event: Omit<AuditEventRecord, 'id'>): Promise<void> {
      const doc = { ...event, actorId: objectId(event.actorId), subjectId: objectId(event.subjectId) };
      await guard(() => AuditEvents.collection.insertOne(doc));
    },

    /** Newest first; ties in time are broken by the id, which grows in the order events were written. */
    async listAuditEvents(query: AuditQuery): Promise<AuditEventRecord[]> {
      const filter: Record<string, unknown> = {};
      if (query.subjectId !== undefined && query.subjectId !== null) {
        const subjectId = objectId(query.subjectId);
        // Not an id at all: nobody's events (never the events without a subject).
        if (!subjectId) return [];
        filter.subjectId = subjectId;
      }
      if (query.type) filter.type = query.type;
      const conditions: Record<string, unknown>[] = [];
      if (query.since) conditions.push({ at: { $gte: query.since } });
      if (query.after) {
        const id = new Types.ObjectId(query.after.id);
        conditions.push({ $or: [{ at: { $lt: query.after.at } }, { at: query.after.at, _id: { $lt: id } }] });
      }
      if (conditions.length) filter.$and = conditions;
      const docs = await guard(() => AuditEvents.find(filter).sort({ at: -1, _id: -1 }).limit(query.limit).lean<AuditEventDoc[]>().exec());
      return docs.map(toRecord);
    },

    async removeAuditEventsBefore(cutoff: Date): Promise<number> {
      const result = await guard(() => AuditEvents.deleteMany({ at: { $lt: cutoff } }).exec());
      return result.deletedCount;
    },
  };
}

export type AuditEventsRepository = ReturnType<typeof auditEventsRepository>;
