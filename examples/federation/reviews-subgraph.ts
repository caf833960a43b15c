// The team's own subgraph: reviews, written by authql's users (User is authql's entity).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

export interface Review {
  id: string;
  body: string;
  authorId: string;
}

export const reviewsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Review {
    id: ID!
    body: String!
    author: User!
  }

  type User @key(fields: "id") {
    id: ID!
    reviews: [Review!]!
  }

  type Query {
    reviews: [Review!]!
  }
`);

export function reviewsSchema(reviews: Review[]) {
  return buildSubgraphSchema({
    typeDefs: reviewsTypeDefs,
    resolvers: {
      Query: { reviews: () => reviews },
      Review: { author: (review: Review) => ({ __typename: 'User', id: review.authorId }) },
      User: {
        __resolveReference: (user: { id: string }) => user,
        reviews: (user: { id: string }) => reviews.filter((review) => review.authorId === user.id),
      },
    },
  });
}

/** Serves the reviews subgraph; `reviews` is its data (an array the caller may fill). */
export async function startReviewsSubgraph({ reviews, host = '127.0.0.1', port = 0 }: { reviews: Review[]; host?: string; port?: number }) {
  const yoga = createYoga({ schema: reviewsSchema(reviews), logging: false });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}${yoga.graphqlEndpoint}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  };
}
