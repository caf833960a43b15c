// authql/client: the typed operations (generated from schema/operations/*.graphql) and a
// tiny fetch helper. Mutations answer unions; narrow them by __typename:
//   const r = await client.request(LoginDocument, { input: { email, password } });
//   if (r.login.__typename === 'LoginSuccess') use(r.login.token);
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export * from './generated/graphql';

/** A top-level error (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, SERVICE_UNAVAILABLE, …). */
export class AuthqlError extends Error {
  name = 'AuthqlError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly errors: { message: string; extensions?: Record<string, unknown> }[],
  ) {
    super(message);
  }

  /** Seconds to wait, for RATE_LIMITED. */
  get retryAfter(): number | null {
    const value = this.errors[0]?.extensions?.retryAfter;
    return typeof value === 'number' ? value : null;
  }
}

export interface ClientOptions {
  /** e.g. 'http://127.0.0.1:4000/graphql' */
  url: string;
  /** Header-token mode: the token to send as `Authorization: Token …` (session or JWT). */
  token?: () => string | null | undefined;
  /** Cookie mode: 'include' sends the httpOnly session cookie cross-origin. */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export function createClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const printed = new WeakMap<object, string>();
  return {
    async request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, ...[variables]: Variables extends Record<string, never> ? [] : [Variables]): Promise<Result> {
      let query = printed.get(document);
      if (!query) printed.set(document, (query = print(document)));
      const token = options.token?.();
      const response = await doFetch(options.url, {
        method: 'POST',
        credentials: options.credentials,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Token ${token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables: variables ?? {} }),
      });
      const body = (await response.json().catch(() => ({}))) as { data?: Result | null; errors?: AuthqlError['errors'] };
      if (body.errors?.length || !body.data) {
        const first = body.errors?.[0];
        throw new AuthqlError(first?.message ?? `HTTP ${response.status}`, String(first?.extensions?.code ?? `HTTP_${response.status}`), response.status, body.errors ?? []);
      }
      return body.data;
    },
  };
}

export type AuthqlClient = ReturnType<typeof createClient>;
