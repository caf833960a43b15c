// The whole schema for one configuration. Resolvers find the use cases in the context,
// so the schema can be built (and printed) without a database.
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { createInputShapes, createMessages } from '../accounts';
import type { AuthConfig } from '../config';
import { addAudit } from './audit';
import { createBuilder } from './builder';
import { addJwt } from './jwt';
import { addLogin, addMfaRequired } from './login';
import { addLoginField } from './login-field';
import { addMe } from './me';
import { addOAuth } from './oauth';
import { addPasswordless } from './passwordless';
import { addPasswords } from './passwords';
import { addRegistration } from './registration';
import { addErrorTypes } from './error-types';
import { addPasskeys } from './passkeys';
import { addReauthenticate } from './reauthenticate';
import { addSessions } from './sessions';
import { addStaff } from './staff';
import { addTwoFactor } from './two-factor';
import { addUserType } from './user';
import { withServiceErrors } from './plugins/service-errors';
import { withSchemaNames, type SchemaNames } from './names';
import { printSubgraphSchema } from '@apollo/subgraph';

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
  addPasswordless(builder, shapes, errors, User, mfaRequired);
  if (!config.federation) return withSchemaNames(withServiceErrors(builder.toSchema({ sortSchema: true })), config.schema);
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
  const subgraph = withServiceErrors(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', sortSchema: true }));
  return subgraphWithNames(subgraph, config.schema);
}

/** The subgraph with its public names; its `_service.sdl`, printed when it was built, then says them too. */
function subgraphWithNames(subgraph: GraphQLSchema, names: SchemaNames): GraphQLSchema {
  const named = withSchemaNames(subgraph, names);
  if (named === subgraph) return subgraph;
  const sdl = printSubgraphSchema(named);
  const service = named.getQueryType()?.getFields()._service;
  if (service) service.resolve = () => ({ sdl });
  return named;
}

export function printAuthSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
