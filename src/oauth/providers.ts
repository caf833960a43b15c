// Talking to OAuth 2.0 / OpenID Connect providers through openid-client: discovery, the
// authorization URL (PKCE S256, state, nonce), the code exchange with ID token validation,
// and GitHub's plain OAuth 2.0 with its user API. No storage and no users here.
import * as client from 'openid-client';
import { ConfigError, isLoopbackUrl, type AuthConfig } from '../config';
import { ServiceUnavailableError } from '../errors';

type ProviderOptions = AuthConfig['oauth']['providers'][string];

/** Who the provider says signed in. */
export interface ProviderIdentity {
  subject: string;
  /** Only an address the provider asserts as verified; null otherwise. */
  verifiedEmail: string | null;
  /** Any address the provider gave, verified or not (shown on the linked account). */
  email: string | null;
  tokens: { accessToken: string; refreshToken: string | null; expiresAt: Date | null };
}

/** What oauthStart keeps server-side until the callback. */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  nonce: string | null;
  authorizationUrl: string;
}

/** The provider refused or answered something that does not check out; the message is readable. */
export class OAuthProviderError extends Error {
  name = 'OAuthProviderError';
}

const GITHUB = {
  authorization: 'https://github.com/login/oauth/authorize',
  token: 'https://github.com/login/oauth/access_token',
  api: 'https://api.github.com',
};

const DEFAULT_LABELS: Record<string, string> = { google: 'Google', microsoft: 'Microsoft', github: 'GitHub' };

interface ResolvedProvider {
  name: string;
  label: string;
  kind: 'oidc' | 'github';
  /** The OIDC issuer, or GitHub's (pseudo) issuer: its authorization server. */
  issuer: string;
  scopes: string[];
  options: ProviderOptions;
  githubEndpoints: typeof GITHUB;
}

function resolveProvider(name: string, options: ProviderOptions): ResolvedProvider {
  const preset = options.preset ?? (['google', 'microsoft', 'github'].includes(name) ? (name as 'google' | 'microsoft' | 'github') : undefined);
  const label = options.label ?? DEFAULT_LABELS[preset ?? ''] ?? name;
  if (preset === 'github') {
    const githubEndpoints = options.endpoints ?? GITHUB;
    return { name, label, kind: 'github', issuer: new URL(githubEndpoints.authorization).origin, scopes: options.scopes ?? ['read:user', 'user:email'], options, githubEndpoints };
  }
  let issuer = options.issuer;
  if (!issuer && preset === 'google') issuer = 'https://accounts.google.com';
  if (!issuer && preset === 'microsoft') {
    // "common" and "organizations" publish a templated issuer that no ID token carries: a tenant is needed.
    if (!options.tenant) throw new ConfigError(`authql: oauth provider "${name}": the microsoft preset needs "tenant" (your directory id)`);
    issuer = `https://login.microsoftonline.com/${options.tenant}/v2.0`;
  }
  if (!issuer) throw new ConfigError(`authql: oauth provider "${name}": "issuer" is required (or a preset: google, microsoft, github)`);
  return { name, label, kind: 'oidc', issuer, scopes: options.scopes ?? ['openid', 'email', 'profile'], options, githubEndpoints: GITHUB };
}

/** A network failure, a timeout or a 5xx from the provider: it cannot be reached, which is not the user's fault. */
function isUnreachable(error: unknown): boolean {
  for (let current = error as { name?: string; message?: string; code?: string; status?: number; cause?: unknown } | undefined, depth = 0; current && depth < 6; current = current.cause as typeof current, depth++) {
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    if (current.name === 'TypeError' && current.message === 'fetch failed') return true;
    if (typeof current.code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(current.code)) return true;
    if (typeof current.status === 'number' && current.status >= 500) return true;
  }
  return false;
}

function describeFailure(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return error.error_description || error.error;
  if (error instanceof client.AuthorizationResponseError) return error.error_description || error.error;
  // oauth4webapi keeps the details in the cause: the ID token claim that did not check out (nonce, iss, aud, exp),
  // or the body of a 200 response that carries an error (GitHub answers errors that way).
  for (let cause = (error as { cause?: unknown }).cause as { claim?: unknown; body?: { error_description?: unknown }; cause?: unknown } | undefined, depth = 0; cause && depth < 4; cause = cause.cause as typeof cause, depth++) {
    if (typeof cause.claim === 'string') return `${(error as Error).message} (${cause.claim})`;
    if (typeof cause.body?.error_description === 'string') return cause.body.error_description;
  }
  return (error as Error).message;
}

/** Runs a step against the provider: unreachable → ServiceUnavailableError, anything else → OAuthProviderError. */
async function talkTo<T>(provider: ResolvedProvider, step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof OAuthProviderError) throw error;
    if (isUnreachable(error)) throw new ServiceUnavailableError(`the sign-in provider ${provider.label}`, { cause: error });
    throw new OAuthProviderError(`${provider.label} ${step} failed: ${describeFailure(error)}`);
  }
}

const DISCOVERY_CACHE_MS = 60 * 60 * 1000;

export function createOAuthProviders(config: AuthConfig['oauth']) {
  const providers = new Map(Object.entries(config.providers).map(([name, options]) => [name, resolveProvider(name, options)]));
  const configurations = new Map<string, { configuration: client.Configuration; fetchedAt: number }>();

  async function configurationOf(provider: ResolvedProvider): Promise<client.Configuration> {
    const cached = configurations.get(provider.name);
    if (cached && Date.now() - cached.fetchedAt < DISCOVERY_CACHE_MS) return cached.configuration;
    // Plain http is allowed only for a provider on this machine (a test provider, a developer's).
    const insecure = isLoopbackUrl(provider.issuer) && provider.issuer.startsWith('http://');
    const configuration = await talkTo(provider, 'discovery', async () => {
      if (provider.kind === 'github') {
        const metadata = { issuer: provider.issuer, authorization_endpoint: provider.githubEndpoints.authorization, token_endpoint: provider.githubEndpoints.token };
        return new client.Configuration(metadata, provider.options.clientId, provider.options.clientSecret);
      }
      return client.discovery(new URL(provider.issuer), provider.options.clientId, provider.options.clientSecret, undefined, {
        // openid-client trusts TLS for ID tokens from the token endpoint by default; we also check the signature against the JWKS.
        execute: insecure ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
        timeout: 5,
      });
    });
    if (insecure && provider.kind === 'github') client.allowInsecureRequests(configuration);
    configuration.timeout = 5;
    configurations.set(provider.name, { configuration, fetchedAt: Date.now() });
    return configuration;
  }

  return {
    has: (name: string) => providers.has(name),
    list: () => [...providers.values()].map(({ name, label }) => ({ name, label })),

    /** The URL to send the browser to, and the secrets to keep until the callback. */
    async start(name: string, redirectUri: string): Promise<PendingAuthorization> {
      const provider = providers.get(name)!;
      const configuration = await configurationOf(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = provider.kind === 'oidc' ? client.randomNonce() : null;
      const parameters: Record<string, string> = {
        redirect_uri: redirectUri,
        scope: provider.scopes.join(' '),
        state,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ...(nonce ? { nonce } : {}),
      };
      return { state, codeVerifier, nonce, authorizationUrl: client.buildAuthorizationUrl(configuration, parameters).href };
    },

    /**
     * Exchanges the code (with the PKCE verifier) and validates what comes back: state, the
     * issuer of the response (RFC 9207) and, for OpenID Connect, the ID token's signature,
     * issuer, audience, expiry and nonce.
     */
    async finish(
      name: string,
      callback: { code: string; state: string; iss: string | null },
      pending: { codeVerifier: string; nonce: string | null; redirectUri: string; state: string },
    ): Promise<ProviderIdentity> {
      const provider = providers.get(name)!;
      const configuration = await configurationOf(provider);
      // openid-client sends this URL without its query as the redirect_uri (redirect URIs carry no query or fragment).
      const callbackUrl = new URL(pending.redirectUri);
      callbackUrl.searchParams.set('code', callback.code);
      callbackUrl.searchParams.set('state', callback.state);
      if (callback.iss) callbackUrl.searchParams.set('iss', callback.iss);
      const tokens = await talkTo(provider, 'sign-in', () =>
        client.authorizationCodeGrant(
          configuration,
          callbackUrl,
          {
            pkceCodeVerifier: pending.codeVerifier,
            expectedState: pending.state,
            ...(pending.nonce ? { expectedNonce: pending.nonce } : {}),
            idTokenExpected: provider.kind === 'oidc',
          },
        ),
      );
      const expiresIn = tokens.expiresIn();
      const kept = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? null, expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null };
      if (provider.kind === 'github') return { ...(await githubIdentity(provider, configuration, tokens.access_token)), tokens: kept };

      const claims = tokens.claims();
      if (!claims) throw new OAuthProviderError(`${provider.label} sent no ID token`);
      let profile: Record<string, unknown> = claims;
      // Some providers put the email in the userinfo response only; the subject must match the ID token's.
      if (typeof claims.email !== 'string' && configuration.serverMetadata().userinfo_endpoint) {
        profile = await talkTo(provider, 'userinfo', () => client.fetchUserInfo(configuration, tokens.access_token, claims.sub));
      }
      const email = typeof profile.email === 'string' ? profile.email : null;
      const verified = profile.email_verified === true || profile.email_verified === 'true';
      return { subject: claims.sub, email, verifiedEmail: verified ? email : null, tokens: kept };
    },
  };
}

/** GitHub's user API: the numeric id is the subject; the email is the primary one GitHub marks verified. */
async function githubIdentity(provider: ResolvedProvider, configuration: client.Configuration, accessToken: string): Promise<Omit<ProviderIdentity, 'tokens'>> {
  const get = (path: string) =>
    talkTo(provider, 'user API', async () => {
      const response = await client.fetchProtectedResource(configuration, accessToken, new URL(`${provider.githubEndpoints.api}${path}`), 'GET', undefined, new Headers({ accept: 'application/vnd.github+json' }));
      if (!response.ok) throw Object.assign(new Error(`${path} answered HTTP ${response.status}`), { status: response.status });
      return (await response.json()) as unknown;
    });
  const user = (await get('/user')) as { id?: unknown };
  if (typeof user.id !== 'number' && typeof user.id !== 'string') throw new OAuthProviderError(`${provider.label} sent no user id`);
  const emails = (await get('/user/emails')) as { email?: unknown; primary?: unknown; verified?: unknown }[];
  const primary = Array.isArray(emails) ? emails.find((entry) => entry.primary === true && typeof entry.email === 'string') : undefined;
  const email = (primary?.email as string | undefined) ?? null;
  return { subject: String(user.id), email, verifiedEmail: primary?.verified === true ? email : null };
}

export type OAuthProviders = ReturnType<typeof createOAuthProviders>;
