// The storage the use cases need, and nothing more: a narrow port in the shape of Lucia's
// Adapter. store/ implements it with mongoose; no database type crosses it.
import type { AuditEventRecord, LinkedAccountRecord, LoginChanges, LoginCodeRecord, UserExpectation, ChallengeKind, ChallengeRecord, NewUser, OAuthStateRecord, PasskeyRecord, RefreshTokenRecord, SessionRecord, UserChanges, UserRecord } from './records';

export interface UsersPort {
  /** The new user, or 'duplicate' when the login key is taken (decided by the unique index). */
  insertUser(user: NewUser): Promise<UserRecord | 'duplicate'>;
  findUserById(id: string): Promise<UserRecord | null>;
  findUserByLogin(loginKey: string): Promise<UserRecord | null>;
  findUsersByEmail(emailKey: string): Promise<UserRecord[]>;
  /** Changes that cannot collide (no login key): the updated user, or null when it is gone. */
  updateUser(id: string, changes: UserChanges): Promise<UserRecord | null>;
  /** The same, only while each `expected` field still equals its value (a compare-and-set): null when one no longer does. */
  updateUserIf(id: string, changes: UserChanges, expected: UserExpectation): Promise<UserRecord | null>;
  /** Changes that may move the login key (and a compare-and-set as above): 'duplicate' when the new key is taken. */
  changeLogin(id: string, changes: LoginChanges, expected?: UserExpectation): Promise<UserRecord | null | 'duplicate'>;
  /** Records the newest TOTP step accepted, only when newer than the stored one; false otherwise (a code works once). */
  advanceTotpStep(id: string, step: number): Promise<boolean>;
  listUsers(options: { after: { dateJoined: Date; id: string } | null; limit: number; search: string | null; onlyId?: string }): Promise<UserRecord[]>;
  deleteUser(id: string): Promise<boolean>;
  /** Removes one unused recovery code; false when it was not (or no longer) there. */
  useRecoveryCode(id: string, hash: string): Promise<boolean>;
}

export interface SessionsPort {
  createSession(session: Omit<SessionRecord, 'id'> & { tokenHash: string }): Promise<SessionRecord>;
  findSessionByTokenHash(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  touchSession(id: string, lastUsedAt: Date, expiresAt?: Date): Promise<void>;
  markSessionAuthenticated(id: string, at: Date): Promise<void>;
  revokeSession(id: string, userId?: string): Promise<boolean>;
  revokeUserSessions(userId: string, now: Date, keepId?: string): Promise<number>;
  listUserSessions(userId: string, now: Date, limit: number): Promise<SessionRecord[]>;
}

export interface RefreshTokensPort {
  insertRefreshToken(record: Omit<RefreshTokenRecord, 'id'>): Promise<boolean>;
  findRefreshToken(jtiHash: string): Promise<RefreshTokenRecord | null>;
  claimRefreshToken(id: string, now: Date): Promise<boolean>;
  markFamilyAuthenticated(familyId: string, at: Date): Promise<void>;
  familyAuthenticatedAt(familyId: string): Promise<Date | null>;
  revokeFamily(familyId: string, userId?: string): Promise<number>;
  /** The family still has an unexpired refresh token: it was not revoked (logout, revokeSession, reuse, password change). */
  familyIsLive(familyId: string, now: Date): Promise<boolean>;
  revokeUserFamilies(userId: string, now: Date, keepFamilyId?: string): Promise<number>;
  listUserRefreshTokens(userId: string, now: Date): Promise<RefreshTokenRecord[]>;
}

export interface RateLimitsPort {
  /** Counts one hit in the key's current window; past `cap` hits are answered as over it, not stored. */
  hit(key: string, windowSeconds: number, now: Date, cap?: number): Promise<{ count: number; windowEndsAt: Date }>;
  /** Takes one of the key's `limit` slots until `expiresAt` (its id), or null when all are taken. */
  takeSlot(key: string, limit: number, expiresAt: Date, now: Date): Promise<string | null>;
  releaseSlot(id: string): Promise<void>;
  /** Keeps the slot as a failure; the key's failures now. */
  failSlot(id: string, key: string, now: Date): Promise<number>;
  /** Holds the key until `until` unless held already; true when this call started the hold. */
  startHold(key: string, until: Date, now: Date): Promise<boolean>;
  /** When the last live hold of the keys ends, or null. */
  heldUntil(keys: string[], now: Date): Promise<Date | null>;
  clear(keys: string[]): Promise<void>;
  clearPrefixes(prefixes: string[]): Promise<void>;
}

export interface AuditPort {
  appendAuditEvent(event: Omit<AuditEventRecord, 'id'>): Promise<void>;
  /** Newest first, from just before `after`; a `subjectId` that is no id matches nothing. */
  listAuditEvents(query: {
    subjectId?: string | null;
    type?: string | null;
    since?: Date | null;
    after?: { at: Date; id: string } | null;
    limit: number;
  }): Promise<AuditEventRecord[]>;
}

/** Second-factor logins and passkey challenges in flight. */
export interface ChallengesPort {
  insertChallenge(record: Omit<ChallengeRecord, 'id'> & { tokenHash: string }): Promise<ChallengeRecord>;
  /** A live challenge of this kind (not expired), or null. */
  findChallenge(tokenHash: string, kind: ChallengeKind, now: Date): Promise<ChallengeRecord | null>;
  deleteChallenge(id: string): Promise<void>;
}

/** Single-use marks: what has been used once (a code, a token, a challenge), on every server. */
export interface UsedMarksPort {
  /** True for the first caller only (a unique index decides); the mark is kept until `until`. */
  markUsed(key: string, until: Date): Promise<boolean>;
}

export interface PasskeysPort {
  insertPasskey(record: Omit<PasskeyRecord, 'id'>): Promise<PasskeyRecord | 'duplicate'>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  listUserPasskeys(userId: string): Promise<PasskeyRecord[]>;
  recordPasskeyUse(id: string, counter: number, expectedCounter: number, usedAt: Date): Promise<boolean>;
  deletePasskey(id: string, userId: string): Promise<boolean>;
  deleteUserPasskeys(userId: string): Promise<number>;
}

export interface OAuthPort {
  saveState(state: OAuthStateRecord): Promise<void>;
  /** Single use: the state is gone after this, whatever it answers. */
  takeState(stateHash: string, now: Date): Promise<OAuthStateRecord | null>;
  insertLink(link: Omit<LinkedAccountRecord, 'id'>): Promise<LinkedAccountRecord | 'duplicate'>;
  findLink(provider: string, subject: string): Promise<LinkedAccountRecord | null>;
  updateLinkTokens(id: string, encryptedTokens: string | null): Promise<void>;
  listUserLinks(userId: string): Promise<LinkedAccountRecord[]>;
  deleteLink(userId: string, provider: string): Promise<boolean>;
  deleteUserLinks(userId: string): Promise<void>;
}

export interface LoginCodesPort {
  /** Stores a code (its id chosen by the caller) and ends the older codes of its address. */
  replaceLoginCode(record: LoginCodeRecord): Promise<void>;
  /** The newest live code of an address. */
  findLoginCode(emailKey: string, now: Date): Promise<LoginCodeRecord | null>;
  findLoginCodeById(id: string, now: Date): Promise<LoginCodeRecord | null>;
  /** Spends a code: true for the first caller only. */
  takeLoginCode(id: string): Promise<boolean>;
}

export interface AccountStore {
  users: UsersPort;
  sessions: SessionsPort;
  refreshTokens: RefreshTokensPort;
  rateLimits: RateLimitsPort;
  audit: AuditPort;
  challenges: ChallengesPort;
  usedMarks: UsedMarksPort;
  passkeys: PasskeysPort;
  oauth: OAuthPort;
  loginCodes: LoginCodesPort;
}
