// Relay connections that page forward only (first/after), from a use case's page.
import { GraphQLError } from 'graphql';

/** `last`/`before` are refused: these lists page forward only. */
export function refuseBackwardPaging(args: { last?: number | null; before?: string | null }, list: string): void {
  if (args.last != null || args.before != null) {
    throw new GraphQLError(`${list} pages forward only: use first and after.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

export function invalidCursor(): GraphQLError {
  return new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
}

/** The connection of one page: its nodes with their cursors, and whether more follow. */
export function forwardConnection<Node>(nodes: Node[], cursors: string[], hasNextPage: boolean, after: string | null | undefined) {
  return {
    edges: nodes.map((node, i) => ({ node, cursor: cursors[i] })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage: !!after,
      startCursor: cursors[0] ?? null,
      endCursor: cursors[cursors.length - 1] ?? null,
    },
  };
}
