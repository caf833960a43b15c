// The host's own schema: posts, each written by one of authql's users. `Post.author` hands the
// gateway `{ id }` of a User, and the gateway fetches the rest of the User from authql.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';

export interface Post {
  id: string;
  title: string;
  authorId: string;
}

/** The host's resolvers' context: Yoga's, which holds the end user's request. */
export interface HostContext {
  request: Request;
}

/** Who is calling the host's resolvers: authql's user id, or null. */
export type Viewer = (context: HostContext) => Promise<{ id: string } | null>;

export function postsSchema(postsByAuthor: Map<string, Post[]>, viewer: Viewer) {
  return makeExecutableSchema({
    typeDefs: /* GraphQL */ `
      type Post {
        id: ID!
        title: String!
        authorId: ID!
        author: User
      }
      type User {
        id: ID!
      }
      type Query {
        myPosts: [Post!]!
      }
    `,
    resolvers: {
      Query: {
        myPosts: async (_root: unknown, _args: unknown, context: HostContext) => {
          const caller = await viewer(context);
          if (!caller) throw new GraphQLError('Log in to see your posts.', { extensions: { code: 'UNAUTHENTICATED' } });
          return postsByAuthor.get(caller.id) ?? [];
        },
      },
      Post: { author: (post: Post) => ({ id: post.authorId }) },
    },
  });
}
