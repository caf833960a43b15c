// What the store keeps, as plain records: the types every other folder sees (no database types).

export interface UserRecord {
  id: string;
  email: string | null;
  username: string | null;
  /** The normalized login field (trimmed, NFKC, lower-cased); unique. */
  loginKey: string;
  /** The normalized email, for lookups by email when the login field is the username. */
  emailKey: string | null;
  passwordHash: string;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  dateJoined: Date;
  lastLogin: Date | null;
  /** Set when the account first became active; a never-activated user has none. */
  activatedAt: Date | null;
  /** Set when staff deactivated the account; part of the one-time token fingerprint. */
  deactivatedAt: Date | null;
  /** An email address change waiting for confirmation from the link sent to it. */
  pendingEmail: string | null;
  /** Counts password changes and resets: JWT access tokens carry it, older ones are refused. */
  credentialsVersion: number;
  /** The declared userFields. */
  profile: Record<string, unknown>;
}

export type NewUser = Omit<UserRecord, 'id'>;

export type UserChanges = Partial<Omit<UserRecord, 'id' | 'profile'>> & { profile?: Record<string, unknown> };

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export interface RefreshTokenRecord {
  id: string;
  jtiHash: string;
  familyId: string;
  userId: string;
  familyCreatedAt: Date;
  createdAt: Date;
  expiresAt: Date;
  /** When it was exchanged for its successor; null while it is the family's live token. */
  usedAt: Date | null;
  userAgent: string | null;
  ip: string | null;
}

/** An OAuth authorization in flight, between oauthStart and oauthCallback: single use, short-lived. */
export interface OAuthStateRecord {
  /** SHA-256 of the state sent to the provider. */
  stateHash: string;
  provider: string;
  redirectUri: string;
  codeVerifier: string;
  nonce: string | null;
  /** The signed-in user who asked to link the provider; null for a login. */
  linkUserId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** A provider identity (provider + subject) that logs a user in. */
export interface LinkedAccountRecord {
  id: string;
  userId: string;
  provider: string;
  subject: string;
  email: string | null;
  linkedAt: Date;
  /** The provider's tokens, encrypted, only with oauth.storeTokens. */
  encryptedTokens: string | null;
}
