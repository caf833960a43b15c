// A host's own graphql-yoga server with authql mounted inside: the host keeps its own `User`
// type, its own `me` and its own `users` collection (a mongoose model `User` on the same
// database), and authql's schema is merged in under a type prefix and a root-field prefix.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mergeSchemas, makeExecutableSchema } from '@graphql-tools/schema';
import { createAuth, type AuthOptions } from 'authql';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import mongoose from 'mongoose';

export interface HostOptions {
  /** The host's database (its name in the path); authql shares the host's connection. */
  mongodbUri: string;
  /** authql's secret (AUTH_SECRET). */
  secret: string;
  /** authql's other options (email, rate limits, …). */
  auth?: Omit<AuthOptions, 'mongodb' | 'secret' | 'schema'>;
  host?: string;
  port?: number;
}

/** The host's own people: a profile by email, in the host's `users` collection. */
const profileSchema = new mongoose.Schema({ email: { type: String, required: true, unique: true }, name: { type: String, required: true } });

export async function start({ mongodbUri, secret, auth: authOptions = {}, host = '127.0.0.1', port = 0 }: HostOptions) {
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  const User = connection.model('User', profileSchema);
  // authql on the host's connection: its collections are authql_users, authql_sessions, … and
  // its types AuthUser, AuthLoginInput, … with root fields auth_me, auth_login, …
  const auth = await createAuth({ ...authOptions, mongodb: { connection }, secret, schema: { typePrefix: 'Auth', rootFieldPrefix: 'auth_' } });

  const hostSchema = makeExecutableSchema({
    typeDefs: /* GraphQL */ `
      type User {
        id: ID!
        email: String!
        name: String!
      }
      type Query {
        "The host's profile of whoever is logged in with authql, or null."
        me: User
      }
    `,
    resolvers: {
      Query: {
        me: async (_root: unknown, _args: unknown, context: YogaInitialContext) => {
          const viewer = await auth.viewer(context);
          return viewer ? User.findOne({ email: viewer.email }).lean() : null;
        },
      },
      User: { id: (profile: { _id: mongoose.Types.ObjectId }) => profile._id.toHexString() },
    },
  });

  const yoga = createYoga({
    schema: mergeSchemas({ schemas: [auth.schema, hostSchema] }),
    // authql's limits, cookie mode, probes and error codes, for the host's whole schema.
    plugins: auth.plugins(),
    // authql's resolvers read their context from the host's request (the client's address too).
    context: (initial) => auth.context(initial),
    logging: false,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}${yoga.graphqlEndpoint}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
      await auth.close(); // leaves the host's connection open
      await connection.close();
    },
  };
}
