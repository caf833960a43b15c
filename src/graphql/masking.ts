// Error masking, the same in authql's Yoga server and in a host's Apollo Server: an error that
// no one meant the client to see (a bug, a driver's message) reaches the client as
// "Unexpected error."; the operator reads why, once, in the log (no stack beyond five frames).
import { GraphQLError } from 'graphql';
import type { Logger } from '../config';

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

/** Whether an error reached the result without being a GraphQLError someone threw on purpose. */
export function isUnexpectedError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  return error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
}

/** Tells the operator why an error was masked. */
export function logMaskedError(logger: Logger, error: unknown): void {
  const original = (error as { originalError?: Error }).originalError ?? (error as Error);
  logger.error('unexpected error (masked for the client)', {
    reason: original?.message,
    stack: original?.stack?.split('\n').slice(1, 6).map((line) => line.trim()).join(' | '),
  });
}
