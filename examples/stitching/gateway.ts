// A gateway that stitches authql, running as its own service, with the host's posts
// (@graphql-tools/stitch; authql reached over HTTP with @graphql-tools/executor-http). It
// forwards each end user's credentials, cookies and address to authql, relays authql's
// Set-Cookie back to the browser, and asks authql who is calling the host's resolvers.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubschemaConfig } from '@graphql-tools/delegate';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { stitchSchemas } from '@graphql-tools/stitch';
import { schemaFromExecutor } from '@graphql-tools/wrap';
import { GraphQLError, parse, type ExecutionResult } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Auth } from 'authql';
import { headersForAuthql, headersForClient } from 'authql/gateway';
import { postsSchema, type HostContext, type Post, type Viewer } from './posts.js';

/** The gateway's context: Yoga's, with node's request when served on node:http. */
interface GatewayContext extends HostContext {
  req?: IncomingMessage;
}

export interface StitchingOptions {
  /** authql's GraphQL endpoint (a separate service), or an Auth of this process (a local subschema). */
  authql: string | Auth;
  host?: string;
  port?: number;
}

/** The response headers authql sent while the gateway answered one request, for that request's response. */
const relayed = new WeakMap<Request, [string, string][]>();

const relayToClient: Plugin = {
  onResponse({ request, response }) {
    for (const [name, value] of relayed.get(request) ?? []) response.headers.append(name, value);
  },
};

/** authql over HTTP: the end user's headers go with every request, and its answer's cookies come back. */
async function remoteAuthql(endpoint: string): Promise<{ subschema: SubschemaConfig; viewer: Viewer }> {
  const executor = buildHTTPExecutor({
    endpoint,
    headers: (executorRequest) => {
      const context = executorRequest?.context as GatewayContext | undefined;
      return context ? headersForAuthql((name) => context.request.headers.get(name), context.req?.socket.remoteAddress) : {};
    },
    fetch: async (url: string, init?: RequestInit, context?: GatewayContext) => {
      const response = await fetch(url, init);
      if (context) relayed.set(context.request, [...(relayed.get(context.request) ?? []), ...headersForClient(response.headers)]);
      return response;
    },
  });
  const subschema: SubschemaConfig = { schema: await schemaFromExecutor(executor), executor };

  // The gateway has no database and no secret: it asks authql `me` with the end user's own
  // headers, so it sees exactly what authql sees (revoked sessions, JWTs, cookie mode). One
  // round trip, once per gateway request.
  const ME = parse('query GatewayViewer { me { id } }');
  const viewers = new WeakMap<GatewayContext, Promise<{ id: string } | null>>();
  const viewer: Viewer = (context) => {
    let found = viewers.get(context);
    if (!found) {
      found = (async () => {
        const result = (await executor({ document: ME, context })) as ExecutionResult<{ me: { id: string } | null }>;
        const error = result.errors?.[0];
        // A bad or expired token: authql's own UNAUTHENTICATED, passed on unchanged.
        if (error) throw new GraphQLError(error.message, { extensions: error.extensions });
        return result.data?.me ?? null;
      })();
      viewers.set(context, found);
    }
    return found;
  };
  return { subschema, viewer };
}

export async function start({ authql, host = '127.0.0.1', port = 0 }: StitchingOptions) {
  const { subschema, viewer } =
    typeof authql === 'string'
      ? await remoteAuthql(authql)
      : { subschema: { schema: authql.schema }, viewer: (context: GatewayContext) => authql.viewer(context) };
  const posts = new Map<string, Post[]>();
  const schema = stitchSchemas({
    subschemas: [
      // A User from the host (Post.author) is completed by authql's `user(id:)`, which applies
      // authql's permissions (hideUsers: a non-staff caller resolves only themselves).
      { ...subschema, merge: { User: { fieldName: 'user', selectionSet: '{ id }', args: (user: { id: string }) => ({ id: user.id }) } } },
      { schema: postsSchema(posts, viewer) },
    ],
  });
  const yoga = createYoga<{ req?: IncomingMessage }>({
    schema,
    logging: false,
    plugins: typeof authql === 'string' ? [relayToClient] : authql.plugins(),
    // A local authql's resolvers find their use cases in the context: spread auth.context into it.
    context: async (initial) => (typeof authql === 'string' ? {} : await authql.context(initial)),
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}${yoga.graphqlEndpoint}`,
    /** The host's posts, by their author's id. */
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}
