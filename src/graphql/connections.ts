// Relay connections that page forward only (first/after). @pothos/plugin-relay's
// resolveCursorConnection sizes the page and reads one item more to learn whether another follows.
import { resolveCursorConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { PAGE_SIZE } from '../accounts';

interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export function invalidCursor(): GraphQLError {
  return new GraphQLError('Invalid cursor.', { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * One page of `list`: `read` gets the cursor to start after and how many items to read.
 * `last`/`before` are refused; a negative `first` is an empty page; an empty page has null cursors.
 */
export async function forwardConnection<Node>(
  args: PagingArgs,
  list: string,
  toCursor: (node: Node) => string,
  read: (page: { after?: string; limit: number }) => Promise<Node[]>,
) {
  if (args.last != null || args.before != null) {
    throw new GraphQLError(`${list} pages forward only: use first and after.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  const first = args.first == null ? args.first : Math.max(args.first, 0);
  const connection = await resolveCursorConnection<Promise<Node[]>>(
    { args: { first, after: args.after }, toCursor, defaultSize: PAGE_SIZE.default, maxSize: PAGE_SIZE.max },
    read,
  );
  if (connection.edges.length) return connection;
  return { ...connection, pageInfo: { ...connection.pageInfo, startCursor: null, endCursor: null } };
}
