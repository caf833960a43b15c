// login_codes: sign-in codes sent by email (passwordless), one live request per address. Only
// keyed digests of the code and of the link token are kept; expiry is checked in every query.
import { Schema, Types, type Connection } from 'mongoose';
import type { LoginCodeRecord } from '../accounts/records';
import { authqlModel, guard } from './connection';

/** A sign-in code waiting to be used; `userId` is null for an address that has no account yet (allowSignup). */

const loginCodeSchema = new Schema(
  {
    emailKey: { type: String, required: true },
    email: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, default: null },
    codeDigest: { type: String, required: true },
    linkDigest: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'login_codes', versionKey: false },
);
loginCodeSchema.index({ emailKey: 1 }, { name: 'emailKey' });
loginCodeSchema.index({ expiresAt: 1 }, { name: 'expiresAt' });

type LoginCodeDoc = Omit<LoginCodeRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId | null };

const toRecord = ({ _id, userId, ...rest }: LoginCodeDoc): LoginCodeRecord => ({ ...rest, id: _id.toHexString(), userId: userId ? userId.toHexString() : null });

export function loginCodesRepository(connection: Connection, prefix = '') {
  const LoginCodes = authqlModel(connection, prefix, 'login_codes', loginCodeSchema);

  return {
    model: LoginCodes,

    /** Stores a code under the given id (24 hex) and ends every older code of its address: a newer one kills them. */
    async replaceLoginCode(record: LoginCodeRecord): Promise<void> {
      const _id = new Types.ObjectId(record.id);
      await guard(() => LoginCodes.insertMany([{ ...record, _id, userId: record.userId ? new Types.ObjectId(record.userId) : null }]));
      await guard(() => LoginCodes.deleteMany({ emailKey: record.emailKey, _id: { $ne: _id }, createdAt: { $lte: record.createdAt } }).exec());
    },

    /** The newest live code of an address. */
    async findLoginCode(emailKey: string, now: Date): Promise<LoginCodeRecord | null> {
      const doc = await guard(() => LoginCodes.findOne({ emailKey, expiresAt: { $gt: now } }).sort({ createdAt: -1, _id: -1 }).lean<LoginCodeDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async findLoginCodeById(id: string, now: Date): Promise<LoginCodeRecord | null> {
      const doc = await guard(() => LoginCodes.findOne({ _id: new Types.ObjectId(id), expiresAt: { $gt: now } }).lean<LoginCodeDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    /** Spends a code: true for the first caller only (the delete decides), on every server. */
    async takeLoginCode(id: string): Promise<boolean> {
      const result = await guard(() => LoginCodes.deleteOne({ _id: new Types.ObjectId(id) }).exec());
      return result.deletedCount === 1;
    },

    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => LoginCodes.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },
  };
}
