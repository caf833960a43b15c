// authql/client: createAuthClient (the session an SPA holds, JWT refresh, typed errors), the
// typed operations (generated from schema/operations/*.graphql) and a tiny fetch helper.
// Mutations answer unions; narrow them by __typename:
//   const auth = createAuthClient({ url, mode: 'jwt', storage: 'localStorage' });
//   const r = await auth.signIn({ email, password });
//   if (r.__typename === 'JwtCreateSuccess') show(auth.getSession()!.user);
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export type { TypedDocumentNode };
import { createTransport, type VariablesOf } from './transport';

export * from './generated/graphql';
export { AuthqlError, type GraphQLErrorBody, type VariablesOf } from './transport';
export { createAuthClient, CSRF_HEADER, type AuthClient, type AuthClientOptions, type AuthMode, type Session, type SessionListener } from './auth-client';
export { withSchemaNames, type SchemaNames } from './names';
export { memoryStorage, type StorageLike, type StorageOption, type StoredSession } from './session-store';

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

/** A stateless client: the caller holds the token (createAuthClient holds the session for you). */
export function createClient(options: ClientOptions) {
  const send = createTransport(options);
  return {
    request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, ...[variables]: VariablesOf<Variables>): Promise<Result> {
      const token = options.token?.();
      return send(document, variables, token ? { authorization: `Token ${token}` } : {});
    },
  };
}

export type AuthqlClient = ReturnType<typeof createClient>;
