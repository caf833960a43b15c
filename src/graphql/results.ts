// The shared error types of every mutation result (ValidationError for what the user typed,
// AuthError for the request as a whole) and the mapping from a use case's Result onto a
// `<Name>Result` union.
import type { FieldMap, InputFieldBuilder, InputFieldMap, InputShapeFromFields, ObjectFieldBuilder, ObjectRef } from '@pothos/core';
import type { StandardSchemaV1 } from '@pothos/plugin-validation';
import { ERROR_CODES, type ErrorCode, type FieldError, type Result } from '../accounts';
import { GraphQLError } from 'graphql';
import type { Builder, GraphQLContext, Types } from './builder';
import { inputHandling } from './invalid-input';

export function rateLimitedError(message: string, retryAfter: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter, http: { status: 429, headers: { 'retry-after': String(retryAfter) } } },
  });
}

/** FORBIDDEN / NOT_FOUND are cross-cutting: top-level errors, not union members. */
export function deniedError(failure: { code: string; message: string }): GraphQLError {
  return new GraphQLError(failure.message, { extensions: { code: failure.code } });
}

type Tagged<N extends string, T> = T & { __typename: N };

export type ValidationErrorShape = Tagged<'ValidationError', { code: ErrorCode; message: string; fieldErrors: FieldError[] }>;
export type AuthErrorShape = Tagged<'AuthError', { code: ErrorCode; message: string }>;
export type ErrorShape = ValidationErrorShape | AuthErrorShape;

export function addErrorTypes(builder: Builder) {
  const ErrorCodeEnum = builder.enumType('ErrorCode', {
    description: 'Every code an authql error can carry, top-level or in a field.',
    values: ERROR_CODES,
  });
  const ErrorInterface = builder.interfaceRef<ErrorShape>('Error').implement({
    description: 'What every error in a mutation result has: a stable code and a readable message.',
    fields: (t) => ({
      code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
      message: t.exposeString('message'),
    }),
  });
  const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
    description: 'A problem with one input field, named as in the input.',
    fields: (t) => ({
      field: t.exposeString('field'),
      code: t.field({ type: ErrorCodeEnum, resolve: (e) => e.code }),
      message: t.exposeString('message'),
    }),
  });
  const ValidationError = builder.objectRef<ValidationErrorShape>('ValidationError').implement({
    description: 'Something the user typed is invalid: every invalid field is listed.',
    interfaces: [ErrorInterface],
    isTypeOf: (v) => (v as ErrorShape).__typename === 'ValidationError',
    fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (e) => e.fieldErrors }) }),
  });
  const AuthError = builder.objectRef<AuthErrorShape>('AuthError').implement({
    description: 'The request as a whole was refused (credentials, link, token).',
    interfaces: [ErrorInterface],
    isTypeOf: (v) => (v as ErrorShape).__typename === 'AuthError',
  });
  return { ValidationError, AuthError };
}

export type ErrorTypes = ReturnType<typeof addErrorTypes>;

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
    if (result.kind === 'limited') throw rateLimitedError(result.message, result.retryAfter);
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
   * ValidationError at once and the use case never runs, unless `malformedInputToUseCase`.
   */
  validate?: StandardSchemaV1;
  /**
   * A malformed input goes on to the use case, which checks the same rules at its place in
   * the flow: after what must come first (a rate limit, the current password, permissions)
   * and together with what it finds in stored data (a login taken), as it always answered.
   */
  malformedInputToUseCase?: boolean;
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

/** The requests (by their authql context) that already spent their one password or code check. */
const spentPasswordChecks = new WeakSet<object>();

/**
 * Aliases would let one request run many argon2 verifications or code guesses (a guessing
 * amplifier and a CPU sink): a second field that checks a password or code in the same operation is refused.
 */
function spendPasswordCheck(context: GraphQLContext): void {
  if (spentPasswordChecks.has(context.authql)) {
    throw rateLimitedError('One operation may check at most one password or code: send the others as separate requests.', 1);
  }
  spentPasswordChecks.add(context.authql);
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
  const answer = async (args: { input?: unknown }, context: GraphQLContext) => toResult(await definition.resolve(inputOf(args), context));
  builder.mutationField(fieldName, (t) =>
    t.field({
      type: Union,
      description: definition.description,
      args: Input ? { input: t.arg({ type: Input, required: true }) } : {},
      extensions: inputHandling<GraphQLContext>({
        before: async (args, context) => {
          if (checksPassword === true || (typeof checksPassword === 'function' && checksPassword(inputOf(args)))) spendPasswordCheck(context);
          if (definition.signedIn) await context.authql.requireCaller();
        },
        malformed: async (args, context, failure) => (definition.malformedInputToUseCase ? answer(args, context) : toResult(failure)),
      }),
      // (A generic Shape is more than Pothos's resolver types can follow; the union checks it.)
      resolve: ((_root: unknown, args: { input?: unknown }, context: GraphQLContext) => answer(args, context)) as never,
    }),
  );
}
