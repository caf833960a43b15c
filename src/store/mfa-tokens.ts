// mfa_tokens (the name stays): challenges, i.e. password logins waiting for their second factor
// (mfaToken) and WebAuthn challenges, stored as SHA-256 hashes with their expiry (checked in
// every query); and "used" marks, whose unique key makes a code, token or challenge usable once on every server.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, isDuplicateKey, objectId } from './connection';
import type { ChallengeKind, ChallengeRecord } from '../accounts/records';

const mfaTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    kind: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    purpose: { type: String, default: null },
    credentialsVersion: { type: Number, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'mfa_tokens', versionKey: false },
);
mfaTokenSchema.index({ tokenHash: 1 }, { unique: true, name: 'tokenHash_unique' });
mfaTokenSchema.index({ expiresAt: 1 }, { name: 'expiresAt' });

type MfaTokenDoc = Omit<ChallengeRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId | null; tokenHash: string };

const toRecord = ({ _id, userId, tokenHash: _hash, ...rest }: MfaTokenDoc): ChallengeRecord => ({
  ...rest,
  id: _id.toHexString(),
  userId: userId ? userId.toHexString() : null,
});

// A used mark shares the token's unique index, under a key no token hash (hex) can take.
const usedKey = (key: string) => `used:${key}`;

/**
 * The one collection, two jobs: challenges (looked up by their hash, removed once passed) and
 * used marks (only inserted: the unique index says who was first).
 */
export function mfaTokensRepository(connection: Connection, prefix = '') {
  const MfaTokens = authqlModel(connection, prefix, 'mfa_tokens', mfaTokenSchema);

  const challenges = {
    async insertChallenge(record: Omit<ChallengeRecord, 'id'> & { tokenHash: string }): Promise<ChallengeRecord> {
      const [created] = await guard(() => MfaTokens.insertMany([{ ...record, userId: objectId(record.userId) }]));
      return toRecord(created.toObject() as MfaTokenDoc);
    },

    /** A live challenge of this kind (not expired), or null. */
    async findChallenge(tokenHash: string, kind: ChallengeKind, now: Date): Promise<ChallengeRecord | null> {
      const doc = await guard(() => MfaTokens.findOne({ tokenHash, kind, expiresAt: { $gt: now } }).lean<MfaTokenDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async deleteChallenge(id: string): Promise<void> {
      await guard(() => MfaTokens.deleteOne({ _id: objectId(id) }).exec());
    },
  };

  const usedMarks = {
    /** Marks `key` used until `until`: true for the first caller only (an insert under a unique index). */
    async markUsed(key: string, until: Date): Promise<boolean> {
      return guard(async () => {
        try {
          await MfaTokens.insertMany([{ tokenHash: usedKey(key), kind: 'used', createdAt: new Date(), expiresAt: until }]);
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      });
    },
  };

  return {
    model: MfaTokens,
    challenges,
    usedMarks,
    /** Expired challenges and marks alike. */
    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => MfaTokens.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },
  };
}

export type MfaTokensRepository = ReturnType<typeof mfaTokensRepository>;
