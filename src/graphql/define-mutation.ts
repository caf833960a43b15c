// defineMutation: one mutation the way every authql mutation looks (one `input` argument, one
// `<Name>Result` union), and the mapping from a use case's Result onto that union.
import type { FieldMap, InputFieldBuilder, InputFieldMap, InputShapeFromFields, ObjectFieldBuilder, ObjectRef } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import type { Result } from '../accounts';
import type { Builder, GraphQLContext, Types } from './builder';
import { deniedError, limitedError, type AuthErrorShape, type ErrorShape, type Tagged, type ValidationErrorShape } from './error-types';
import { inputHandling } from './invalid-input';
import { spendSecretCheck } from './plugins/one-secret-check';

/** The field builder of a `<Name>Success` whose use case answers `Shape`. */
export type SuccessFieldBuilder<Shape extends object> = ObjectFieldBuilder<Types, Tagged<string, Shape>>;

/** The fields of a `<Name>Success` whose use case answers `Shape` (the type names what the fields read). */
export const successFields = <Shape extends object>(fields: (t: SuccessFieldBuilder<Shape>) => FieldMap) => fields;

/**
 * Declares `<Name>Success` with the given fields and `<Name>Result`, the union of it and
 * the error types the mutation can produce.
 */
function resultType<Shape extends object>(
  builder: Builder,
  name: string,
  errorTypes: ObjectRef<any, ErrorShape>[],
  fields: (t: SuccessFieldBuilder<Shape>) => FieldMap,
  alternatives: AlternativeSuccess<object>[],
) {
  const successName = `${name}Success`;
  const Success = builder.objectRef<Tagged<string, Shape>>(successName).implement({
    isTypeOf: (v) => (v as { __typename?: string }).__typename === successName,
    fields,
  });
  const Union = builder.unionType(`${name}Result`, {
    types: [Success, ...alternatives.map((a) => a.type), ...errorTypes],
    resolveType: (value) => (value as { __typename: string }).__typename,
  });
  /** Maps a use case's result onto the union. */
  const toResult = (result: Result<object>) => {
    if (result.ok) {
      const alternative = alternatives.find((a) => a.matches(result));
      return { ...result, __typename: alternative ? alternative.name : successName } as unknown as Tagged<string, Shape>;
    }
    if (result.kind === 'denied') throw deniedError(result);
    if (result.kind === 'limited') throw limitedError(result);
    return result.kind === 'validation'
      ? ({ __typename: 'ValidationError', code: result.code, message: result.message, fieldErrors: result.fieldErrors } satisfies ValidationErrorShape)
      : ({ __typename: 'AuthError', code: result.code, message: result.message } satisfies AuthErrorShape);
  };
  return { Union, toResult };
}

/** The success of a mutation that has nothing to tell but that it worked. */
export const okFields = successFields<object>((t) => ({ ok: t.boolean({ resolve: () => true }) }));

/** A member of a result union that answers some successes instead of `<Name>Success` (e.g. MfaRequired). */
export interface AlternativeSuccess<Shape extends object> {
  name: string;
  type: ObjectRef<any, Shape>;
  matches: (success: object) => boolean;
}

/** A mutation's input as the resolver gets it, typed from its Pothos input fields. */
export type MutationInput<Fields extends InputFieldMap> = InputShapeFromFields<Fields>;

export interface MutationDefinition<Fields extends InputFieldMap, Shape extends object, Other extends object> {
  /** `SetPassword` → mutation `setPassword`, `SetPasswordInput`, `SetPasswordSuccess`, `SetPasswordResult`. */
  name: string;
  /** When lower-casing the first letter of `name` is not it (`OAuthStart` → `oauthStart`). */
  fieldName?: string;
  description?: string;
  /** The fields of `<Name>Input`; a mutation without it takes no argument. */
  input?: (t: InputFieldBuilder<Types, 'InputObject'>) => Fields;
  inputDescription?: string;
  /**
   * The input's shape rules (one of accounts' input shapes), checked on `<Name>Input` by
   * @pothos/plugin-validation before the resolver: a malformed input is answered with the
   * ValidationError at once and the use case never runs. A mutation whose use case must check
   * something first (a rate limit, the current password, permissions) declares none and says why
   * in a line: its use case checks the same rules at their place in the flow.
   */
  validate?: StandardSchemaV1;
  /** Field extensions read by plugins (e.g. `issuesSession` of plugins/session-cookie.ts). */
  extensions?: Record<string, unknown>;
  /** Only for a signed-in caller: UNAUTHENTICATED comes before any problem with the input. */
  signedIn?: boolean;
  errors: ObjectRef<any, ErrorShape>[];
  success: (t: SuccessFieldBuilder<Shape>) => FieldMap;
  /** Other successes the union holds, each answering the results it matches. */
  alternatives?: AlternativeSuccess<Other>[];
  /** Calls the use case; its typed result is mapped onto the union. */
  resolve: (input: MutationInput<Fields>, context: GraphQLContext) => Promise<Result<Shape | Other>>;
  /** The mutation hashes or verifies a password or checks a second-factor code (for some inputs): at most one such field runs per operation. */
  checksPassword?: boolean | ((input: MutationInput<Fields>) => boolean);
}

/** One mutation the way every authql mutation looks: one `input` argument, one result union. */
export function defineMutation<Fields extends InputFieldMap = {}, Shape extends object = object, Other extends object = never>(
  builder: Builder,
  definition: MutationDefinition<Fields, Shape, Other>,
): void {
  const { name, validate, checksPassword } = definition;
  const { Union, toResult } = resultType<Shape>(builder, name, definition.errors, definition.success, definition.alternatives ?? []);
  if (validate && !definition.errors.some((type) => type.name === 'ValidationError')) {
    throw new Error(`authql: ${name} checks its input, so its result needs the ValidationError member`);
  }
  const fieldName = definition.fieldName ?? name[0].toLowerCase() + name.slice(1);
  const Input = definition.input ? builder.inputType(`${name}Input`, { description: definition.inputDescription, fields: definition.input, validate }) : null;
  const inputOf = (args: { input?: unknown }) => (args.input ?? {}) as MutationInput<Fields>;
  builder.mutationField(fieldName, (t) =>
    t.field({
      type: Union,
      description: definition.description,
      args: Input ? { input: t.arg({ type: Input, required: true }) } : {},
      extensions: {
        ...definition.extensions,
        ...inputHandling<GraphQLContext>({
          before: async (args, context) => {
            if (checksPassword === true || (typeof checksPassword === 'function' && checksPassword(inputOf(args)))) spendSecretCheck(context);
            if (definition.signedIn) await context.authql.requireCaller();
          },
          malformed: async (_args, _context, failure) => toResult(failure),
        }),
      },
      // (A generic Shape is more than Pothos's resolver types can follow; the union checks it.)
      resolve: (async (_root: unknown, args: { input?: unknown }, context: GraphQLContext) => toResult(await definition.resolve(inputOf(args), context))) as never,
    }),
  );
}
