// Cookie mode (opt-in): the session token travels in an httpOnly cookie instead of the
// response body. A request that authenticates with the cookie must be CSRF-safe: sent
// with a preflighted content type or Yoga's CSRF header, from an allowed Origin.
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../config';

type CookieConfig = AuthConfig['cookies'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
// Content types a browser may send cross-site without a preflight (a CSRF vector).
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Secure, except over plain http on a loopback host in development. */
function isSecure(config: AuthConfig, requestUrl: string): boolean {
  if (config.cookies.secure !== undefined) return config.cookies.secure;
  const url = new URL(requestUrl);
  return config.production || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname);
}

export function serializeSessionCookie(config: AuthConfig, requestUrl: string, value: string, maxAgeSeconds: number): string {
  const cookie: CookieConfig = config.cookies;
  return [
    `${cookie.name}=${encodeURIComponent(value)}`,
    `Path=${cookie.path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(cookie.domain ? [`Domain=${cookie.domain}`] : []),
    'HttpOnly',
    ...(isSecure(config, requestUrl) ? ['Secure'] : []),
    `SameSite=${cookie.sameSite[0].toUpperCase()}${cookie.sameSite.slice(1)}`,
  ].join('; ');
}

/** The origins that may use the cookie: the allow-list and the server's own origin. */
export function originAllowed(config: AuthConfig, requestUrl: string, origin: string | null): boolean {
  if (!origin) return false;
  return origin === new URL(requestUrl).origin || config.cors.origins.includes(origin);
}

function forbidden(message: string) {
  return createGraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

/** Cookies set while resolving a request, sent with its response. */
const pendingCookies = new WeakMap<object, string[]>();

export function queueCookie(request: object, cookie: string): void {
  pendingCookies.set(request, [...(pendingCookies.get(request) ?? []), cookie]);
}

export function useSessionCookie(config: AuthConfig): Plugin {
  return {
    onRequestParse({ request }) {
      const usesCookie = !request.headers.get('authorization') && readCookie(request.headers.get('cookie'), config.cookies.name);
      if (!usesCookie) return;
      const contentType = request.headers.get('content-type')?.toLowerCase();
      const preflighted = !!contentType && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple));
      if (!preflighted && !request.headers.has(CSRF_HEADER)) {
        throw forbidden(`A request authenticated by cookie needs a JSON body or the ${CSRF_HEADER} header (CSRF prevention).`);
      }
      if (!originAllowed(config, request.url, request.headers.get('origin'))) {
        throw forbidden('A request authenticated by cookie must come from an allowed Origin.');
      }
    },
    onResponse({ request, response }) {
      for (const cookie of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', cookie);
      pendingCookies.delete(request);
    },
  };
}
