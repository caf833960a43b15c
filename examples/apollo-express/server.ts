// A host's own Express 5 app with Apollo Server 5 that mounts authql's accounts beside its own
// schema (its own User and me; authql's names prefixed): token and cookie mode, authql's limits
// and error rules, /health, /ready and JWKS.
// `npm start` runs main() below; the test imports startHost() and runs it on port 0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { mergeSchemas } from '@graphql-tools/schema';
import express, { type ErrorRequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { createAuth, type Auth, type AuthOptions, type User as AccountUser } from 'authql';

/**
 * The host's own schema, with its own `User` and `me` (the host's profile of the signed-in
 * account, with its notes): authql's names get a prefix (AuthUser, auth_me, auth_login, …).
 */
const typeDefs = /* GraphQL */ `
  type User {
    id: ID!
    notes: [Note!]!
  }
  type Note {
    id: ID!
    text: String!
  }
  type Query {
    me: User
  }
  type Mutation {
    addNote(text: String!): Note!
  }
`;
const AUTHQL_NAMES = { typePrefix: 'Auth', rootFieldPrefix: 'auth_' };

type HostContext = Awaited<ReturnType<Auth['context']>> & { viewer: AccountUser | null };

function hostResolvers() {
  const notes = new Map<string, { id: string; text: string }[]>();
  return {
    Query: { me: (_: unknown, __: unknown, { viewer }: HostContext) => (viewer ? { id: viewer.id } : null) },
    User: { notes: (user: { id: string }) => notes.get(user.id) ?? [] },
    Mutation: {
      addNote: (_: unknown, { text }: { text: string }, { viewer }: HostContext) => {
        if (!viewer) throw new GraphQLError('Sign in to keep notes.', { extensions: { code: 'UNAUTHENTICATED' } });
        const mine = notes.get(viewer.id) ?? [];
        const note = { id: String(mine.length + 1), text };
        notes.set(viewer.id, [...mine, note]);
        return note;
      },
    },
  };
}

/** Body-parser refusals (too large, not JSON) as GraphQL-shaped JSON, never Express's HTML page with a stack. */
const jsonErrors: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 500;
  const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
  res.status(status).json({ errors: [{ message: status < 500 ? error.message : 'Unexpected error.', extensions: { code } }] });
};

export interface HostOptions {
  /** authql's options (cookie mode: `cookies: { enabled: true }`; `trustProxy` for the client address). */
  auth: AuthOptions;
  port?: number;
  host?: string;
  /**
   * Express's own `trust proxy`: req.ip in the host's code, and req.protocol, from which authql
   * takes the scheme (the cookie's Secure flag). The client address authql counts follows its own
   * `trustProxy`: give both the same value.
   */
  expressTrustProxy?: boolean | number | string;
}

export interface RunningHost {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  auth: Auth;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const auth = await createAuth({ ...options.auth, schema: AUTHQL_NAMES });
  const apollo = new ApolloServer<HostContext>({
    schema: mergeSchemas({ schemas: [auth.schema], typeDefs, resolvers: hostResolvers() }),
    // authql's limits, error masking, Retry-After and status rules, cookie mode's CSRF checks, the names check.
    ...auth.apolloOptions(),
  });
  await apollo.start();

  const app = express();
  app.set('trust proxy', options.expressTrustProxy ?? false);
  app.get('/health', auth.handlers.health.node);
  app.get('/ready', auth.handlers.ready.node);
  app.get('/.well-known/jwks.json', auth.handlers.jwks.node);
  app.get(auth.config.metrics.path, auth.handlers.metrics.node);
  app.use(
    '/graphql',
    express.json({ limit: auth.config.limits.maxBodyBytes }),
    // A POST that is not JSON leaves no body: Apollo then answers 400 rather than a 500.
    (req, _res, next) => {
      req.body ??= {};
      next();
    },
    expressMiddleware(apollo, {
      // The Express request and response: authql learns the client address and sets cookies through them.
      context: async ({ req, res }) => ({ ...(await auth.context({ req, res })), viewer: await auth.viewer({ req, res }) }),
    }),
  );
  app.use(jsonErrors);

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/graphql`,
    auth,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      await auth.close();
    },
  };
}

async function main() {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('Set AUTH_SECRET (at least 32 random characters), e.g. AUTH_SECRET=$(openssl rand -base64 32)');
  const trustProxy = process.env.TRUST_PROXY;
  const host = await startHost({
    auth: {
      mongodb: { uri: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/apollo_express_example' },
      secret,
      cookies: { enabled: process.env.COOKIES === '1' },
      // The proxies in front whose X-Forwarded-For names the client (e.g. 'loopback'); none by default.
      trustProxy: trustProxy ?? false,
    },
    port: Number(process.env.PORT ?? 4000),
    // The same value for Express (req.ip, req.protocol in the host's code; the scheme authql reads).
    expressTrustProxy: trustProxy ?? false,
  });
  console.log(`Apollo Server with authql on ${host.url}`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void host.close());
}

if (require.main === module) void main();
