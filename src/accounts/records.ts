// What the accounts keep, as plain records: the vocabulary of the store port (store-port.ts).
// store/ implements the port with these types; no database type crosses it.

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
  /**
   * The user proved control of `email` (an emailed link came back, or a provider vouched for it).
   * Set with `{ emailVerified: true }` where the proof happens; any change of the address without proof clears it.
   */
  emailVerified: boolean;
  /** Counts password changes and resets: JWT access tokens carry it, older ones are refused. */
  credentialsVersion: number;
  /** The declared userFields. */
  profile: Record<string, unknown>;
  /** The TOTP secret, sealed (AES-256-GCM); null while the second factor is off. */
  totpSecret: string | null;
  /** A sealed secret from totpSetup, waiting for its first code in totpEnable. */
  totpPendingSecret: string | null;
  /** The newest TOTP time step accepted: older and equal steps are refused (a code works once). */
  totpLastStep: number;
  /** SHA-256 hashes of the recovery codes not used yet. */
  recoveryCodeHashes: string[];
}

type SecondFactorField = 'totpSecret' | 'totpPendingSecret' | 'totpLastStep' | 'recoveryCodeHashes';

/** A new user starts without a second factor unless given one. */
export type NewUser = Omit<UserRecord, 'id' | SecondFactorField> & Partial<Pick<UserRecord, SecondFactorField>>;

/** A change of some fields (profile fields one by one) that leaves the login key alone, so it cannot collide. */
export type UserChanges = Partial<Omit<UserRecord, 'id' | 'profile' | 'loginKey'>> & { profile?: Record<string, unknown> };

/** A change that may move the login key (the address or username that signs in): it can collide with another user's. */
export type LoginChanges = UserChanges & { loginKey?: string };

/** What a compare-and-set expects of the stored user: field values, compared for equality. */
export type UserExpectation = Partial<Omit<UserRecord, 'id' | 'profile'>>;

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The session's last full sign-in or re-authentication; null when it never had one (e.g. a provider login of a user with a password). */
  authenticatedAt: Date | null;
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
  /** The family's last full sign-in or re-authentication (an access token's auth_time); carried from token to token. */
  authenticatedAt: Date | null;
}

/** One security event in the audit log: who did what to whom, from where, and how it ended; never a secret. */
export interface AuditEventRecord {
  id: string;
  at: Date;
  type: string;
  /** Who acted (the caller, or the user who proved the account); null when nobody is known. */
  actorId: string | null;
  /** The account the event is about; null for a failed login of an unknown account. */
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  outcome: 'SUCCESS' | 'FAILURE';
  /** A short code qualifying the event (why a login failed, …). */
  detail: string | null;
  /** Names (never values) of the fields a change touched. */
  fields: string[];
}

/** What a challenge stands for: a password login waiting for its second factor, or a passkey challenge. */
export type ChallengeKind = 'mfa' | 'passkey-registration' | 'passkey-login';

/** A challenge in flight, looked up by the SHA-256 of its token: single use, short-lived. */
export interface ChallengeRecord {
  id: string;
  kind: ChallengeKind;
  /** The user it belongs to (none for a passkey login's challenge). */
  userId: string | null;
  /** What the login answers once the second factor is passed: a session token or a JWT pair. */
  purpose: 'session' | 'jwt' | null;
  /** The user's credentials version when the password was checked: a password change ends the login. */
  credentialsVersion: number | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface PasskeyRecord {
  id: string;
  userId: string;
  /** The WebAuthn credential id (base64url), unique. */
  credentialId: string;
  /** The COSE public key (base64url). */
  publicKey: string;
  /** The authenticator's signature counter at its last use. */
  counter: number;
  transports: string[];
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
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

/** A passwordless sign-in request: one live per address; its code and link token are stored as keyed digests only. */
export interface LoginCodeRecord {
  id: string;
  /** The normalized address the code was sent to: it works only for it. */
  emailKey: string;
  /** The address as typed, for the account a sign-up creates. */
  email: string;
  userId: string | null;
  codeDigest: string;
  linkDigest: string;
  createdAt: Date;
  expiresAt: Date;
}
