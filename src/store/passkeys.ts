// passkeys: the WebAuthn credentials users registered; a public key and a counter each,
// found by credential id (unique) when a discoverable credential signs in.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, isDuplicateKey, objectId } from './connection';
import type { PasskeyRecord } from '../accounts/records';

const passkeySchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    credentialId: { type: String, required: true },
    publicKey: { type: String, required: true },
    counter: { type: Number, required: true },
    transports: { type: [String], default: [] },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'passkeys', versionKey: false },
);
passkeySchema.index({ credentialId: 1 }, { unique: true, name: 'credentialId_unique' });
passkeySchema.index({ userId: 1 }, { name: 'userId' });

type PasskeyDoc = Omit<PasskeyRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId };

const toRecord = ({ _id, userId, ...rest }: PasskeyDoc): PasskeyRecord => ({ ...rest, id: _id.toHexString(), userId: userId.toHexString() });


export function passkeysRepository(connection: Connection, prefix = '') {
  const Passkeys = authqlModel(connection, prefix, 'passkeys', passkeySchema);

  return {
    model: Passkeys,

    /** The stored passkey, or 'duplicate' when the credential is registered already. */
    async insertPasskey(record: Omit<PasskeyRecord, 'id'>): Promise<PasskeyRecord | 'duplicate'> {
      return guard(async () => {
        try {
          const [created] = await Passkeys.insertMany([{ ...record, userId: new Types.ObjectId(record.userId) }]);
          return toRecord(created.toObject() as PasskeyDoc);
        } catch (error) {
          if (isDuplicateKey(error)) return 'duplicate';
          throw error;
        }
      });
    },

    async findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null> {
      const doc = await guard(() => Passkeys.findOne({ credentialId }).lean<PasskeyDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async listUserPasskeys(userId: string): Promise<PasskeyRecord[]> {
      const docs = await guard(() => Passkeys.find({ userId: new Types.ObjectId(userId) }).sort({ createdAt: 1 }).lean<PasskeyDoc[]>().exec());
      return docs.map(toRecord);
    },

    /** Records a use with the authenticator's new counter, only while the stored counter is still `expectedCounter`. */
    async recordPasskeyUse(id: string, counter: number, expectedCounter: number, usedAt: Date): Promise<boolean> {
      const result = await guard(() =>
        Passkeys.updateOne({ _id: new Types.ObjectId(id), counter: expectedCounter }, { $set: { counter, lastUsedAt: usedAt } }).exec(),
      );
      return result.matchedCount === 1;
    },

    /** Removes one of the user's passkeys; false when the user has no passkey with that id. */
    async deletePasskey(id: string, userId: string): Promise<boolean> {
      const _id = objectId(id);
      if (!_id) return false;
      const result = await guard(() => Passkeys.deleteOne({ _id, userId: new Types.ObjectId(userId) }).exec());
      return result.deletedCount === 1;
    },

    async deleteUserPasskeys(userId: string): Promise<number> {
      const result = await guard(() => Passkeys.deleteMany({ userId: new Types.ObjectId(userId) }).exec());
      return result.deletedCount;
    },
  };
}

export type PasskeysRepository = ReturnType<typeof passkeysRepository>;
