// What a host's Apollo Server (4 or 5) needs so that authql's schema keeps the protections it has
// in authql's own Yoga server: auth.apolloOptions() answers constructor options to spread in.
// - The request limits: graphql-armor's Apollo protections with authql's `limits` values; the
//   token limit through Apollo's own parser option, so an oversized document is a 400 syntax
//   error (armor's max-tokens plugin throws before Apollo catches anything: a 500).
// - Errors: masked when unexpected (as Yoga masks them: "Unexpected error.", logged once), no
//   stack traces; authql's `extensions.http` (a plain object, which Apollo only reads as a Map)
//   is applied here: headers such as `Retry-After` are sent, and the status follows GraphQL over
//   HTTP as in Yoga: 429/503 only in an application/graphql-response+json answer, else 200.
// - Cookie mode: the same CSRF and Origin rules as the Yoga plugin (plugins/session-cookie.ts).
// - Names: a host schema that took one of authql's names stops the server (plugins/name-clashes.ts).
// (One secret check per operation needs nothing here: the fields enforce it, in any server.)
// Apollo's types stay out of authql's: the plugin is described structurally below.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
import type { AuthConfig } from '../config';
import type { GraphQLContext } from './builder';
import { isUnexpectedError, logMaskedError, UNEXPECTED_ERROR_MESSAGE } from './masking';
import { STATUS_OF_CODE, statusForClient } from './http-status';
import { assertNoNameClashes } from './plugins/name-clashes';
import { cookieModeRefusal } from './plugins/session-cookie';

/** The parts of Apollo Server's request context that authql's plugin reads and writes. */
export interface ApolloRequestContext {
  request: { http?: { method: string; headers: { get(name: string): string | undefined } } };
  response: { http: { status?: number; headers: { set(name: string, value: string): unknown } } };
  errors?: readonly GraphQLError[];
  contextValue: unknown;
}

/** An Apollo Server plugin, as far as authql's uses it. */
export interface ApolloPlugin {
  serverWillStart?(service: { schema: GraphQLSchema }): Promise<void>;
  requestDidStart?(context: ApolloRequestContext): Promise<{
    didResolveOperation?(context: ApolloRequestContext): Promise<void>;
    willSendResponse?(context: ApolloRequestContext): Promise<void>;
  } | void>;
}

/** Options for `new ApolloServer({ schema, ...auth.apolloOptions() })`. */
export interface ApolloOptions {
  plugins: ApolloPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens?: number };
  introspection: boolean;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  includeStacktraceInErrorResponses: false;
  allowBatchedHttpRequests: false;
}

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
}

/** How authql's errors ask to be answered over HTTP: `extensions.http` ({ status, headers }), the status of RATE_LIMITED and SERVICE_UNAVAILABLE by their code. */
function httpOf(error: GraphQLError): HttpExtension | null {
  const http = error.extensions?.http;
  const head = http && typeof http === 'object' ? (http as HttpExtension) : null;
  const status = STATUS_OF_CODE[String(error.extensions?.code)];
  return status ? { ...head, status } : head;
}

/** Sends what authql's errors ask of the HTTP answer: their headers, and their status as the client may see it. */
function useHttpExtensions(): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response, errors }) {
          const heads = (errors ?? []).map(httpOf).filter((head): head is HttpExtension => head !== null);
          for (const head of heads) {
            for (const [name, value] of Object.entries(head.headers ?? {})) {
              if (typeof value === 'string') response.http.headers.set(name, value);
            }
          }
          const statuses = heads.map((head) => head.status).filter((status): status is number => typeof status === 'number');
          if (!statuses.length) return;
          const answer = statusForClient(Math.max(...statuses), request.http?.headers.get('accept') ?? null);
          response.http.status = answer.status;
          if (answer.mediaType) response.http.headers.set('content-type', `${answer.mediaType}; charset=utf-8`);
        },
      };
    },
  };
}

/** Masks unexpected errors; drops `extensions.http`, which is for the HTTP answer, not the client. */
function formatError(config: AuthConfig) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isUnexpectedError(error)) {
      logMaskedError(config.logger, error);
      return { message: UNEXPECTED_ERROR_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (!formatted.extensions || !('http' in formatted.extensions)) return formatted;
    const { http: _http, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}

/** The request limits of plugins/limits.ts, in Apollo's terms (the body size is the host's body parser's: `limits.maxBodyBytes`). */
function limitOptions(config: AuthConfig): Pick<ApolloOptions, 'plugins' | 'validationRules' | 'parseOptions'> {
  const { limits } = config;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    costLimit: { maxCost: limits.maxCost },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
  return {
    plugins: armor.plugins as unknown as ApolloPlugin[],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

/** Cookie mode's CSRF and Origin rules, checked before anything runs (the cookies go out through the context's jar). */
function useCookieMode(config: AuthConfig): ApolloPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, contextValue }) {
          const jar = (contextValue as Partial<GraphQLContext> | undefined)?.authql?.sessionCookie;
          const http = request.http;
          if (!jar || !http) return;
          const refusal = cookieModeRefusal(config, { method: http.method, url: jar.requestUrl, headers: { get: (name) => http.headers.get(name) ?? null } });
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The host's final schema keeps authql's names (plugins/name-clashes.ts): else Apollo Server does not start. */
function useNameClashCheck(ours: GraphQLSchema): ApolloPlugin {
  return {
    async serverWillStart({ schema }) {
      assertNoNameClashes(ours, schema);
    },
  };
}

export function apolloServerOptions(config: AuthConfig, ours: GraphQLSchema, options: { limits?: boolean } = {}): ApolloOptions {
  const limits = options.limits === false ? { plugins: [], validationRules: [], parseOptions: {} } : limitOptions(config);
  return {
    plugins: [useNameClashCheck(ours), ...limits.plugins, ...(config.cookies.enabled ? [useCookieMode(config)] : []), useHttpExtensions()],
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    introspection: config.introspection,
    formatError: formatError(config),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
  };
}
