// authql as an Apollo Federation 2 subgraph (`federation: true`) next to the team's reviews
// subgraph, composed into one supergraph behind Apollo Gateway 2 or Hive Gateway.
import { createAuth, startServer, type AuthOptions } from 'authql';
import { startApolloGateway } from './apollo-gateway.js';
import { startHiveGateway } from './hive-gateway.js';
import { startReviewsSubgraph, type Review } from './reviews-subgraph.js';
import { composeSupergraph } from './supergraph.js';

export type { Review };

export interface FederationOptions {
  gateway: 'apollo' | 'hive';
  /** authql's options (database, secret, email, …); the subgraph adds `federation: true`. */
  auth: AuthOptions;
  /** The reviews subgraph's data. */
  reviews?: Review[];
  host?: string;
  /** The gateway's port (0: a free one); the subgraphs listen on free ports of `host`. */
  port?: number;
}

export async function start({ gateway, auth: authOptions, reviews = [], host = '127.0.0.1', port = 0 }: FederationOptions) {
  const stops: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    // The gateway connects from this host: authql believes the X-Forwarded-For it sends, and only its.
    const auth = await createAuth({ trustProxy: 'loopback', ...authOptions, federation: true });
    stops.push(() => auth.close());
    const authql = await startServer(auth, { host, port: 0 });
    stops.push(() => authql.close());
    const reviewsSubgraph = await startReviewsSubgraph({ reviews, host });
    stops.push(() => reviewsSubgraph.close());

    const supergraphSdl = await composeSupergraph([
      { name: 'authql', url: authql.url },
      { name: 'reviews', url: reviewsSubgraph.url },
    ]);
    const startGateway = gateway === 'apollo' ? startApolloGateway : startHiveGateway;
    const running = await startGateway({ supergraphSdl, host, port });
    stops.push(() => running.close());
    return { url: running.url, authqlUrl: authql.url, reviewsUrl: reviewsSubgraph.url, reviews, close };
  } catch (error) {
    await close();
    throw error;
  }
}
