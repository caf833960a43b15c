// The supergraph behind Apollo Gateway 2, served by Apollo Server 5.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { headersForAuthql, headersForClient } from 'authql/gateway';

interface GatewayContext {
  req: IncomingMessage;
  res: ServerResponse;
}

/** Forwards the end user's credentials and address to each subgraph, and relays Set-Cookie (and Retry-After) back. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // The gateway's own requests (none here: the supergraph is static) have no end user.
    if (!('req' in context)) return;
    const { req } = context;
    const forwarded = headersForAuthql((name) => req.headers[name]?.toString(), req.socket.remoteAddress);
    for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
  }

  override didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    for (const [name, value] of headersForClient(response.http?.headers ?? [])) context.res.appendHeader(name, value);
    return response;
  }
}

// Node's own fetch: its Headers keep each Set-Cookie apart (the default fetcher joins them with commas).
const nodeFetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) =>
  fetch(url, { ...init, body: init?.body?.toString() });

export async function startApolloGateway({ supergraphSdl, host = '127.0.0.1', port = 0 }: { supergraphSdl: string; host?: string; port?: number }) {
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new ForwardingDataSource({ url, fetcher: nodeFetch }) });
  const server = new ApolloServer<GatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host, port }, context: async ({ req, res }) => ({ req, res }) });
  return { url: new URL('/graphql', url).toString(), close: () => server.stop() };
}
