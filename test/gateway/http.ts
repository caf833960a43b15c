// What the gateway stories share: serving a Yoga on 127.0.0.1, posting to it, forwarding the
// caller's credentials to a subgraph, and undoing everything in afterAll even after a failure.
import { createServer, type RequestListener } from 'node:http';
import { queryOf, type Document } from '../helpers/server';
import type { AddressInfo } from 'node:net';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves a request handler (a Yoga instance) on a free port of 127.0.0.1. */
export async function listen(handler: RequestListener, path = '/graphql'): Promise<Listening> {
  const server = createServer(handler);
  // Keep-alive connections would hold close() open for their idle timeout.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Answer<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** POSTs an operation; `token` goes into `Authorization: Token <token>`. */
export async function post<T = any>(url: string, document: Document, variables?: Record<string, unknown>, token?: string): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: JSON.stringify({ query: queryOf(document), variables }),
  });
  const body = (await response.json()) as Omit<Answer<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The caller's credentials, copied from the gateway's incoming request to a subgraph request. */
export function forwardedHeaders(request: { headers: Headers } | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const authorization = request?.headers.get('authorization');
  const cookie = request?.headers.get('cookie');
  if (authorization) headers.authorization = authorization;
  if (cookie) headers.cookie = cookie;
  return headers;
}
