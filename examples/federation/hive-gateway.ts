// The supergraph behind Hive Gateway (its runtime, served on node:http).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import type { GraphQLResolveInfo } from 'graphql';
import { headersForAuthql, headersForClient } from 'authql/gateway';

export async function startHiveGateway({ supergraphSdl, host = '127.0.0.1', port = 0 }: { supergraphSdl: string; host?: string; port?: number }) {
  const gateway = createGatewayRuntime<{ req?: IncomingMessage }>({
    supergraph: supergraphSdl,
    logging: false,
    // Subgraphs over HTTP through the gateway's own fetch, so propagateHeaders applies. (With the
    // package @graphql-mesh/transport-http installed, the runtime loads the same on its own.)
    transports: {
      http: {
        getSubgraphExecutor: ({ transportEntry, fetch: gatewayFetch = fetch }) =>
          buildHTTPExecutor({
            endpoint: transportEntry.location!,
            fetch: (url: string, init?: RequestInit, context?: unknown, info?: GraphQLResolveInfo) =>
              gatewayFetch(url, { ...init, headers: Object.fromEntries(new Headers(init?.headers)) }, context, info),
          }),
      },
    },
    propagateHeaders: {
      // On node:http, the context holds node's request: its socket is the end user's address.
      fromClientToSubgraphs: ({ request, context }) => headersForAuthql((name) => request.headers.get(name), context.req?.socket.remoteAddress),
      fromSubgraphsToClient: ({ response }) => {
        const relayed: Record<string, string[]> = {};
        for (const [name, value] of headersForClient(response.headers)) (relayed[name] ??= []).push(value);
        return relayed;
      },
    },
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}${gateway.graphqlEndpoint}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
      await gateway.dispose();
    },
  };
}
