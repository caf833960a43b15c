// Social login: authorizations in flight (oauth_states) and provider identities linked to users (linked_accounts).
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, guard, isDuplicateKey } from './connection';
import type { LinkedAccountRecord, OAuthStateRecord } from '../accounts/records';

const stateSchema = new Schema(
  {
    stateHash: { type: String, required: true },
    provider: { type: String, required: true },
    redirectUri: { type: String, required: true },
    codeVerifier: { type: String, required: true },
    nonce: { type: String, default: null },
    linkUserId: { type: String, default: null },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'oauth_states', versionKey: false },
);
stateSchema.index({ stateHash: 1 }, { unique: true, name: 'stateHash_unique' });
stateSchema.index({ expiresAt: 1 }, { name: 'expiresAt' });

const linkSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    provider: { type: String, required: true },
    subject: { type: String, required: true },
    email: { type: String, default: null },
    linkedAt: { type: Date, required: true },
    encryptedTokens: { type: String, default: null },
  },
  { collection: 'linked_accounts', versionKey: false },
);
// One user per provider identity, and one identity per provider on a user: races are decided here.
linkSchema.index({ provider: 1, subject: 1 }, { unique: true, name: 'provider_subject_unique' });
linkSchema.index({ userId: 1, provider: 1 }, { unique: true, name: 'user_provider_unique' });

type StateDoc = OAuthStateRecord & { _id: Types.ObjectId };
type LinkDoc = Omit<LinkedAccountRecord, 'id' | 'userId'> & { _id: Types.ObjectId; userId: Types.ObjectId };

function toState({ _id: _ignored, ...rest }: StateDoc): OAuthStateRecord {
  return { ...rest, nonce: rest.nonce ?? null, linkUserId: rest.linkUserId ?? null };
}

function toLink({ _id, userId, ...rest }: LinkDoc): LinkedAccountRecord {
  return { ...rest, id: _id.toHexString(), userId: userId.toHexString(), email: rest.email ?? null, encryptedTokens: rest.encryptedTokens ?? null };
}

export function oauthRepository(connection: Connection, prefix = '') {
  const States = authqlModel(connection, prefix, 'oauth_states', stateSchema);
  const Links = authqlModel(connection, prefix, 'linked_accounts', linkSchema);

  return {
    models: [States, Links],

    async saveState(state: OAuthStateRecord): Promise<void> {
      await guard(() => States.insertMany([state]));
    },

    /** Takes the state out (single use): the record while it has not expired, else null. */
    async takeState(stateHash: string, now: Date): Promise<OAuthStateRecord | null> {
      const doc = await guard(() => States.findOneAndDelete({ stateHash }).lean<StateDoc>().exec());
      return doc && doc.expiresAt > now ? toState(doc) : null;
    },

    /** The link, or 'duplicate' when the identity or the user's link to this provider already exists. */
    async insertLink(link: Omit<LinkedAccountRecord, 'id'>): Promise<LinkedAccountRecord | 'duplicate'> {
      return guard(async () => {
        try {
          const [created] = await Links.insertMany([{ ...link, userId: new Types.ObjectId(link.userId) }]);
          return toLink(created.toObject() as LinkDoc);
        } catch (error) {
          if (isDuplicateKey(error)) return 'duplicate';
          throw error;
        }
      });
    },

    async findLink(provider: string, subject: string): Promise<LinkedAccountRecord | null> {
      const doc = await guard(() => Links.findOne({ provider, subject }).lean<LinkDoc>().exec());
      return doc ? toLink(doc) : null;
    },

    async updateLinkTokens(id: string, encryptedTokens: string | null): Promise<void> {
      await guard(() => Links.updateOne({ _id: new Types.ObjectId(id) }, { $set: { encryptedTokens } }).exec());
    },

    async listUserLinks(userId: string): Promise<LinkedAccountRecord[]> {
      const docs = await guard(() => Links.find({ userId: new Types.ObjectId(userId) }).sort({ linkedAt: 1 }).lean<LinkDoc[]>().exec());
      return docs.map(toLink);
    },

    async deleteLink(userId: string, provider: string): Promise<boolean> {
      const result = await guard(() => Links.deleteOne({ userId: new Types.ObjectId(userId), provider }).exec());
      return result.deletedCount === 1;
    },

    async deleteUserLinks(userId: string): Promise<void> {
      await guard(() => Links.deleteMany({ userId: new Types.ObjectId(userId) }).exec());
    },

    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => States.deleteMany({ expiresAt: { $lte: now } }).exec());
      return result.deletedCount;
    },
  };
}

export type OAuthRepository = ReturnType<typeof oauthRepository>;
