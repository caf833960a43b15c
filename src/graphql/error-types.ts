// The shared error types of every mutation result (ValidationError for what the user typed,
// AuthError for the request as a whole), and the top-level errors that are no union member.
import { GraphQLError } from 'graphql';
import { ERROR_CODES, type ErrorCode, type Failure, type FieldError } from '../accounts';
import type { Builder } from './builder';

/** RATE_LIMITED with when to try again (the HTTP status follows the media type: plugins/error-status.ts). */
export function rateLimitedError(message: string, retryAfter: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfter, http: { headers: { 'retry-after': String(retryAfter) } } },
  });
}

/** A refusal of accounts/rate-limits.ts: RATE_LIMITED, or CLIENT_ADDRESS_UNKNOWN when the host gave no client address. */
export function limitedError(failure: Extract<Failure, { kind: 'limited' }>): GraphQLError {
  if (failure.code === 'RATE_LIMITED') return rateLimitedError(failure.message, failure.retryAfter);
  return new GraphQLError(failure.message, { extensions: { code: failure.code } });
}

/** FORBIDDEN / NOT_FOUND are cross-cutting: top-level errors, not union members. */
export function deniedError(failure: { code: string; message: string }): GraphQLError {
  return new GraphQLError(failure.message, { extensions: { code: failure.code } });
}

export type Tagged<N extends string, T> = T & { __typename: N };

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
