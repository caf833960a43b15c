// The store: the only part of authql that knows about mongoose.
import { openConnection, type MongoSource } from './connection';
import { oauthRepository } from './oauth';
import { outboxRepository } from './outbox';
import { rateLimitsRepository } from './rate-limits';
import { refreshTokensRepository } from './refresh-tokens';
import { sessionsRepository } from './sessions';
import { usersRepository } from './users';

export { isOutage, type MongoSource } from './connection';
export type { UserRecord, NewUser, UserChanges, SessionRecord, RefreshTokenRecord, OAuthStateRecord, LinkedAccountRecord } from './records';
export type { OutboxMessage } from './outbox';

export async function openStore(source: MongoSource) {
  const { connection, owned } = await openConnection(source);
  const prefix = source.collectionPrefix ?? '';
  const users = usersRepository(connection, prefix);
  const sessions = sessionsRepository(connection, prefix);
  const outbox = outboxRepository(connection, prefix);
  const refreshTokens = refreshTokensRepository(connection, prefix);
  const rateLimits = rateLimitsRepository(connection, prefix);
  const oauth = oauthRepository(connection, prefix);
  const models = [users.model, sessions.model, refreshTokens.model, outbox.model, rateLimits.model, ...oauth.models];

  return {
    users,
    sessions,
    refreshTokens,
    outbox,
    rateLimits,
    oauth,
    /** Creates the collections and indexes authql relies on (idempotent). */
    async ensureIndexes(): Promise<void> {
      for (const model of models) {
        await model.createCollection().catch((error: { codeName?: string; code?: number }) => {
          if (error.codeName !== 'NamespaceExists' && error.code !== 48) throw error;
        });
        await model.createIndexes();
      }
      // Clean-up only, where the server supports TTL indexes (FerretDB 1.24 does not):
      // correctness never depends on it, since expiry is checked in every query.
      await sessions.model.collection
        .createIndex({ expiresAt: 1 }, { name: 'expiresAt_ttl', expireAfterSeconds: 0 })
        .catch(() => undefined);
    },
    /** Deletes what has expired: sessions, refresh tokens, rate-limit windows, OAuth states (FerretDB has no TTL indexes). */
    async removeExpired(now: Date): Promise<void> {
      await sessions.removeExpired(now);
      await refreshTokens.removeExpired(now);
      await rateLimits.removeExpired(now);
      await oauth.removeExpired(now);
    },
    databaseName: connection.db?.databaseName ?? connection.name,
    async close(): Promise<void> {
      if (owned) await connection.close();
    },
  };
}

export type Store = Awaited<ReturnType<typeof openStore>>;
