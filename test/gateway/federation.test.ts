// authql as an Apollo Federation 2 subgraph (`federation: true`) next to a team's
// own subgraph, composed into a supergraph and served by a gateway that forwards the
// caller's headers to every subgraph.
import { buildSubgraphSchema } from '@apollo/subgraph';
import { getStitchedSchemaFromSupergraphSdl } from '@graphql-tools/federation';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { LOGIN, PASSWORD, REGISTER } from '../helpers/journeys';
import { startTestServer, type TestServer } from '../helpers/server';
import { withCleanup } from '../helpers/resources';
import { forwardedHeaders, listen, post } from './http';

jest.setTimeout(60_000);

interface Review {
  id: string;
  body: string;
  authorId: string;
}

/** The team's own subgraph: reviews, written by authql's users. */
function reviewsSubgraph(reviews: Review[]) {
  const typeDefs = parse(/* GraphQL */ `
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
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: { reviews: () => reviews },
      Review: { author: (review: Review) => ({ __typename: 'User', id: review.authorId }) },
      User: {
        __resolveReference: (user: { id: string }) => user,
        reviews: (user: { id: string }) => reviews.filter((review) => review.authorId === user.id),
      },
    },
  });
  return { typeDefs, schema };
}

describe('authql as a federation subgraph behind a gateway', () => {
  const cleanup = withCleanup();
  const reviews: Review[] = [];
  let authql: TestServer;
  let authqlSdl: string;
  let gatewayUrl: string;

  beforeAll(async () => {
    authql = await startTestServer({ federation: true });
    cleanup.push(() => authql.close());

    const subgraph = reviewsSubgraph(reviews);
    const reviewsServer = await listen(createYoga({ schema: subgraph.schema, logging: false }));
    cleanup.push(() => reviewsServer.close());

    // authql's subgraph SDL, as a schema registry or `rover subgraph introspect` would fetch it.
    const service = await authql.gql('{ _service { sdl } }');
    if (service.errors) throw new Error(`_service: ${JSON.stringify(service.errors)}`);
    authqlSdl = service.data._service.sdl;

    const composed = composeServices([
      { name: 'authql', typeDefs: parse(authqlSdl), url: authql.url },
      { name: 'reviews', typeDefs: subgraph.typeDefs, url: reviewsServer.url },
    ]);
    if (!composed.supergraphSdl) throw new Error(`composition failed:\n${(composed.errors ?? []).map((e) => e.message).join('\n')}`);

    const schema = getStitchedSchemaFromSupergraphSdl({
      supergraphSdl: composed.supergraphSdl,
      // Every subgraph request carries the credentials of the request the gateway is answering.
      httpExecutorOpts: { headers: (executorRequest) => forwardedHeaders(executorRequest?.context?.request) },
    });
    const gateway = await listen(createYoga({ schema, logging: false }));
    cleanup.push(() => gateway.close());
    gatewayUrl = gateway.url;
  });

  test('authql answers { _service { sdl } } with User as an entity keyed by id', async () => {
    expect(authqlSdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(authqlSdl).toMatch(/type User\b[^{]*@key\(fields: "id"\)/);
    expect(authqlSdl).not.toMatch(/password[hH]ash/);
  });

  test("a logged-in user's me is joined with their reviews, and a review's author is resolved by authql", async () => {
    const registered = await post(gatewayUrl, REGISTER, { input: { email: 'Fed.Reviewer@Example.com', password: PASSWORD } });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register.__typename).toBe('RegisterSuccess');
    const userId: string = registered.data.register.user.id;
    reviews.push({ id: 'r1', body: 'Five stars', authorId: userId }, { id: 'r2', body: 'Would log in again', authorId: userId });

    const loggedIn = await post(gatewayUrl, LOGIN, { input: { email: 'fed.reviewer@example.com', password: PASSWORD } });
    expect(loggedIn.data?.login.__typename).toBe('LoginSuccess');
    const token: string = loggedIn.data.login.token;

    // authql → reviews subgraph (User.reviews through the reviews subgraph's reference resolver).
    const me = await post(gatewayUrl, '{ me { id email reviews { body } } }', undefined, token);
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: { id: userId, email: 'Fed.Reviewer@Example.com', reviews: [{ body: 'Five stars' }, { body: 'Would log in again' }] } });

    // reviews subgraph → authql (User.email through authql's resolveReference, which sees the caller).
    const list = await post(gatewayUrl, '{ reviews { body author { id email } } }', undefined, token);
    expect(list.errors).toBeUndefined();
    expect(list.data).toEqual({
      reviews: [
        { body: 'Five stars', author: { id: userId, email: 'Fed.Reviewer@Example.com' } },
        { body: 'Would log in again', author: { id: userId, email: 'Fed.Reviewer@Example.com' } },
      ],
    });
  });

  test("without credentials, or as another (non-staff) user, authql's resolveReference does not reveal a review's author", async () => {
    expect(reviews.length).toBeGreaterThan(0); // written by the previous story's user
    // authql resolves a reference it may not show to null (hideUsers): the gateway cannot fill the author's email.
    const anonymous = await post(gatewayUrl, '{ reviews { body author { email } } }');
    expect(JSON.stringify(anonymous)).not.toContain('Fed.Reviewer@Example.com');
    expect(anonymous.errors?.length).toBeGreaterThan(0);

    const stranger = await post(gatewayUrl, REGISTER, { input: { email: 'fed.stranger@example.com', password: PASSWORD } });
    expect(stranger.data?.register.__typename).toBe('RegisterSuccess');
    const loggedIn = await post(gatewayUrl, LOGIN, { input: { email: 'fed.stranger@example.com', password: PASSWORD } });
    const token: string = loggedIn.data.login.token;
    const seenByStranger = await post(gatewayUrl, '{ reviews { body author { email } } }', undefined, token);
    expect(JSON.stringify(seenByStranger)).not.toContain('Fed.Reviewer@Example.com');
    expect(seenByStranger.errors?.length).toBeGreaterThan(0);
    // …while the stranger's own me still resolves through the gateway.
    const strangerMe = await post(gatewayUrl, '{ me { email reviews { body } } }', undefined, token);
    expect(strangerMe.errors).toBeUndefined();
    expect(strangerMe.data).toEqual({ me: { email: 'fed.stranger@example.com', reviews: [] } });

    const me = await post(gatewayUrl, '{ me { email } }');
    expect(me.errors).toBeUndefined();
    expect(me.data).toEqual({ me: null });
  });
});
