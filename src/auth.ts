// createAuth: options in, a schema, a context factory, a viewer and a Yoga server out.
import type { GraphQLSchema } from 'graphql';
import { AUDIT_EVENT_TYPES, createAccounts, createInputShapes, createMessages, toPublicUser, type PublicUser } from './accounts';
import { AuthCache, forgetOnWrite } from './accounts/auth-cache';
import { publicAccounts, type PublicAccounts } from './accounts/public';
import { parseConfig, type AuthConfig, type AuthOptions } from './config';
import { createJwtSigner } from './crypto/jwt';
import { makeDummyHash } from './crypto/password';
import type { GraphQLContext } from './graphql/builder';
import { createAuthContext } from './graphql/context';
import type { HostRequest } from './graphql/host-request';
import { buildSchema } from './graphql/schema';
import { authqlPlugins, type PluginParts } from './graphql/plugins';
import { metricsPlugin } from './graphql/plugins/metrics';
import { createAuthYoga, type YogaOptions } from './graphql/yoga';
import type { Plugin } from 'graphql-yoga';
import { createMailer, type Mailer } from './mail/mailer';
import { compileTemplates } from './mail/templates';
import { createOAuthProviders } from './oauth/providers';
import { createTransport } from './mail/transport';
import { createMetrics, noMetrics, type MetricsRegistry } from './ops/metrics';
import { startMetricsServer, type MetricsServer } from './ops/metrics-server';
import { createReadiness, type Readiness } from './ops/readiness';
import { checkMongoSource, openStore, type Store } from './store';

/** authql's Prometheus registry, for a host that serves or extends the metrics itself. */
export type AuthMetrics = Pick<MetricsRegistry, 'registry' | 'contentType' | 'text'>;

export interface Auth {
  readonly config: AuthConfig;
  readonly schema: GraphQLSchema;
  /** Every use case, answering public users only (never a stored record). */
  readonly accounts: PublicAccounts;
  /** The Prometheus metrics (option `metrics.enabled`), or null when they are off. */
  readonly metrics: AuthMetrics | null;
  /**
   * Context for a host's server: give it what the server has (Yoga's initial context, a
   * Node/Express request, Apollo Server's `{ req, res }`, or `{ request, ip }`) and spread the
   * answer into yours (`{ ...await auth.context(initial) }`). The client's address is learned
   * from it; without one, rate-limited operations are refused (docs/embedding.md).
   */
  context(initial: HostRequest, /** @deprecated pass `{ request, ip }` instead */ legacy?: { ip?: string | null }): Promise<GraphQLContext>;
  /** Who is calling, for a host's own resolvers: the user, or null (also for a bad token). Takes what `context` takes. */
  viewer(initial: HostRequest): Promise<PublicUser | null>;
  yoga(options?: YogaOptions): ReturnType<typeof createAuthYoga>;
  /**
   * The Yoga plugins a host's own Yoga server needs: 4xx for malformed requests, the request
   * limits (unless `{ limits: false }`), /health and /ready, metrics, the JWKS endpoint, cookie mode.
   */
  plugins(options?: { limits?: boolean }): Plugin[];
  close(): Promise<void>;
}

/** What an Auth runs on besides its API, for authql's own CLI, server and tests; not part of the package's API. */
interface Internals {
  store: Store;
  /** The outbox's mailer (tests flush it; a host never sees it). */
  mailer: Mailer;
  readiness: Readiness;
  metrics: MetricsRegistry | null;
  /** Deletes what has expired and audit events past their retention, as of `now`. */
  housekeeping(now: Date): Promise<void>;
}
const internals = new WeakMap<Auth, Internals>();
export function internalsOf(auth: Auth): Internals {
  const found = internals.get(auth);
  if (!found) throw new TypeError('authql: not an Auth made by createAuth');
  return found;
}
export const storeOf = (auth: Auth): Store => internalsOf(auth).store;
export const mailerOf = (auth: Auth): Mailer => internalsOf(auth).mailer;

/** Serves the metrics (and the probes) on `metrics.port`, when the options give one. */
export async function startMetricsPort(auth: Auth): Promise<MetricsServer | null> {
  const { metrics, readiness } = internalsOf(auth);
  if (!metrics || auth.config.metrics.port === undefined) return null;
  return startMetricsServer(auth.config, metrics, readiness);
}

export async function createAuth(options: AuthOptions): Promise<Auth> {
  const config = parseConfig(options);
  // A connection or client authql cannot run on is refused before anything slow runs.
  checkMongoSource(config.mongodb);
  const messages = createMessages(config.messages);
  const transport = createTransport(config.email.transport, config.logger);
  // The database comes last: a long synchronous step (MJML from source, the schema) while a
  // connection is being opened would outlast its connect timeout.
  const templates = await compileTemplates(config.email.templatesDir);
  const schema = buildSchema(config);
  const jwt = await createJwtSigner(config.secret, config.jwt.keys, { issuer: config.jwt.issuer, audience: config.jwt.audience });
  const opened = await openStore(config.mongodb);
  try {
    await opened.ensureIndexes();
  } catch (error) {
    await opened.close();
    throw error;
  }
  const authCache = new AuthCache(config.authCache);
  const store = forgetOnWrite(opened, authCache);
  const metrics = config.metrics.enabled
    ? await createMetrics({ securityEventTypes: AUDIT_EVENT_TYPES, outboxStats: () => store.outbox.queueStats(), logger: config.logger })
    : null;
  const usePrometheus = metrics ? await metricsPlugin(metrics, config, schema) : null;
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
      leaseMs: config.email.lease * 1000,
    },
    config.logger,
    metrics ?? noMetrics,
  );
  const { api, internal: accounts } = publicAccounts(createAccounts({
    config,
    store,
    mailer,
    providers: createOAuthProviders(config.oauth),
    messages,
    inputShapes: createInputShapes(config, messages),
    jwt,
    metrics: metrics ?? noMetrics,
    authCache,
    dummyHash: makeDummyHash(config.passwordHashing),
    now: config.clock ?? (() => new Date()),
  }));
  if (config.email.worker) mailer.start();
  const readiness = createReadiness({ ping: () => store.ping(), mailWorkerRunning: config.email.worker ? mailer.isRunning : null });
  const housekeeping = async (now: Date) => {
    await store.removeExpired(now);
    if (config.audit.enabled) await store.audit.removeAuditEventsBefore(new Date(now.getTime() - config.audit.retention * 1000));
  };
  // Housekeeping: expired sessions, refresh tokens, rate-limit windows and old audit events go (correctness never depends on it).
  const housekeepingTimer = config.email.worker
    ? setInterval(() => void housekeeping(new Date()).catch(() => undefined), 60_000).unref()
    : null;
  const pluginParts: PluginParts = { schema, jwks: jwt.jwks, readiness, prometheus: usePrometheus };

  const context: Auth['context'] = async (initial, legacy) => ({ authql: createAuthContext(accounts, initial, legacy?.ip) });

  const auth: Auth = {
    config,
    schema,
    accounts: api,
    metrics,
    context,
    async viewer(initial) {
      // Same rules as the schema's context: session token, JWT, or (cookie mode) the cookie.
      const { token } = createAuthContext(accounts, initial);
      if (!token) return null;
      const found = await accounts.authenticate(token);
      return found ? toPublicUser(found.user) : null;
    },
    plugins: (options) => authqlPlugins(config, pluginParts, { host: true, limits: options?.limits }),
    yoga: (yogaOptions) =>
      createAuthYoga(schema, config, context, authqlPlugins(config, pluginParts, { host: false, requestLog: yogaOptions?.requestLog }), yogaOptions),
    async close() {
      readiness.markClosing();
      if (housekeepingTimer) clearInterval(housekeepingTimer);
      await mailer.stop();
      transport.close();
      await store.close();
    },
  };
  internals.set(auth, { store, mailer, readiness, metrics, housekeeping });
  return auth;
}
