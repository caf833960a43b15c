// The shared error types of every mutation result (ValidationError for what the user typed,
// AuthError for the request as a whole) and the mapping from a use case's Result onto a
// `<Name>Result` union.
import type { FieldMap, InputFieldBuilder, InputFieldMap, ObjectFieldBuilder, ObjectRef } from '@pothos/core';
import { ERROR_CODES, type ErrorCode, type FieldError, type Result } from '../accounts';
import { GraphQLError } from 'graphql';
import type { Builder, GraphQLContext, Types } from './builder';

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

/**
 * Declares `<Name>Success` with the given fields and `<Name>Result`, the union of it and
 * the error types the mutation can produce.
 */
function resultType<Shape extends object>(
  builder: Builder,
  name: string,
  errorTypes: ObjectRef<any, ErrorShape>[],
  fields: (t: ObjectFieldBuilder<Types, Tagged<string, Shape>>) => FieldMap,
  alternatives: AlternativeSuccess[],
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
export const okFields = (t: ObjectFieldBuilder<Types, Tagged<string, object>>) => ({ ok: t.boolean({ resolve: () => true }) });

/** A member of a result union that answers some successes instead of `<Name>Success` (e.g. MfaRequired). */
export interface AlternativeSuccess {
  name: string;
  type: ObjectRef<any, any>;
  matches: (success: object) => boolean;
}

export interface MutationDefinition<Shape extends object, Other extends object = never> {
  /** `SetPassword` → mutation `setPassword`, `SetPasswordInput`, `SetPasswordSuccess`, `SetPasswordResult`. */
  name: string;
  /** When lower-casing the first letter of `name` is not it (`OAuthStart` → `oauthStart`). */
  fieldName?: string;
  description?: string;
  /** The fields of `<Name>Input`; a mutation without it takes no argument. */
  input?: (t: InputFieldBuilder<Types, 'InputObject'>) => InputFieldMap;
  inputDescription?: string;
  errors: ObjectRef<any, ErrorShape>[];
  success: (t: ObjectFieldBuilder<Types, Tagged<string, Shape>>) => FieldMap;
  /** Other successes the union holds, each answering the results it matches. */
  alternatives?: AlternativeSuccess[];
  /** Calls the use case; its typed result is mapped onto the union. */
  resolve: (input: Record<string, any>, context: GraphQLContext) => Promise<Result<Shape | Other>>;
  /** The mutation hashes or verifies a password or checks a second-factor code (for some inputs): at most one such field runs per operation. */
  checksPassword?: boolean | ((input: Record<string, any>) => boolean);
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
export function defineMutation<Shape extends object, Other extends object = never>(builder: Builder, definition: MutationDefinition<Shape, Other>): void {
  const { Union, toResult } = resultType<Shape>(builder, definition.name, definition.errors, definition.success, definition.alternatives ?? []);
  const fieldName = definition.fieldName ?? definition.name[0].toLowerCase() + definition.name.slice(1);
  const Input = definition.input ? builder.inputType(`${definition.name}Input`, { description: definition.inputDescription, fields: definition.input }) : null;
  builder.mutationField(fieldName, (t) =>
    t.field({
      type: Union,
      description: definition.description,
      args: Input ? { input: t.arg({ type: Input, required: true }) } : {},
      // (A generic Shape is more than Pothos's resolver types can follow; the union checks it.)
      resolve: (async (_root: unknown, args: { input?: Record<string, any> }, context: GraphQLContext) => {
        const input = args.input ?? {};
        const { checksPassword } = definition;
        if (checksPassword === true || (typeof checksPassword === 'function' && checksPassword(input))) spendPasswordCheck(context);
        return toResult(await definition.resolve(input, context));
      }) as never,
    }),
  );
}
