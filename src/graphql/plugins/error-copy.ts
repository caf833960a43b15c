// A GraphQLError as it was, with other extensions (the plugins that set HTTP statuses use it).
import { GraphQLError } from 'graphql';

export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}
