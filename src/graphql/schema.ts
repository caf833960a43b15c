// The whole schema for one configuration. Resolvers find the use cases in the context,
// so the schema can be built (and printed) without a database.
import { GraphQLError, GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { createInputShapes, createMessages } from '../accounts';
import type { AuthConfig } from '../config';
import { ServiceUnavailableError } from '../errors';
import { addAudit } from './audit';
import { createBuilder, type GraphQLContext } from './builder';
import { addJwt } from './jwt';
import { addLogin } from './login';
import { addLoginField } from './login-field';
import { addMe } from './me';
import { addOAuth } from './oauth';
import { addPasswords } from './passwords';
import { addRegistration } from './registration';
import { addErrorTypes } from './error-types';
import { addPasskeys } from './passkeys';
import { addReauthenticate } from './reauthenticate';
import { addSessions } from './sessions';
import { addStaff } from './staff';
import { addMfaRequired, addTwoFactor } from './two-factor';
import { addUserType } from './user';

export function buildSchema(config: AuthConfig): GraphQLSchema {
  const messages = createMessages(config.messages);
  // The shape rules the use cases check too, declared on the inputs.
  const shapes = createInputShapes(config, messages);
  const builder = createBuilder(messages);
  const errors = addErrorTypes(builder);
  const User = addUserType(builder, config);
  const mfaRequired = addMfaRequired(builder);
  addRegistration(builder, config, errors, User);
  addLogin(builder, config, shapes, errors, User, mfaRequired);
  addSessions(builder);
  addMe(builder, config, shapes, errors, User);
  addPasswords(builder, config, shapes, errors);
  addLoginField(builder, config, shapes, errors, User);
  addJwt(builder, config, shapes, errors, mfaRequired);
  addStaff(builder, config, errors, User);
  addAudit(builder, config, User);
  addTwoFactor(builder, config, errors, User);
  addPasskeys(builder, config, shapes, errors, User, mfaRequired);
  addReauthenticate(builder, errors);
  addOAuth(builder, errors, User, mfaRequired);
  if (!config.federation) return withServiceErrors(builder.toSchema({ sortSchema: true }));
  // A subgraph: other subgraphs reference users by id; they are resolved with the same
  // permissions as user(id) (someone the caller may not see resolves to null).
  builder.asEntity(User, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: async ({ id }, { authql }) => {
      const caller = await authql.caller();
      if (!caller) return null;
      const result = await authql.accounts.viewUser(caller, id);
      return result.ok ? result.user : null;
    },
  });
  return withServiceErrors(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', sortSchema: true }));
}

export function printAuthSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The service is temporarily unavailable; please try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'retry-after': '5' } } },
  });
}

/**
 * Every root resolver is wrapped once: the outcome goes to the request log, and
 * a database or mail outage becomes a SERVICE_UNAVAILABLE error in the resolver itself,
 * so it reads the same in a host's server, whatever error masking the host uses.
 */
function withServiceErrors(schema: GraphQLSchema): GraphQLSchema {
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
