// The one ordered list of Yoga/Envelop plugins, for authql's own server (auth.yoga()) and for
// a host's Yoga server that mounts authql's schema (auth.plugins()). The order matters:
// requests are refused (malformed, too large, too deep) before anything else reads them.
// (Schema-level concerns are not here: the input check and the session cookie's fields are
// Pothos plugins in builder.ts, the outage mapping wraps the built schema: service-errors.ts.)
import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../../config';
import type { Readiness } from '../../ops/readiness';
import { badRequestPlugins } from './bad-requests';
import { useErrorStatusByMediaType } from './error-status';
import { useJwks } from './jwks';
import { limitPlugins } from './limits';
import { useLinkPage } from './link-page';
import { useNameClashCheck } from './name-clashes';
import { useMetricsToken } from './metrics';
import { useProbes } from './probes';
import { useRequestLog } from './request-log';
import { useSessionCookie } from './session-cookie';

/** What the plugins serve, from createAuth. */
export interface PluginParts {
  /** authql's schema, as a host receives it (auth.schema): a host's final schema must keep its names. */
  schema: GraphQLSchema;
  /** The JWT public keys for /.well-known/jwks.json; null with HS256. */
  jwks: { keys: unknown[] } | null;
  /** For /health and /ready. */
  readiness: Readiness;
  /** A fresh Prometheus plugin (plugins/metrics.ts), or null when metrics are off. */
  prometheus: (() => Plugin) | null;
}

export interface PluginListOptions {
  /** A host's own Yoga server (auth.plugins()): it logs requests itself. */
  host: boolean;
  /** The request limits of limits.ts (body size, depth, aliases, cost, introspection); default on. */
  limits?: boolean;
  /** One log entry per request; authql's own server only, default on. */
  requestLog?: boolean;
}

export function authqlPlugins(config: AuthConfig, parts: PluginParts, options: PluginListOptions): Plugin[] {
  return [
    // First: before any plugin wraps the resolvers it compares.
    ...(options.host ? [useNameClashCheck(parts.schema)] : []),
    ...badRequestPlugins(),
    useErrorStatusByMediaType(),
    ...(options.limits === false ? [] : limitPlugins(config)),
    useProbes(parts.readiness),
    // Development without a frontend: the emailed links point here (link-page.ts).
    ...(!options.host && config.servesLinkPage ? [useLinkPage(config)] : []),
    ...(parts.prometheus ? [useMetricsToken(config), parts.prometheus()] : []),
    useJwks(parts.jwks),
    ...(config.cookies.enabled ? [useSessionCookie(config)] : []),
    ...(!options.host && options.requestLog !== false ? [useRequestLog(config.logger, !config.production)] : []),
  ];
}
