// Social login: start an authorization at a provider, finish it (log in, sign up or link),
// list and remove the caller's linked providers.
import { sealSecret } from '../crypto/sealed';
import { tokenDigest } from '../crypto/session-token';
import { OAuthProviderError, type ProviderIdentity } from '../oauth/providers';
import type { LinkedAccountRecord, UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { requireFreshSession } from './freshness';
import { OAUTH_FAILURE_DETAILS } from './messages';
import type { MfaChallenge } from './mfa-challenge';
import { checkRequestLimits } from './rate-limits';
import type { Failure, RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { signIn } from './sign-in';
import { activeUserRecord, toPublicUser, type PublicUser } from './users';
import { normalizeEmail, normalizeLogin } from './validation';

const STATE_LIFETIME_MS = 10 * 60 * 1000;

/** Marks a user created by a provider: not an argon2 hash, so no password ever matches it. */
export const OAUTH_ONLY_PASSWORD = '!oauth';

export interface LinkedAccountView {
  provider: string;
  email: string | null;
  linkedAt: Date;
}


function oauthFailed(deps: AccountDeps, detail?: string): Failure {
  const message = deps.messages('OAUTH_FAILED');
  return { ok: false, kind: 'auth', code: 'OAUTH_FAILED', message: detail ? `${message} ${detail}` : message };
}

/** A password that can log in: not the marker of a provider-created user, nor a Django unusable one. */
export function hasUsablePassword(user: UserRecord): boolean {
  return !user.passwordHash.startsWith('!');
}

export async function oauthStart(
  deps: AccountDeps,
  caller: Authenticated | null,
  input: { provider: string; redirectUri: string },
  meta: RequestMeta,
): Promise<Result<{ authorizationUrl: string; state: string }>> {
  // Each start stores a state: a provider login counts against the login limit per client network.
  const limited = await checkRequestLimits(deps, 'login', meta);
  if (limited) return limited;
  if (!deps.providers.has(input.provider)) return oauthFailed(deps, `Unknown provider "${input.provider}".`);
  // An open redirect for codes: only the site's own callback pages may receive one.
  if (!deps.config.oauth.redirectUris.includes(input.redirectUri)) return oauthFailed(deps, 'This redirect URI is not allowed.');
  // A signed-in start links the provider to the caller: a new way in, so only from a fresh session.
  const stale = caller && (await requireFreshSession(deps, caller));
  if (stale) return stale;
  const pending = await deps.providers.start(input.provider, input.redirectUri);
  const now = deps.now();
  await deps.store.oauth.saveState({
    stateHash: tokenDigest(pending.state),
    provider: input.provider,
    redirectUri: input.redirectUri,
    codeVerifier: pending.codeVerifier,
    nonce: pending.nonce,
    linkUserId: caller?.user.id ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS),
  });
  return { ok: true, authorizationUrl: pending.authorizationUrl, state: pending.state };
}

export interface OAuthCallbackInput {
  provider: string;
  code: string;
  state: string;
  iss?: string | null;
}

export async function oauthCallback(
  deps: AccountDeps,
  caller: Authenticated | null,
  input: OAuthCallbackInput,
  meta: RequestMeta,
): Promise<Result<{ user: PublicUser; token: string | null; created: boolean } | MfaChallenge>> {
  if (!input.state || !input.code) return oauthFailed(deps, 'The provider sent no code.');
  const pending = await deps.store.oauth.takeState(tokenDigest(input.state), deps.now());
  // Unknown, used, expired, or made for another provider (mix-up): refused alike.
  if (!pending || pending.provider !== input.provider) return oauthFailed(deps, 'This sign-in link is invalid or has expired; please start again.');
  // A link started by one user must be finished by that user, or a stranger could attach their identity to the victim's session.
  if (pending.linkUserId && caller?.user.id !== pending.linkUserId) return oauthFailed(deps, 'Sign in as the account that asked to link this provider.');
  const stale = pending.linkUserId && caller && (await requireFreshSession(deps, caller));
  if (stale) return stale;

  let identity: ProviderIdentity;
  try {
    identity = await deps.providers.finish(input.provider, { code: input.code, state: input.state, iss: input.iss ?? null }, { ...pending, state: input.state });
  } catch (error) {
    if (error instanceof OAuthProviderError) {
      deps.config.logger.warn('oauth callback refused', { provider: input.provider, reason: error.message });
      return oauthFailed(deps, error.message);
    }
    throw error;
  }
  const tokens = deps.config.oauth.storeTokens ? sealSecret(deps.config.secret, 'oauth tokens', '', JSON.stringify(identity.tokens)) : null;

  if (pending.linkUserId && caller) return linkToCaller(deps, caller, input.provider, identity, tokens, meta);

  const existing = await deps.store.oauth.findLink(input.provider, identity.subject);
  if (existing) {
    const user = await deps.store.users.findUserById(existing.userId);
    if (!user || !user.isActive) return oauthFailed(deps, 'This account is not active.');
    if (tokens) await deps.store.oauth.updateLinkTokens(existing.id, tokens);
    return logIn(deps, user, false, meta);
  }

  // Only an address the provider vouches for may reach an existing account or make a new one.
  if (!identity.verifiedEmail) return oauthFailed(deps, 'The provider did not confirm an email address for this account.');
  const owners = await usersWithEmailKey(deps, normalizeEmail(identity.verifiedEmail));
  if (owners.length > 1) return oauthFailed(deps, 'More than one account uses this email address; log in with your password and link the provider.');
  const [owner] = owners;
  if (owner && !owner.isActive) {
    // An unconfirmed (or deactivated) account with this address may be someone else's trap: it is never activated this way.
    return oauthFailed(deps, 'An account with this email address exists but is not active.');
  }
  // Someone may have registered the address before its owner came (pre-account hijacking): only a proven address links.
  if (owner && !owner.emailVerified) return oauthFailed(deps, OAUTH_FAILURE_DETAILS.unprovenAddress);
  if (owner) {
    const linked = await insertLink(deps, owner, input.provider, identity, tokens);
    if (!linked.ok) return linked;
    await emit(deps, { type: 'ACCOUNT_LINKED', actor: owner.id, subject: owner.id, meta, detail: input.provider, user: owner, noticeDetail: `${providerLabel(deps, input.provider)} account` });
    return logIn(deps, owner, false, meta);
  }

  if (!deps.config.oauth.allowSignup) return oauthFailed(deps, 'No account is linked to this identity, and sign-up is closed.');
  const created = await createUser(deps, identity.verifiedEmail);
  if (!created) return oauthFailed(deps, 'An account with this email address already exists.');
  const linked = await insertLink(deps, created, input.provider, identity, tokens);
  if (!linked.ok) {
    await deps.store.users.deleteUser(created.id);
    return linked;
  }
  await emit(deps, { type: 'REGISTERED', actor: created.id, subject: created.id, meta, detail: `OAUTH:${input.provider}`, user: created });
  return logIn(deps, created, true, meta);
}

function providerLabel(deps: AccountDeps, name: string): string {
  return deps.providers.list().find((p) => p.name === name)?.label ?? name;
}

async function usersWithEmailKey(deps: AccountDeps, emailKey: string): Promise<UserRecord[]> {
  if (deps.config.loginField === 'email') {
    const user = await deps.store.users.findUserByLogin(emailKey);
    return user ? [user] : [];
  }
  return deps.store.users.findUsersByEmail(emailKey);
}

async function insertLink(deps: AccountDeps, user: UserRecord, provider: string, identity: ProviderIdentity, tokens: string | null): Promise<Result<{ link: LinkedAccountRecord }>> {
  const link = await deps.store.oauth.insertLink({
    userId: user.id,
    provider,
    subject: identity.subject,
    email: identity.email,
    linkedAt: deps.now(),
    encryptedTokens: tokens,
  });
  // The unique indexes decide: this identity is someone else's, or this user already has another one of this provider.
  if (link === 'duplicate') return oauthFailed(deps, 'This provider account is already linked, or this account already has one of this provider.');
  return { ok: true, link };
}

async function linkToCaller(deps: AccountDeps, caller: Authenticated, provider: string, identity: ProviderIdentity, tokens: string | null, meta: RequestMeta) {
  const existing = await deps.store.oauth.findLink(provider, identity.subject);
  if (existing && existing.userId !== caller.user.id) return oauthFailed(deps, 'This provider account is linked to another user.');
  if (!existing) {
    const linked = await insertLink(deps, caller.user, provider, identity, tokens);
    if (!linked.ok) return linked;
    await emit(deps, { type: 'ACCOUNT_LINKED', actor: caller.user.id, subject: caller.user.id, meta, detail: provider, user: caller.user, noticeDetail: `${providerLabel(deps, provider)} account` });
  }
  return { ok: true as const, user: toPublicUser(caller.user), token: null, created: false };
}

/** A new active user with the provider's verified email and no usable password. */
async function createUser(deps: AccountDeps, email: string): Promise<UserRecord | null> {
  const now = deps.now();
  const trimmed = email.trim();
  const created = await deps.store.users.insertUser(
    activeUserRecord(
      {
        email: trimmed,
        username: deps.config.loginField === 'username' ? trimmed : null,
        loginKey: deps.config.loginField === 'username' ? normalizeLogin(trimmed) : normalizeEmail(trimmed),
        emailKey: normalizeEmail(trimmed),
        passwordHash: OAUTH_ONLY_PASSWORD,
        // The provider vouched for the address.
        emailVerified: true,
      },
      now,
    ),
  );
  return created === 'duplicate' ? null : created;
}

/**
 * The provider stands in for the password: a user with a second factor still owes it (MfaRequired).
 * Only for a user without a password is it everything they have (a fresh session).
 */
async function logIn(deps: AccountDeps, user: UserRecord, created: boolean, meta: RequestMeta) {
  const signedIn = await signIn(deps, user, meta, { purpose: 'session', strength: hasUsablePassword(user) ? 'partial' : 'full' });
  return 'token' in signedIn ? { ...signedIn, created } : signedIn;
}

/** The providers a user may sign in with, for the login page's buttons. */
export function oauthProviders(deps: AccountDeps) {
  return deps.providers.list();
}

export async function linkedAccounts(deps: AccountDeps, caller: Authenticated): Promise<LinkedAccountView[]> {
  const links = await deps.store.oauth.listUserLinks(caller.user.id);
  return links.map(({ provider, email, linkedAt }) => ({ provider, email, linkedAt }));
}

export async function oauthUnlink(deps: AccountDeps, caller: Authenticated, input: { provider: string }, meta: RequestMeta): Promise<Result<object>> {
  const stale = await requireFreshSession(deps, caller);
  if (stale) return stale;
  const links = await deps.store.oauth.listUserLinks(caller.user.id);
  if (!links.some((link) => link.provider === input.provider)) return oauthFailed(deps, 'No account of this provider is linked.');
  // Without a password and without another provider, this link is the only way back into the account.
  if (!hasUsablePassword(caller.user) && links.length === 1) return { ok: false, kind: 'auth', code: 'LAST_LOGIN_METHOD', message: deps.messages('LAST_LOGIN_METHOD') };
  await deps.store.oauth.deleteLink(caller.user.id, input.provider);
  await emit(deps, { type: 'ACCOUNT_UNLINKED', actor: caller.user.id, subject: caller.user.id, meta, detail: input.provider, user: caller.user, noticeDetail: `${providerLabel(deps, input.provider)} account` });
  return { ok: true };
}
