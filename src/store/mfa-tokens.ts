// mfa_tokens: password logins waiting for their second factor (mfaToken) and WebAuthn
// challenges, stored as SHA-256 hashes with their expiry (checked in every query); and
// "used" marks, whose unique key makes a code, token or challenge usable once on every server.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, isDuplicateKey } from './connection';
import type { MfaTokenKind, MfaTokenRecord } from '../accounts/records';

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

type MfaTokenDoc = Omit<MfaTokenRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId | null; tokenHash: string };

const toRecord = ({ _id, userId, tokenHash: _hash, ...rest }: MfaTokenDoc): MfaTokenRecord => ({
  ...rest,
  id: _id.toHexString(),
  userId: userId ? userId.toHexString() : null,
});

// A used mark shares the token's unique index, under a key no token hash (hex) can take.
const usedKey = (key: string) => `used:${key}`;

export function mfaTokensRepository(connection: Connection, prefix = '') {
  const MfaTokens = authqlModel(connection, prefix, 'mfa_tokens', mfaTokenSchema);

  return {
    model: MfaTokens,

    async insertMfaToken(record: Omit<MfaTokenRecord, 'id'> & { tokenHash: string }): Promise<MfaTokenRecord> {
      const [created] = await guard(() => MfaTokens.insertMany([{ ...record, userId: record.userId ? new Types.ObjectId(record.userId) : null }]));
      return toRecord(created.toObject() as MfaTokenDoc);
    },

    /** A live token of this kind (not expired), or null. */
    async findMfaToken(tokenHash: string, kind: MfaTokenKind, now: Date): Promise<MfaTokenRecord | null> {
      const doc = await guard(() => MfaTokens.findOne({ tokenHash, kind, expiresAt: { $gt: now } }).lean<MfaTokenDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async deleteMfaToken(id: string): Promise<void> {
      await guard(() => MfaTokens.deleteOne({ _id: new Types.ObjectId(id) }).exec());
    },

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

    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => MfaTokens.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },
  };
}

export type MfaTokensRepository = ReturnType<typeof mfaTokensRepository>;
