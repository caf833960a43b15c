// One Pothos builder per createAuth call: the schema's shape follows the options
// (login field, userFields, retype flags), so it is built when the options are known.
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { DateTimeISOResolver, JSONResolver } from 'graphql-scalars';
import type { Messages } from '../accounts';
import type { AuthContext } from './context';
// authql's own Pothos plugins, by name. Each declares its name in PothosSchemaTypes.Plugins in its
// own file: kept out of this one, the declaration stays out of the published types, where the ESM
// and the CommonJS copies of it would clash in a host that loads both (TS2717).
import authqlInputHandling, { invalidInputError } from './invalid-input';
import authqlSessionCookie from './plugins/session-cookie-field';

export interface GraphQLContext {
  authql: AuthContext;
}

interface AuthSchemaTypes {
  Context: GraphQLContext;
  Scalars: { DateTime: { Input: Date; Output: Date }; JSON: { Input: unknown; Output: unknown } };
  DefaultInputFieldRequiredness: false;
  DefaultFieldNullability: false;
  Connection: { totalCount?: never };
}

/** The builder's resolved type parameters, for helpers that take a field builder. */
export type Types = PothosSchemaTypes.ExtendDefaultTypes<AuthSchemaTypes>;

/** `messages`: the texts of a ValidationError for an input that breaks its shape rules. */
export function createBuilder(messages: Messages) {
  const builder = new SchemaBuilder<AuthSchemaTypes>({
    plugins: [RelayPlugin, DirectivePlugin, FederationPlugin, ValidationPlugin, authqlInputHandling, authqlSessionCookie],
    validation: { validationError: invalidInputError(messages) },
    defaultFieldNullability: false,
    relay: { clientMutationId: 'omit', cursorType: 'String', nodeQueryOptions: false, nodesQueryOptions: false },
  });

  // graphql-scalars' RFC 3339 date-time, in its variant that answers a string (DateTimeResolver
  // answers a Date, which only JSON turns into the same text): in-process callers see what clients see.
  builder.addScalarType('DateTime', DateTimeISOResolver, { description: 'An ISO-8601 date and time in UTC, e.g. 2026-11-28T17:32:14.000Z.' });
  // WebAuthn options and browser responses travel as they are.
  builder.addScalarType('JSON', JSONResolver);
  builder.queryType({});
  builder.mutationType({});
  return builder;
}

export type Builder = ReturnType<typeof createBuilder>;
