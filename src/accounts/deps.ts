// What the use cases are given: configuration, storage, mail, and a clock.
import type { AuthConfig, HookName } from '../config';
import type { JwtSigner } from '../crypto/jwt';
import type { Mailer } from '../mail/mailer';
import type { AuthqlMetrics } from '../ops/metrics';
import type { OAuthProviders } from '../oauth/providers';
import type { AccountStore } from './store-port';
import type { Messages } from './messages';
import type { RequestMeta } from './results';
import type { PublicUser } from './users';
import type { AuthCache } from './auth-cache';
import type { InputShapes } from './validation';

export interface AccountDeps {
  config: AuthConfig;
  /** Storage, through the narrow port the use cases need. */
  store: AccountStore;
  mailer: Mailer;
  /** The configured social-login providers (openid-client). */
  providers: OAuthProviders;
  messages: Messages;
  /** The shape rules of the API's inputs (the GraphQL schema checks the same ones). */
  inputShapes: InputShapes;
  jwt: JwtSigner;
  /** authql's counters (a no-op when metrics are off). */
  metrics: AuthqlMetrics;
  /** Who holds a credential, for a moment; the store given here forgets its writes in it. */
  authCache: AuthCache;
  /** Verified against when a login names an unknown user, to cost the same time. */
  dummyHash: string;
  now: () => Date;
}

/** djoser's signals: a hook that throws is logged and never undoes the user's action. */
export async function fireHook(deps: AccountDeps, name: HookName, user: PublicUser, meta: RequestMeta): Promise<void> {
  const hook = deps.config.hooks[name];
  if (!hook) return;
  try {
    await hook({ user, request: meta });
  } catch (error) {
    deps.config.logger.error(`hook ${name} failed`, { userId: user.id, reason: (error as Error).message });
  }
}
