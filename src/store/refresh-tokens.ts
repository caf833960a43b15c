// Refresh tokens: one document per issued token, grouped in families (one per jwtCreate).
// Only a hash of the token's id is stored; a rotated token keeps its document, marked used.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard } from './connection';
import type { RefreshTokenRecord } from '../accounts/records';


const refreshTokenSchema = new Schema(
  {
    jtiHash: { type: String, required: true },
    familyId: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    familyCreatedAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    userAgent: { type: String, default: null },
    ip: { type: String, default: null },
    authenticatedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', versionKey: false },
);
refreshTokenSchema.index({ jtiHash: 1 }, { unique: true, name: 'jtiHash_unique' });
refreshTokenSchema.index({ familyId: 1 }, { name: 'familyId' });
refreshTokenSchema.index({ userId: 1 }, { name: 'userId' });

type RefreshTokenDoc = Omit<RefreshTokenRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId };

const toRecord = ({ _id, userId, ...rest }: RefreshTokenDoc): RefreshTokenRecord => ({
  ...rest,
  authenticatedAt: rest.authenticatedAt ?? null,
  id: _id.toHexString(),
  userId: userId.toHexString(),
});

export function refreshTokensRepository(connection: Connection, prefix = '') {
  const RefreshTokens = authqlModel(connection, prefix, 'refresh_tokens', refreshTokenSchema);

  return {
    model: RefreshTokens,

    /** Inserts the token; a second insert of the same successor (a retry, a racing refresh) is a no-op answering false. */
    async insertRefreshToken(record: Omit<RefreshTokenRecord, 'id'>): Promise<boolean> {
      return guard(async () => {
        try {
          await RefreshTokens.insertMany([{ ...record, userId: new Types.ObjectId(record.userId) }]);
          return true;
        } catch (error) {
          if ((error as { code?: number }).code !== 11000) throw error;
          return false;
        }
      });
    },

    async findRefreshToken(jtiHash: string): Promise<RefreshTokenRecord | null> {
      const doc = await guard(() => RefreshTokens.findOne({ jtiHash }).lean<RefreshTokenDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    /** Marks the token used if nobody did yet: of two concurrent refreshes, one wins. */
    async claimRefreshToken(id: string, now: Date): Promise<boolean> {
      const result = await guard(() => RefreshTokens.updateOne({ _id: new Types.ObjectId(id), usedAt: null }, { $set: { usedAt: now } }).exec());
      return result.modifiedCount === 1;
    },

    /** Records a re-authentication of the family: every token of it carries the time on. */
    async markFamilyAuthenticated(familyId: string, at: Date): Promise<void> {
      await guard(() => RefreshTokens.updateMany({ familyId }, { $set: { authenticatedAt: at } }).exec());
    },

    /** The family's last full sign-in or re-authentication; null for an unknown (or revoked) family. */
    async familyAuthenticatedAt(familyId: string): Promise<Date | null> {
      const doc = await guard(() => RefreshTokens.findOne({ familyId }).sort({ authenticatedAt: -1 }).lean<RefreshTokenDoc>().exec());
      return doc?.authenticatedAt ?? null;
    },

    async revokeFamily(familyId: string, userId?: string): Promise<number> {
      const filter = userId ? { familyId, userId: new Types.ObjectId(userId) } : { familyId };
      const result = await guard(() => RefreshTokens.deleteMany(filter).exec());
      return result.deletedCount;
    },

    async familyIsLive(familyId: string, now: Date): Promise<boolean> {
      return !!(await guard(() => RefreshTokens.exists({ familyId, expiresAt: { $gt: now } }).exec()));
    },

    /** Revokes every family of the user (but `keepFamilyId`) and says how many were still live. */
    async revokeUserFamilies(userId: string, now: Date, keepFamilyId?: string): Promise<number> {
      const owner = new Types.ObjectId(userId);
      const filter = keepFamilyId ? { userId: owner, familyId: { $ne: keepFamilyId } } : { userId: owner };
      const live: string[] = await guard(() => RefreshTokens.distinct('familyId', { ...filter, usedAt: null, expiresAt: { $gt: now } }).exec());
      await guard(() => RefreshTokens.deleteMany(filter).exec());
      return live.length;
    },

    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => RefreshTokens.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },

    async listUserRefreshTokens(userId: string, now: Date): Promise<RefreshTokenRecord[]> {
      const docs = await guard(() =>
        RefreshTokens.find({ userId: new Types.ObjectId(userId), expiresAt: { $gt: now } }).sort({ createdAt: -1 }).limit(1000).lean<RefreshTokenDoc[]>().exec(),
      );
      return docs.map(toRecord);
    },
  };
}

export type RefreshTokensRepository = ReturnType<typeof refreshTokensRepository>;
