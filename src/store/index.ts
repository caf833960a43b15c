// The store: the only part of authql that knows about mongoose.
import { auditEventsRepository } from './audit-events';
import { guard, openConnection, type MongoSource } from './connection';
import { loginCodesRepository } from './login-codes';
import { mfaTokensRepository } from './mfa-tokens';
import { oauthRepository } from './oauth';
import { outboxRepository } from './outbox';
import { passkeysRepository } from './passkeys';
import { rateLimitsRepository } from './rate-limits';
import { refreshTokensRepository } from './refresh-tokens';
import { sessionsRepository } from './sessions';
import { usersRepository } from './users';

export { checkMongoSource, isOutage, type MongoSource } from './connection';
export type { UserRecord, NewUser, UserChanges, SessionRecord, RefreshTokenRecord, AuditEventRecord, ChallengeRecord, PasskeyRecord, OAuthStateRecord, LinkedAccountRecord } from '../accounts/records';
export type { AuditQuery } from './audit-events';
export type { OutboxMessage } from '../mail/outbox-port';

export async function openStore(source: MongoSource) {
  const { connection, owned, release } = await openConnection(source);
  const prefix = source.collectionPrefix ?? '';
  const users = usersRepository(connection, prefix);
  const sessions = sessionsRepository(connection, prefix);
  const outbox = outboxRepository(connection, prefix);
  const refreshTokens = refreshTokensRepository(connection, prefix);
  const rateLimits = rateLimitsRepository(connection, prefix);
  const audit = auditEventsRepository(connection, prefix);
  const mfaTokens = mfaTokensRepository(connection, prefix);
  const passkeys = passkeysRepository(connection, prefix);
  const oauth = oauthRepository(connection, prefix);
  const loginCodes = loginCodesRepository(connection, prefix);
  const models = [users.model, sessions.model, refreshTokens.model, outbox.model, rateLimits.model, audit.model, mfaTokens.model, passkeys.model, loginCodes.model, ...oauth.models];

  return {
    users,
    sessions,
    refreshTokens,
    outbox,
    rateLimits,
    audit,
    /** Answers when the database does (readiness); throws ServiceUnavailableError when it does not. */
    async ping(): Promise<void> {
      await guard(async () => {
        if (!connection.db) throw new Error('authql: the database connection is not open');
        await connection.db.command({ ping: 1 });
      });
    },
    challenges: mfaTokens.challenges,
    usedMarks: mfaTokens.usedMarks,
    passkeys,
    oauth,
    loginCodes,
    /** Creates the collections and indexes authql relies on (idempotent). */
    async ensureIndexes(): Promise<void> {
      // One collection after another would be a dozen round trips end to end at every start.
      await Promise.all(
        models.map(async (model) => {
          await model.createCollection().catch((error: { codeName?: string; code?: number }) => {
            if (error.codeName !== 'NamespaceExists' && error.code !== 48) throw error;
          });
          await model.createIndexes();
        }),
      );
      // Clean-up only, where the server supports TTL indexes (FerretDB 1.24 does not):
      // correctness never depends on it, since expiry is checked in every query.
      await sessions.model.collection
        .createIndex({ expiresAt: 1 }, { name: 'expiresAt_ttl', expireAfterSeconds: 0 })
        .catch(() => undefined);
    },
    /** Deletes what has expired: sessions, refresh tokens, rate-limit windows, MFA tokens and challenges, OAuth states (FerretDB has no TTL indexes). */
    async removeExpired(now: Date): Promise<void> {
      await sessions.removeExpired(now);
      await refreshTokens.removeExpired(now);
      await rateLimits.removeExpired(now);
      await mfaTokens.removeExpired(now);
      await oauth.removeExpired(now);
      await loginCodes.removeExpired(now);
    },
    databaseName: connection.db?.databaseName ?? connection.name,
    async close(): Promise<void> {
      if (owned) await connection.close();
      else release?.();
    },
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
