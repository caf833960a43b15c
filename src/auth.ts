// createAuth: options in, a schema, a context factory, a viewer and a Yoga server out.
import type { GraphQLSchema } from 'graphql';
import { createAccounts, createMessages, toPublicUser, type Accounts, type PublicUser } from './accounts';
import { ConfigError, parseConfig, type AuthConfig, type AuthOptions } from './config';
import { createJwtSigner, type JwtSigner } from './crypto/jwt';
import { makeDummyHash } from './crypto/password';
import type { GraphQLContext } from './graphql/builder';
import { createAuthContext, type RequestLike } from './graphql/context';
import { buildSchema } from './graphql/schema';
import { authPlugins, createAuthYoga, type YogaOptions } from './graphql/yoga';
import type { Plugin } from 'graphql-yoga';
import { createMailer, type Mailer } from './mail/mailer';
import { compileTemplates } from './mail/templates';
import { createOAuthProviders } from './oauth/providers';
import { createTransport } from './mail/transport';
import { openStore, type Store } from './store';

export interface Auth {
  readonly config: AuthConfig;
  readonly schema: GraphQLSchema;
  readonly accounts: Accounts;
  readonly mailer: Mailer;
  readonly jwt: JwtSigner;
  /** Context for a host's Yoga/Apollo server: spread it into yours (`{ ...await auth.context(request) }`). */
  context(request: RequestLike | { request: RequestLike }, extra?: { ip?: string | null }): Promise<GraphQLContext>;
  /** Who is calling, for a host's own resolvers: the user, or null (also for a bad token). */
  viewer(request: RequestLike | { request: RequestLike }): Promise<PublicUser | null>;
  yoga(options?: YogaOptions): ReturnType<typeof createAuthYoga>;
  /** The Yoga plugins a host's own Yoga server needs for cookie mode and the JWKS endpoint. */
  plugins(): Plugin[];
  close(): Promise<void>;
}

/** The storage behind an Auth, for authql's own CLI and tests; not part of the package's API. */
const stores = new WeakMap<Auth, Store>();
export function storeOf(auth: Auth): Store {
  const store = stores.get(auth);
  if (!store) throw new TypeError('authql: not an Auth made by createAuth');
  return store;
}

const unwrap = (request: RequestLike | { request: RequestLike }): RequestLike => ('request' in request ? request.request : request);

export async function createAuth(options: AuthOptions): Promise<Auth> {
  const config = parseConfig(options);
  const messages = createMessages(config.messages);
  const transport = createTransport(config.email.transport, config.logger);
  if (config.production && transport.isConsole) {
    throw new ConfigError('authql: in production an email transport is required (set SMTP_URL or option "email.transport"); the console mailer is for development');
  }
  const templates = await compileTemplates(config.email.templatesDir);
  const schema = buildSchema(config);
  const jwt = await createJwtSigner(config.secret, config.jwt.keys, { issuer: config.jwt.issuer, audience: config.jwt.audience });
  const store = await openStore(config.mongodb);
  try {
    await store.ensureIndexes();
  } catch (error) {
    await store.close();
    throw error;
  }
  const mailer = createMailer(
    store,
    templates,
    transport,
    {
      secret: config.secret,
      from: config.email.from,
      frontend: config.frontend,
      loginField: config.loginField,
      perRecipientPerHour: config.email.perRecipientPerHour,
      maxAttempts: config.email.maxAttempts,
      retryBaseMs: config.email.retryDelay * 1000,
      pollIntervalMs: config.email.pollInterval * 1000,
    },
    config.logger,
  );
  const accounts = createAccounts({
    config,
    store,
    mailer,
    providers: createOAuthProviders(config.oauth),
    messages,
    jwt,
    dummyHash: await makeDummyHash(config.passwordHashing),
    now: config.clock ?? (() => new Date()),
  });
  if (config.email.worker) mailer.start();
  // Housekeeping: expired sessions, refresh tokens and rate-limit windows go (correctness never depends on it).
  const housekeeping = config.email.worker
    ? setInterval(() => void store.removeExpired(new Date()).catch(() => undefined), 60_000).unref()
    : null;

  const context: Auth['context'] = async (request, extra) => ({ authql: createAuthContext(accounts, unwrap(request), extra) });

  const auth: Auth = {
    config,
    schema,
    accounts,
    mailer,
    jwt,
    context,
    async viewer(request) {
      // Same rules as the schema's context: session token, JWT, or (cookie mode) the cookie.
      const { token } = createAuthContext(accounts, unwrap(request));
      if (!token) return null;
      const found = await accounts.authenticate(token);
      return found ? toPublicUser(found.user) : null;
    },
    plugins: () => authPlugins(config, jwt.jwks),
    yoga: (yogaOptions) => createAuthYoga(schema, config, context, jwt.jwks, yogaOptions),
    async close() {
      if (housekeeping) clearInterval(housekeeping);
      await mailer.stop();
      transport.close();
      await store.close();
    },
  };
  stores.set(auth, store);
  return auth;
}
