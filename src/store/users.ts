// The users collection: one document per account, looked up by its normalized login key.
import { Schema, Types, type Connection } from 'mongoose';
import escapeRegExp from 'escape-string-regexp';
import { authqlModel, guard, isDuplicateKey, objectId } from './connection';
import type { LoginChanges, NewUser, UserChanges, UserExpectation, UserRecord } from '../accounts/records';


const userSchema = new Schema(
  {
    email: { type: String, default: null },
    username: { type: String, default: null },
    loginKey: { type: String, required: true },
    emailKey: { type: String, default: null },
    passwordHash: { type: String, required: true },
    isActive: { type: Boolean, required: true },
    isStaff: { type: Boolean, default: false },
    isSuperuser: { type: Boolean, default: false },
    dateJoined: { type: Date, required: true },
    lastLogin: { type: Date, default: null },
    activatedAt: { type: Date, default: null },
    deactivatedAt: { type: Date, default: null },
    pendingEmail: { type: String, default: null },
    emailVerified: { type: Boolean, default: false },
    credentialsVersion: { type: Number, default: 0 },
    profile: { type: Schema.Types.Mixed, default: {} },
    totpSecret: { type: String, default: null },
    totpPendingSecret: { type: String, default: null },
    totpLastStep: { type: Number, default: 0 },
    recoveryCodeHashes: { type: [String], default: [] },
  },
  { collection: 'users', versionKey: false, minimize: false },
);
userSchema.index({ loginKey: 1 }, { unique: true, name: 'loginKey_unique' });
userSchema.index({ emailKey: 1 }, { name: 'emailKey' });
userSchema.index({ dateJoined: 1, _id: 1 }, { name: 'dateJoined' });

type UserDoc = Omit<UserRecord, 'id'> & { _id: Types.ObjectId };

function toRecord(doc: UserDoc): UserRecord {
  const { _id, ...rest } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    pendingEmail: rest.pendingEmail ?? null,
    // Accounts stored before addresses were proven read as unproven.
    emailVerified: rest.emailVerified ?? false,
    credentialsVersion: rest.credentialsVersion ?? 0,
    profile: rest.profile ?? {},
    // Accounts stored before the second factor existed have none.
    totpSecret: rest.totpSecret ?? null,
    totpPendingSecret: rest.totpPendingSecret ?? null,
    totpLastStep: rest.totpLastStep ?? 0,
    recoveryCodeHashes: rest.recoveryCodeHashes ?? [],
  };
}

export function usersRepository(connection: Connection, prefix = '') {
  const Users = authqlModel(connection, prefix, 'users', userSchema);

  /** $set of the changes (profile fields one by one) where the user still matches `expected` field by field. */
  async function setFields(id: string, changes: LoginChanges, expected: UserExpectation): Promise<UserRecord | null | 'duplicate'> {
    const _id = objectId(id);
    if (!_id) return null;
    const $set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (key === 'profile') {
        for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) $set[`profile.${field}`] = fieldValue;
      } else {
        $set[key] = value;
      }
    }
    // Equality only: $eq, so that no value is read as an operator.
    const filter = Object.fromEntries(Object.entries(expected).map(([key, value]) => [key, { $eq: value }]));
    return guard(async () => {
      try {
        const doc = await Users.findOneAndUpdate({ _id, ...filter }, { $set }, { returnDocument: 'after' }).lean<UserDoc>().exec();
        return doc ? toRecord(doc) : null;
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    });
  }

  return {
    model: Users,

    /** Inserts the user, or answers 'duplicate' when the login key is taken (decided by the unique index). */
    async insertUser(user: NewUser): Promise<UserRecord | 'duplicate'> {
      return guard(async () => {
        try {
          const [created] = await Users.insertMany([user], { lean: true });
          return toRecord(created.toObject ? (created.toObject() as UserDoc) : (created as unknown as UserDoc));
        } catch (error) {
          if (isDuplicateKey(error)) return 'duplicate';
          throw error;
        }
      });
    },

    async findUserById(id: string): Promise<UserRecord | null> {
      const _id = objectId(id);
      if (!_id) return null;
      const doc = await guard(() => Users.findById(_id).lean<UserDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async findUserByLogin(loginKey: string): Promise<UserRecord | null> {
      const doc = await guard(() => Users.findOne({ loginKey }).lean<UserDoc>().exec());
      return doc ? toRecord(doc) : null;
    },

    async findUsersByEmail(emailKey: string): Promise<UserRecord[]> {
      const docs = await guard(() => Users.find({ emailKey }).limit(20).lean<UserDoc[]>().exec());
      return docs.map(toRecord);
    },

    /** Applies changes that cannot collide (no login key): the updated user, or null when it is gone. */
    async updateUser(id: string, changes: UserChanges): Promise<UserRecord | null> {
      return refuseDuplicate(await setFields(id, changes, {}));
    },

    /** Applies the changes only while every `expected` field still equals its value (a compare-and-set); null when one no longer does. */
    async updateUserIf(id: string, changes: UserChanges, expected: UserExpectation): Promise<UserRecord | null> {
      return refuseDuplicate(await setFields(id, changes, expected));
    },

    /** Changes that may move the login key: 'duplicate' when the new key is taken (the unique index decides). */
    async changeLogin(id: string, changes: LoginChanges, expected: UserExpectation = {}): Promise<UserRecord | null | 'duplicate'> {
      return setFields(id, changes, expected);
    },

    /** Records `step` as the newest TOTP step accepted, only when it is newer than the stored one: a code works once. */
    async advanceTotpStep(id: string, step: number): Promise<boolean> {
      const _id = objectId(id);
      if (!_id) return false;
      const result = await guard(() => Users.updateOne({ _id, totpLastStep: { $lt: step } }, { $set: { totpLastStep: step } }).exec());
      return result.modifiedCount === 1;
    },

    /**
     * A page of users in join order, after the given position; `search` matches the start
     * of the login key or the email key (both lower-case).
     */
    async listUsers(options: { after: { dateJoined: Date; id: string } | null; limit: number; search: string | null; onlyId?: string }): Promise<UserRecord[]> {
      const conditions: Record<string, unknown>[] = [];
      if (options.onlyId) conditions.push({ _id: objectId(options.onlyId) });
      if (options.search) {
        const prefix = new RegExp(`^${escapeRegExp(options.search)}`);
        conditions.push({ $or: [{ loginKey: prefix }, { emailKey: prefix }] });
      }
      if (options.after) {
        const afterId = objectId(options.after.id);
        conditions.push({
          $or: [{ dateJoined: { $gt: options.after.dateJoined } }, { dateJoined: options.after.dateJoined, _id: { $gt: afterId } }],
        });
      }
      const filter = conditions.length ? { $and: conditions } : {};
      const docs = await guard(() => Users.find(filter).sort({ dateJoined: 1, _id: 1 }).limit(options.limit).lean<UserDoc[]>().exec());
      return docs.map(toRecord);
    },

    /** Removes one unused recovery code; false when it was not (or no longer) there. */
    async useRecoveryCode(id: string, hash: string): Promise<boolean> {
      const _id = objectId(id);
      if (!_id) return false;
      const result = await guard(() => Users.updateOne({ _id, recoveryCodeHashes: hash }, { $pull: { recoveryCodeHashes: hash } }).exec());
      return result.modifiedCount === 1;
    },

    async deleteUser(id: string): Promise<boolean> {
      const _id = objectId(id);
      if (!_id) return false;
      const result = await guard(() => Users.deleteOne({ _id }).exec());
      return result.deletedCount === 1;
    },
  };
}

/** Only a change of the login key can collide: one without it answering 'duplicate' is a bug, not an outcome. */
function refuseDuplicate(outcome: UserRecord | null | 'duplicate'): UserRecord | null {
  if (outcome === 'duplicate') throw new Error('authql: a user change without a login key hit a unique index');
  return outcome;
}

export type UsersRepository = ReturnType<typeof usersRepository>;
