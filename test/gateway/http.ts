// What the gateway stories share: serving a handler on 127.0.0.1, and end users who call a
// gateway over real HTTP from an address of their own, holding their cookies as a browser does.
import { createServer, request as httpRequest, type RequestListener } from 'node:http';
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
  headers: Headers;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  extensions?: Record<string, any>;
}

export interface EndUserOptions {
  /**
   * The address the end user's requests come from: Linux routes all of 127.0.0.0/8 to the
   * loopback interface, so 127.0.0.2 and 127.0.0.3 are two real, distinct source addresses.
   */
  address?: string;
  /** The page's origin a browser sends (cookie mode needs an allowed one). */
  origin?: string;
}

export interface PostOptions {
  /** Sent as `Authorization: Token <token>`. */
  token?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/** One person using an app behind a gateway: their address, and their cookies (a browser's jar). */
export interface EndUser {
  readonly address: string;
  post<T = any>(document: Document, variables?: Record<string, unknown>, options?: PostOptions): Promise<Answer<T>>;
  /** The cookies the browser holds for the gateway, by name. */
  cookies: Map<string, string>;
}

/** A cookie the server sets, as the browser files it: an empty value or `Max-Age=0` deletes it. */
function fileCookie(jar: Map<string, string>, setCookie: string): void {
  const [pair, ...attributes] = setCookie.split(';');
  const name = pair.slice(0, pair.indexOf('=')).trim();
  const value = pair.slice(pair.indexOf('=') + 1).trim();
  const expired = attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
  if (expired || value === '') jar.delete(name);
  else jar.set(name, value);
}

export function endUser(url: string, { address = '127.0.0.1', origin }: EndUserOptions = {}): EndUser {
  const cookies = new Map<string, string>();
  return {
    address,
    cookies,
    post(document, variables, { token, accept = 'application/json', headers = {} } = {}) {
      const body = JSON.stringify({ query: queryOf(document), variables });
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const outgoing: Record<string, string> = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        accept,
        ...(origin ? { origin } : {}),
        ...(cookie ? { cookie } : {}),
        ...(token ? { authorization: `Token ${token}` } : {}),
        ...headers,
      };
      // fetch cannot choose its source address; node's http.request can (localAddress).
      return new Promise((resolve, reject) => {
        const request = httpRequest(url, { method: 'POST', headers: outgoing, localAddress: address, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const received = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) received.append(name, one);
            }
            for (const setCookie of received.getSetCookie()) fileCookie(cookies, setCookie);
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, headers: received, ...JSON.parse(text) });
            } catch {
              reject(new Error(`HTTP ${response.statusCode} from ${url}, not JSON: ${text.slice(0, 300)}`));
            }
          });
        });
        request.on('error', reject);
        request.end(body);
      });
    },
  };
}

/** POSTs an operation from 127.0.0.1; `token` goes into `Authorization: Token <token>`. */
export function post<T = any>(url: string, document: Document, variables?: Record<string, unknown>, token?: string): Promise<Answer<T>> {
  return endUser(url).post<T>(document, variables, { token });
}
