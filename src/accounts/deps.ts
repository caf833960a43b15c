// What the use cases are given: configuration, storage, mail, and a clock.
import type { AuthConfig } from '../config';
import type { JwtSigner } from '../crypto/jwt';
import type { Mailer } from '../mail/mailer';
import type { AuthqlMetrics } from '../ops/metrics';
import type { OAuthProviders } from '../oauth/providers';
import type { AccountStore } from './store-port';
import type { Messages } from './messages';
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
