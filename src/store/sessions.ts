// Login sessions: only the SHA-256 of the token is stored; expiry is checked in every query.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, objectId } from './connection';
import type { SessionRecord } from '../accounts/records';


const sessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    userAgent: { type: String, default: null },
    ip: { type: String, default: null },
    authenticatedAt: { type: Date, default: null },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ tokenHash: 1 }, { unique: true, name: 'tokenHash_unique' });
sessionSchema.index({ userId: 1 }, { name: 'userId' });

type SessionDoc = Omit<SessionRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId; tokenHash: string };

function toRecord({ _id, userId, tokenHash: _hash, ...rest }: SessionDoc): SessionRecord {
  // Sessions stored before authenticatedAt existed count as never re-authenticated.
  return { ...rest, authenticatedAt: rest.authenticatedAt ?? null, id: _id.toHexString(), userId: userId.toHexString() };
}

export function sessionsRepository(connection: Connection, prefix = '') {
  const Sessions = authqlModel(connection, prefix, 'sessions', sessionSchema);

  return {
    model: Sessions,

    async createSession(session: Omit<SessionRecord, 'id'> & { tokenHash: string }): Promise<SessionRecord> {
      const doc = { ...session, userId: new Types.ObjectId(session.userId) };
      const [created] = await guard(() => Sessions.insertMany([doc]));
      return toRecord(created.toObject() as SessionDoc);
    },

    async findSessionByTokenHash(tokenHash: string, now: Date): Promise<SessionRecord | null> {
      const doc = await guard(() => Sessions.findOne({ tokenHash, expiresAt: { $gt: now } }).lean<SessionDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async touchSession(id: string, lastUsedAt: Date, expiresAt?: Date): Promise<void> {
      const _id = objectId(id);
      if (!_id) return;
      await guard(() => Sessions.updateOne({ _id }, { $set: expiresAt ? { lastUsedAt, expiresAt } : { lastUsedAt } }).exec());
    },

    /** Records a full sign-in or re-authentication of the session. */
    async markSessionAuthenticated(id: string, at: Date): Promise<void> {
      const _id = objectId(id);
      if (!_id) return;
      await guard(() => Sessions.updateOne({ _id }, { $set: { authenticatedAt: at } }).exec());
    },

    async revokeSession(id: string, userId?: string): Promise<boolean> {
      const _id = objectId(id);
      if (!_id) return false;
      const filter = userId ? { _id, userId: new Types.ObjectId(userId) } : { _id };
      const result = await guard(() => Sessions.deleteOne(filter).exec());
      return result.deletedCount === 1;
    },

    /** Revokes every session of the user (but `keepId`) and says how many were still active. */
    async revokeUserSessions(userId: string, now: Date, keepId?: string): Promise<number> {
      const owner = new Types.ObjectId(userId);
      const keep = keepId ? objectId(keepId) : null;
      const filter = keep ? { userId: owner, _id: { $ne: keep } } : { userId: owner };
      const active = await guard(() => Sessions.countDocuments({ ...filter, expiresAt: { $gt: now } }).exec());
      await guard(() => Sessions.deleteMany(filter).exec());
      return active;
    },

    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => Sessions.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },

    async listUserSessions(userId: string, now: Date, limit: number): Promise<SessionRecord[]> {
      const docs = await guard(() =>
        Sessions.find({ userId: new Types.ObjectId(userId), expiresAt: { $gt: now } }).sort({ createdAt: -1 }).limit(limit).lean<SessionDoc[]>().exec(),
      );
      return docs.map(toRecord);
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
