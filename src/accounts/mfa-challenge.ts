// A password login of a user with a second factor stops half-way: it answers an mfaToken
// (5 minutes, single use, one user) that verifyMfa exchanges, with a code, for what the
// login would have answered.
import { tokenDigest, newSessionToken } from '../crypto/session-token';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';

export const MFA_TOKEN_LIFETIME_SECONDS = 5 * 60;

export type MfaMethod = 'TOTP' | 'RECOVERY_CODE';

/** What the first step answers instead of a token. */
export interface MfaChallenge {
  mfaToken: string;
  methods: MfaMethod[];
}

/** What the login answers once the second factor is passed. */
export type LoginPurpose = 'session' | 'jwt';

/** TOTP is on. (Passkeys are another way in, not a second step.) */
export function hasSecondFactor(user: UserRecord): boolean {
  return user.totpSecret !== null;
}

export function isMfaChallenge(value: object): value is MfaChallenge {
  return 'mfaToken' in value;
}

export async function startMfaChallenge(deps: AccountDeps, user: UserRecord, purpose: LoginPurpose): Promise<{ ok: true } & MfaChallenge> {
  const mfaToken = newSessionToken();
  const now = deps.now();
  await deps.store.challenges.insertChallenge({
    tokenHash: tokenDigest(mfaToken),
    kind: 'mfa',
    userId: user.id,
    purpose,
    credentialsVersion: user.credentialsVersion,
    createdAt: now,
    expiresAt: new Date(now.getTime() + MFA_TOKEN_LIFETIME_SECONDS * 1000),
  });
  deps.metrics.count('logins', 'mfa_required');
  return { ok: true, mfaToken, methods: user.recoveryCodeHashes.length ? ['TOTP', 'RECOVERY_CODE'] : ['TOTP'] };
}
