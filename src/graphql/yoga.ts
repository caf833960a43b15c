// The standalone Yoga server: GraphiQL with example operations, error masking.
import { createYoga, maskError, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthConfig } from '../config';
import type { GraphQLContext } from './builder';
import type { HostRequest } from './host-request';
import { CSRF_HEADER } from './plugins/session-cookie';

export interface YogaOptions {
  /** One log entry per request (default on). */
  requestLog?: boolean;
  graphqlEndpoint?: string;
  graphiql?: boolean;
}

function exampleOperations(config: AuthConfig): string {
  const login = config.loginField;
  const sample = login === 'email' ? '"ada@example.com"' : '"ada"';
  const required = Object.entries(config.userFields).filter(([, s]) => s.required).map(([n, s]) => `${n}: ${s.type === 'string' ? '"Ada"' : s.type === 'boolean' ? 'true' : '1'}`);
  const registerFields = [`${login}: ${sample}`, 'password: "correct horse battery"', ...(config.userCreatePasswordRetype ? ['rePassword: "correct horse battery"'] : []), ...required].join(', ');
  // The names as the schema spells them (schema.typePrefix, schema.rootFieldPrefix).
  const field = (name: string) => `${config.schema.rootFieldPrefix}${name}`;
  const type = (name: string) => `${config.schema.typePrefix}${name}`;
  return `# Welcome to authql. Run the operations in order with the ▶ button.
# After login, copy the token into the Headers tab below:
#   { "Authorization": "Token <paste the token here>" }

mutation Register {
  ${field('register')}(input: { ${registerFields} }) {
    __typename
    ... on ${type('RegisterSuccess')} { user { id ${login} isActive } }
    ... on ${type('ValidationError')} { message fieldErrors { field code message } }
  }
}

mutation Login {
  ${field('login')}(input: { ${login}: ${sample}, password: "correct horse battery" }) {
    __typename
    ... on ${type('LoginSuccess')} { token user { id ${login} } }
    ... on ${type('MfaRequired')} { mfaToken methods }
    ... on ${type('Error')} { code message }
  }
}

# With two-factor authentication on, Login answers MfaRequired:
# send its mfaToken with the code from the authenticator app (or a recovery code).
mutation VerifyMfa {
  ${field('verifyMfa')}(input: { mfaToken: "<mfaToken from Login>", code: "123456" }) {
    __typename
    ... on ${type('VerifyMfaSuccess')} { token user { id ${login} } }
    ... on ${type('Error')} { code message }
  }
}

# Signed in: a TOTP secret for the authenticator app (qrCodeSvg is its QR code),
# then TotpEnable with the code the app shows; keep the recovery codes it answers.
mutation TotpSetup {
  ${field('totpSetup')}(input: { currentPassword: "correct horse battery" }) {
    __typename
    ... on ${type('TotpSetupSuccess')} { secret uri }
    ... on ${type('Error')} { code message }
  }
}

mutation TotpEnable {
  ${field('totpEnable')}(input: { code: "123456" }) {
    __typename
    ... on ${type('TotpEnableSuccess')} { recoveryCodes }
    ... on ${type('Error')} { code message }
  }
}

query Me {
  ${field('me')} { id ${login} isActive dateJoined lastLogin }
}

mutation Logout {
  ${field('logout')} { __typename ... on ${type('LogoutSuccess')} { ok } }
}
`;
}

/** An allow-list when origins are given; none cross-origin in production; Yoga's permissive default in development. */
function corsOptions(config: AuthConfig): YogaServerOptions<object, object>['cors'] {
  if (config.cors.origins.length) {
    const allowed = {
      origin: config.cors.origins,
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', CSRF_HEADER],
    };
    // An origin off the list gets no CORS headers at all: Yoga would answer it with
    // "Access-Control-Allow-Origin: null" plus credentials, which a sandboxed page (Origin: null) matches.
    return (request: Request) => (config.cors.origins.includes(request.headers.get('origin') ?? '') ? allowed : false);
  }
  return config.production ? false : undefined;
}

export function createAuthYoga(
  schema: GraphQLSchema,
  config: AuthConfig,
  context: (initial: HostRequest) => Promise<GraphQLContext>,
  /** The ordered list of plugins/index.ts. */
  plugins: Plugin[],
  options: YogaOptions = {},
) {
  const graphiql = options.graphiql ?? config.graphiql;
  const yogaOptions: YogaServerOptions<{ req?: IncomingMessage; res?: ServerResponse }, GraphQLContext> = {
    schema,
    graphqlEndpoint: options.graphqlEndpoint ?? '/graphql',
    landingPage: false,
    // authql's /health answers with JSON (graphql/probes.ts): Yoga's own empty one moves aside.
    healthCheckEndpoint: '/yoga-health',
    batching: false,
    // The body limit (limits.ts) refuses a POST without Content-Length or above the limit, and
    // node:http reads no more than Content-Length: Yoga's own streaming limiter would only cost.
    maxRequestBodySize: false,
    logging: false,
    maskedErrors: {
      // The client sees "Unexpected error."; the operator sees why, once, in the log.
      maskError(error, message, isDev) {
        const masked = maskError(error, message, isDev);
        if (masked !== error) {
          const original = (error as { originalError?: Error }).originalError ?? (error as Error);
          config.logger.error('unexpected error (masked for the client)', {
            reason: original?.message,
            stack: original?.stack?.split('\n').slice(1, 6).map((line) => line.trim()).join(' | '),
          });
        }
        return masked;
      },
    },
    // On node:http, Yoga's initial context holds node's req and res: the same path a host takes.
    context: (initial) => context(initial),
    graphiql: graphiql
      ? {
          title: config.frontend.siteName === 'authql' ? 'authql' : `${config.frontend.siteName} — authql`,
          defaultQuery: exampleOperations(config),
          headers: JSON.stringify({ Authorization: 'Token <paste the token from login here>' }, null, 2),
          shouldPersistHeaders: false,
        }
      : false,
    // GraphiQL's bundle is 30 MB of heap: loaded when the page is first served.
    renderGraphiQL: async (graphiQLOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiQLOptions),
    plugins,
    cors: corsOptions(config),
  };
  return createYoga(yogaOptions);
}
