// A mutation's input is checked against its shape rules by @pothos/plugin-validation, before
// the resolver. Its `validationError` reports every issue at once as our ValidationError; this
// plugin wraps the check so that what must come first still does (the operation's one password
// check, the caller) and a malformed input is answered, as a member of the result union.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import type { GraphQLFieldResolver } from 'graphql';
import { fieldErrorOf, validationFailure, type Failure, type Messages } from '../accounts';

/** Thrown by the validation plugin for an input that breaks its rules: every field error, in our codes and texts. */
export class InvalidInputError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** The validation plugin's `validationError`. */
export function invalidInputError(messages: Messages) {
  return (result: StandardSchemaV1.FailureResult) => new InvalidInputError(validationFailure(messages, result.issues.map(fieldErrorOf)));
}

/** What a mutation field tells the plugin (see defineMutation). */
export interface InputHandling<Context> {
  /** Runs before the input is checked. */
  before(args: { input?: unknown }, context: Context): Promise<void>;
  /** The field's answer to a malformed input. */
  malformed(args: { input?: unknown }, context: Context, failure: Failure): Promise<unknown>;
}

const EXTENSION = 'authqlInputHandling';

/** The field extension that hands the field's input handling to the plugin. */
export function inputHandling<Context>(handling: InputHandling<Context>): Record<string, unknown> {
  return { [EXTENSION]: handling };
}

export class InputHandlingPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  // Wraps outside the argument mappers, where the validation plugin's check runs.
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    const handling = fieldConfig.extensions?.[EXTENSION] as InputHandling<Types['Context']> | undefined;
    if (!resolver || !handling) return resolver;
    return async (parent, args, context, info) => {
      await handling.before(args, context);
      try {
        return await resolver(parent, args, context, info);
      } catch (error) {
        if (error instanceof InvalidInputError) return handling.malformed(args, context, error.failure);
        throw error;
      }
    };
  }
}

// (Its name is declared to Pothos in builder.ts.)
declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      authqlInputHandling: InputHandlingPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('authqlInputHandling', InputHandlingPlugin);

export default 'authqlInputHandling';
