// A database or mail outage (ServiceUnavailableError from store/ or mail/) is answered as
// SERVICE_UNAVAILABLE (Retry-After; HTTP 503 for graphql-response+json), never as an unexpected error; and a root
// field's outcome is noted for the request log.
import { GraphQLError, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { ServiceUnavailableError } from '../../errors';
import type { GraphQLContext } from '../builder';

function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The service is temporarily unavailable; please try again shortly.', {
    // The status (503, or 200 for application/json) follows the media type: error-status.ts.
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { headers: { 'retry-after': '5' } } },
  });
}

/**
 * Every root resolver is wrapped once: the outcome goes to the request log, and
 * a database or mail outage becomes a SERVICE_UNAVAILABLE error in the resolver itself,
 * so it reads the same in a host's server, whatever error masking the host uses.
 */
export function withServiceErrors(schema: GraphQLSchema): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((t): t is GraphQLObjectType => !!t);
  for (const root of roots) {
    for (const field of Object.values(root.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = async (...args) => {
        const log = (args[2] as Partial<GraphQLContext> | undefined)?.authql?.log;
        try {
          const result = await resolve(...args);
          // An error member of a result union: its code is the outcome the request log shows.
          const code = (result as { __typename?: string; code?: string } | null)?.code;
          if (log && !log.outcome && typeof code === 'string') log.outcome = code;
          return result;
        } catch (error) {
          const mapped = error instanceof ServiceUnavailableError ? serviceUnavailable() : error;
          if (log && !log.outcome) log.outcome = String((mapped as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR');
          throw mapped;
        }
      };
    }
  }
  return schema;
}
