// One POST of a typed document and the one way out for its failures: an AuthqlError whose
// `code` and `retryAfter` read the same from every form of answer (a 200 with `errors` for
// `accept: application/json`, a 429 for graphql-response+json, a network failure).
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export type GraphQLErrorBody = { message: string; extensions?: Record<string, unknown> };

/** A top-level error (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, SERVICE_UNAVAILABLE, NETWORK_ERROR, …). */
export class AuthqlError extends Error {
  name = 'AuthqlError';
  constructor(
    message: string,
    readonly code: string,
    /** The HTTP status; 0 when no answer arrived (NETWORK_ERROR). */
    readonly status: number,
    readonly errors: GraphQLErrorBody[],
    private readonly retryAfterHeader: number | null = null,
  ) {
    super(message);
  }

  /** Seconds to wait, for RATE_LIMITED (and SERVICE_UNAVAILABLE): the error's own, else the Retry-After header. */
  get retryAfter(): number | null {
    const value = this.errors[0]?.extensions?.retryAfter;
    return typeof value === 'number' ? value : this.retryAfterHeader;
  }
}

/** The arguments after the document: none for an operation without variables. */
export type VariablesOf<Variables> = Variables extends Record<string, never> ? [] : [Variables];

export interface TransportOptions {
  url: string;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
  headers?: Record<string, string>;
}

export function createTransport(options: TransportOptions) {
  const printed = new WeakMap<object, string>();
  return async function send<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables | undefined,
    headers: Record<string, string> = {},
  ): Promise<Result> {
    let query = printed.get(document);
    if (!query) printed.set(document, (query = print(document)));
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(options.url, {
        method: 'POST',
        credentials: options.credentials,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...headers,
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
      });
    } catch (error) {
      throw new AuthqlError(`The request did not reach the server: ${String(error)}`, 'NETWORK_ERROR', 0, []);
    }
    const body = (await response.json().catch(() => ({}))) as { data?: Result | null; errors?: GraphQLErrorBody[] };
    if (body.errors?.length || !body.data) {
      const first = body.errors?.[0];
      const header = Number(response.headers.get('retry-after'));
      throw new AuthqlError(
        first?.message ?? `HTTP ${response.status}`,
        String(first?.extensions?.code ?? `HTTP_${response.status}`),
        response.status,
        body.errors ?? [],
        response.headers.has('retry-after') && Number.isFinite(header) ? header : null,
      );
    }
    return body.data;
  };
}

export type Send = ReturnType<typeof createTransport>;
