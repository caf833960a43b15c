// Who holds a credential, remembered for a moment so that a busy client's requests cost no
// database round trip. Bounded (least recently used goes first) and keyed by the SHA-256 of
// the credential, never the credential itself. A write through this instance's store forgets
// the affected entries at once; another instance sees the write when its entry ages out,
// at most `ttl` after it was read.
import type { JwtClaims } from '../crypto/jwt';
import { tokenDigest } from '../crypto/session-token';
import type { SessionRecord, UserRecord } from './records';
import type { AccountStore } from './store-port';

/** What a credential stood for when it was read: the user, and the session or the access token's claims. */
export interface CachedCaller {
  user: UserRecord;
  session: SessionRecord | null;
  claims: JwtClaims | null;
}

interface Entry {
  value: CachedCaller;
  /** performance.now() after which the entry is stale. */
  until: number;
}

export interface AuthCacheOptions {
  /** Seconds an entry lives; 0 turns the cache off. */
  ttl: number;
  /** Entries kept at most. */
  max: number;
}

/** The cache key of a credential: its SHA-256, so no token is kept in memory longer than its request. */
export function credentialKey(token: string): string {
  return tokenDigest(token);
}

function freeze(value: CachedCaller): CachedCaller {
  // Every request that hits the entry shares these objects: nobody may change them.
  Object.freeze(value.user.profile);
  Object.freeze(value.user);
  if (value.session) Object.freeze(value.session);
  if (value.claims) Object.freeze(value.claims);
  return Object.freeze(value);
}

export class AuthCache {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, by key: requests for the same credential wait for one read, not one each. */
  private readonly reading = new Map<string, Promise<CachedCaller | null>>();
  private readonly ttlMs: number;
  private readonly max: number;
  /** Bumped by every forget. */
  private generation = 0;
  /** The forgets made while reads were under way: a read must not keep what one of them forgot. */
  private readonly forgets: { generation: number; matches: (value: CachedCaller) => boolean }[] = [];
  /** How many reads under way began at each generation. */
  private readonly readsSince = new Map<number, number>();

  constructor(options: AuthCacheOptions) {
    this.ttlMs = options.ttl * 1000;
    this.max = options.max;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached caller of `key`, else what `read` answers (remembered when it is someone). */
  async remember(key: string, read: () => Promise<CachedCaller | null>): Promise<CachedCaller | null> {
    if (this.ttlMs <= 0) return read();
    const started = performance.now();
    const entry = this.entries.get(key);
    if (entry && entry.until > started) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    }
    if (entry) this.entries.delete(key);
    const underWay = this.reading.get(key);
    if (underWay) return underWay;
    const reading = this.readAndKeep(key, read, started);
    this.reading.set(key, reading);
    try {
      return await reading;
    } finally {
      if (this.reading.get(key) === reading) this.reading.delete(key);
    }
  }

  private async readAndKeep(key: string, read: () => Promise<CachedCaller | null>, started: number): Promise<CachedCaller | null> {
    const generation = this.generation;
    this.readsSince.set(generation, (this.readsSince.get(generation) ?? 0) + 1);
    try {
      const value = await read();
      // Only a forget of this very user, session or family spoils the read (not another user's login).
      if (!value || this.forgets.some((forget) => forget.generation > generation && forget.matches(value))) return value;
      this.entries.set(key, { value: freeze(value), until: started + this.ttlMs });
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
      return value;
    } finally {
      const left = this.readsSince.get(generation)! - 1;
      if (left) this.readsSince.set(generation, left);
      else this.readsSince.delete(generation);
      // A forget matters only to reads that began before it.
      const oldest = this.readsSince.size ? Math.min(...this.readsSince.keys()) : Infinity;
      while (this.forgets.length && this.forgets[0].generation <= oldest) this.forgets.shift();
    }
  }

  /** Forgets every credential of the user (logout everywhere, password or flag change, deletion). */
  forgetUser(userId: string): void {
    this.forget((value) => value.user.id === userId);
  }

  /** Forgets the session's token (logout, revokeSession). */
  forgetSession(sessionId: string): void {
    this.forget((value) => value.session?.id === sessionId);
  }

  /** Forgets the access tokens of a refresh-token family. */
  forgetFamily(familyId: string): void {
    this.forget((value) => value.claims?.fam === familyId);
  }

  /** Keeps a cached session's times in step with a touch, so the next request does not touch again. */
  touched(sessionId: string, lastUsedAt: Date, expiresAt: Date | undefined): void {
    for (const entry of this.entries.values()) {
      const { session } = entry.value;
      if (session?.id !== sessionId) continue;
      const touched = Object.freeze({ ...session, lastUsedAt, expiresAt: expiresAt ?? session.expiresAt });
      entry.value = Object.freeze({ ...entry.value, session: touched });
    }
  }

  private forget(matches: (value: CachedCaller) => boolean): void {
    this.generation += 1;
    if (this.readsSince.size) this.forgets.push({ generation: this.generation, matches });
    // A request after this forget starts its own read rather than wait for one begun before it.
    this.reading.clear();
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }
}

/**
 * The store, with every write that can end a credential or change a user forgetting what the
 * cache holds for it, after the write (also a failed one: it may have landed).
 */
export function forgetOnWrite<S extends Pick<AccountStore, 'users' | 'sessions' | 'refreshTokens'>>(store: S, cache: AuthCache): S {
  const after = <A extends unknown[], R>(write: (...args: A) => Promise<R>, forget: (...args: A) => void) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        forget(...args);
      }
    };
  const { users, sessions, refreshTokens } = store;
  return {
    ...store,
    users: {
      ...users,
      updateUser: after(users.updateUser, (id) => cache.forgetUser(id)),
      updateUserIf: after(users.updateUserIf, (id) => cache.forgetUser(id)),
      changeLogin: after(users.changeLogin, (id) => cache.forgetUser(id)),
      advanceTotpStep: after(users.advanceTotpStep, (id) => cache.forgetUser(id)),
      deleteUser: after(users.deleteUser, (id) => cache.forgetUser(id)),
      useRecoveryCode: after(users.useRecoveryCode, (id) => cache.forgetUser(id)),
    },
    sessions: {
      ...sessions,
      revokeSession: after(sessions.revokeSession, (id) => cache.forgetSession(id)),
      revokeUserSessions: after(sessions.revokeUserSessions, (userId) => cache.forgetUser(userId)),
      markSessionAuthenticated: after(sessions.markSessionAuthenticated, (id) => cache.forgetSession(id)),
      touchSession: after(sessions.touchSession, (id, lastUsedAt, expiresAt) => cache.touched(id, lastUsedAt, expiresAt)),
    },
    refreshTokens: {
      ...refreshTokens,
      revokeFamily: after(refreshTokens.revokeFamily, (familyId) => cache.forgetFamily(familyId)),
      revokeUserFamilies: after(refreshTokens.revokeUserFamilies, (userId) => cache.forgetUser(userId)),
    },
  };
}
