// The HTTP status of an answer that carries RATE_LIMITED or SERVICE_UNAVAILABLE follows GraphQL
// over HTTP: 429/503 only for a client that accepts application/graphql-response+json; a client
// that accepts application/json (and a gateway in front, which would turn a 429 into its own
// error) gets 200 with the code and retryAfter in the body. Retry-After is sent either way.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { STATUS_OF_CODE } from '../http-status';
import { withExtensions } from './error-copy';

/** Yoga sends `http.status` of an error marked `spec` only in a graphql-response+json answer. */
function withStatusByMediaType(error: GraphQLError): GraphQLError {
  const status = STATUS_OF_CODE[String(error.extensions?.code)];
  if (!status) return error;
  const http = error.extensions.http as { headers?: Record<string, string> } | undefined;
  return withExtensions(error, { ...error.extensions, http: { ...http, status, spec: true } });
}

export function useErrorStatusByMediaType(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => (error instanceof GraphQLError ? withStatusByMediaType(error) : error)) });
    },
  };
}
