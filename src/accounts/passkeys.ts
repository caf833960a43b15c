// Passkeys (WebAuthn, on @simplewebauthn/server): a signed-in user on a fresh session registers
// one; anyone signs in with one without typing a login (a discoverable credential), which also
// passes the second factor when the authenticator verified the user (webauthn.userVerification). Every ceremony answers a challenge the server stored (hashed, single use,
// 5 minutes); a signature counter that goes backwards (a cloned authenticator) is refused.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { tokenDigest } from '../crypto/session-token';
import { onFirstUse } from '../on-first-use';
import type { ChallengeKind, ChallengeRecord, PasskeyRecord, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { checkCurrentPasswordOnFreshSession, requireFreshSession } from './freshness';
import { checkRequestLimits, clearLoginLocks } from './rate-limits';
import type { RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { signIn } from './sign-in';
import { authFailure, denied, loginValue, validationFailure } from './users';
import { inputErrors, passkeyName } from './validation';

const CHALLENGE_LIFETIME_MS = 5 * 60_000;

// It brings an X.509/ASN.1 stack whose loading costs a start about 0.2 s.
const webauthn = onFirstUse(() => import('@simplewebauthn/server'));

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const toView = ({ id, name, createdAt, lastUsedAt }: PasskeyRecord): PasskeyView => ({ id, name, createdAt, lastUsedAt });

/** The WebAuthn user handle of an account: its id's 12 bytes (never an email). */
const userHandle = (userId: string) => new Uint8Array(Buffer.from(userId, 'hex'));

async function storeChallenge(deps: AccountDeps, challenge: string, kind: ChallengeKind, userId: string | null): Promise<void> {
  const now = deps.now();
  await deps.store.challenges.insertChallenge({
    tokenHash: tokenDigest(challenge),
    kind,
    userId,
    purpose: null,
    credentialsVersion: null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
  });
}

/** The challenge a browser's response signed (from its clientDataJSON), or null. */
function challengeOf(response: unknown): string | null {
  const clientData = (response as { response?: { clientDataJSON?: unknown } } | null)?.response?.clientDataJSON;
  if (typeof clientData !== 'string' || clientData.length > 4096) return null;
  try {
    const { challenge } = JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof challenge === 'string' && challenge.length <= 200 ? challenge : null;
  } catch {
    return null;
  }
}

/** Takes the stored challenge a response answers: it works once, whatever the verification says next. */
async function takeChallenge(deps: AccountDeps, response: unknown, kind: ChallengeKind): Promise<{ challenge: string; record: ChallengeRecord } | null> {
  const challenge = challengeOf(response);
  if (!challenge) return null;
  const record = await deps.store.challenges.findChallenge(tokenDigest(challenge), kind, deps.now());
  if (!record || !(await deps.store.usedMarks.markUsed(`challenge:${record.id}`, record.expiresAt))) return null;
  await deps.store.challenges.deleteChallenge(record.id);
  return { challenge, record };
}

function refused(deps: AccountDeps, ceremony: string, reason: string): Result<never> {
  deps.config.logger.info(`a passkey ${ceremony} was refused`, { reason });
  return authFailure(deps.messages, 'INVALID_PASSKEY');
}

export async function passkeys(deps: AccountDeps, userId: string): Promise<PasskeyView[]> {
  return (await deps.store.passkeys.listUserPasskeys(userId)).map(toView);
}

export async function passkeyRegistrationOptions(deps: AccountDeps, caller: Authenticated): Promise<Result<{ options: object }>> {
  const { user } = caller;
  // A passkey is a new way in (both factors at once): only from a fresh session.
  const stale = await requireFreshSession(deps, caller);
  if (stale) return stale;
  const existing = await deps.store.passkeys.listUserPasskeys(user.id);
  const { rpId, rpName } = deps.config.webauthn;
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName,
    rpID: rpId,
    userName: loginValue(deps.config, user),
    userID: userHandle(user.id),
    attestationType: 'none',
    // The same authenticator twice is refused by the browser already.
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    // Discoverable: signing in needs no login typed.
    authenticatorSelection: { residentKey: 'required', userVerification: deps.config.webauthn.userVerification },
    timeout: CHALLENGE_LIFETIME_MS,
  });
  await storeChallenge(deps, options.challenge, 'passkey-registration', user.id);
  return { ok: true, options };
}

export async function passkeyRegister(
  deps: AccountDeps,
  caller: Authenticated,
  input: { response: unknown; name?: string | null },
  meta: RequestMeta,
): Promise<Result<{ passkey: PasskeyView }>> {
  const fieldErrors = inputErrors(deps.inputShapes.passkeyRegister, input);
  if (fieldErrors.length) return validationFailure(deps.messages, fieldErrors);
  const stale = await requireFreshSession(deps, caller);
  if (stale) return stale;
  const name = passkeyName(input.name);
  const taken = await takeChallenge(deps, input.response, 'passkey-registration');
  // A challenge is the user's who asked for it.
  if (!taken || taken.record.userId !== caller.user.id) return refused(deps, 'registration', 'no such challenge for this user');
  const { rpId, origins } = deps.config.webauthn;
  let credential;
  try {
    const verified = await (await webauthn()).verifyRegistrationResponse({
      response: input.response as RegistrationResponseJSON,
      expectedChallenge: taken.challenge,
      expectedOrigin: origins,
      expectedRPID: rpId,
      requireUserVerification: deps.config.webauthn.userVerification === 'required',
    });
    if (!verified.verified) return refused(deps, 'registration', 'not verified');
    credential = verified.registrationInfo.credential;
  } catch (error) {
    return refused(deps, 'registration', (error as Error).message);
  }
  const stored = await deps.store.passkeys.insertPasskey({
    userId: caller.user.id,
    credentialId: credential.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? [],
    name,
    createdAt: deps.now(),
    lastUsedAt: null,
  });
  if (stored === 'duplicate') return refused(deps, 'registration', 'the credential is registered already');
  await emit(deps, { type: 'SECOND_FACTOR_ADDED', actor: caller.user.id, subject: caller.user.id, meta, detail: 'PASSKEY', user: caller.user, noticeDetail: name });
  return { ok: true, passkey: toView(stored) };
}

export async function passkeyRemove(deps: AccountDeps, caller: Authenticated, input: { id: string; currentPassword: string }, meta: RequestMeta): Promise<Result<object>> {
  const current = await checkCurrentPasswordOnFreshSession(deps, caller, input.currentPassword, meta);
  if (!Array.isArray(current)) return current;
  if (current.length) return validationFailure(deps.messages, current);
  const passkey = (await deps.store.passkeys.listUserPasskeys(caller.user.id)).find((p) => p.id === input.id);
  if (!passkey || !(await deps.store.passkeys.deletePasskey(passkey.id, caller.user.id))) return denied('NOT_FOUND');
  await emit(deps, { type: 'SECOND_FACTOR_REMOVED', actor: caller.user.id, subject: caller.user.id, meta, detail: 'PASSKEY', user: caller.user, noticeDetail: passkey.name });
  return { ok: true };
}

export async function passkeyLoginOptions(deps: AccountDeps, meta: RequestMeta): Promise<Result<{ options: object }>> {
  // Each call stores a challenge: counted like a login attempt from this client.
  const limited = await checkRequestLimits(deps, 'login', meta);
  if (limited) return limited;
  // User verification (PIN, biometrics) makes the passkey two factors in one: it stands in for the password and the code.
  const { rpId, userVerification } = deps.config.webauthn;
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: rpId, userVerification, timeout: CHALLENGE_LIFETIME_MS });
  await storeChallenge(deps, options.challenge, 'passkey-login', null);
  return { ok: true, options };
}

/** A verified assertion: whose passkey signed, and whether the authenticator verified the user. */
export interface VerifiedAssertion {
  user: UserRecord;
  userVerified: boolean;
}

/**
 * Checks a passkey assertion against a challenge of passkeyLoginOptions: the challenge (used up
 * whatever follows), the credential, its active owner, the signature and the counter.
 */
export async function verifyPasskeyAssertion(
  deps: AccountDeps,
  response: AuthenticationResponseJSON,
  ceremony: string,
  requireUserVerification: boolean,
): Promise<Result<VerifiedAssertion>> {
  const taken = await takeChallenge(deps, response, 'passkey-login');
  if (!taken) return refused(deps, ceremony, 'no such challenge');
  const passkey = typeof response?.id === 'string' ? await deps.store.passkeys.findPasskeyByCredentialId(response.id) : null;
  if (!passkey) return refused(deps, ceremony, 'unknown credential');
  const user = await deps.store.users.findUserById(passkey.userId);
  if (!user || !user.isActive) return refused(deps, ceremony, 'no active user');
  // The authenticator names the account it signs for: it must be the passkey's own.
  const handle = response.response?.userHandle;
  if (handle !== undefined && handle !== Buffer.from(userHandle(user.id)).toString('base64url')) return refused(deps, ceremony, 'user handle of another account');
  const { rpId, origins } = deps.config.webauthn;
  let newCounter: number;
  let userVerified: boolean;
  try {
    const verified = await (await webauthn()).verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: origins,
      expectedRPID: rpId,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification,
    });
    if (!verified.verified) return refused(deps, ceremony, 'not verified');
    newCounter = verified.authenticationInfo.newCounter;
    userVerified = verified.authenticationInfo.userVerified;
  } catch (error) {
    return refused(deps, ceremony, (error as Error).message);
  }
  // Compare-and-set on the counter: of two ceremonies racing with one counter value, one passes.
  if (!(await deps.store.passkeys.recordPasskeyUse(passkey.id, newCounter, passkey.counter, deps.now()))) return refused(deps, ceremony, 'counter changed meanwhile');
  return { ok: true, user, userVerified };
}

/**
 * A session for the passkey's owner. Only a user-verified assertion stands for both factors (a
 * fresh session); without verification, where webauthn.userVerification allows it, a user with
 * TOTP still owes the code (MfaRequired), and anyone else gets a session that is not fresh.
 */
export async function passkeyLogin(deps: AccountDeps, input: { response: unknown }, meta: RequestMeta) {
  const requireUserVerification = deps.config.webauthn.userVerification === 'required';
  const verified = await verifyPasskeyAssertion(deps, input.response as AuthenticationResponseJSON, 'login', requireUserVerification);
  if (!verified.ok) return verified;
  const { user, userVerified } = verified;
  // A user-verified passkey proves the owner, as a completed reset does: the account's lockouts end.
  if (userVerified) await clearLoginLocks(deps, user.loginKey);
  return signIn(deps, user, meta, { purpose: 'session', strength: userVerified ? 'full' : 'partial', allFactors: userVerified });
}
