// Cookie mode (opt-in): the session token travels in an httpOnly cookie instead of the
// response body. Every POST must be one a browser preflights (JSON, or Yoga's CSRF header),
// so a cross-site form can neither use the cookie nor plant one (login CSRF); a foreign
// Origin is refused, and a request that uses the cookie must name an allowed Origin.
//
// Delivery is driven by field extensions, so no resolver knows the mode: a field marked
// `issuesSession` answers a token, which in cookie mode becomes a Set-Cookie (the field
// answers `token: null`); a field marked `clearsSession` drops the cookie. Two halves: a
// Pothos plugin (session-cookie-field.ts, in the builder's list) on those fields, and a Yoga
// plugin (useSessionCookie, in the plugin list) that checks the request and sends the cookies.
// In a host's Apollo Server the same checks run (cookieModeRefusal, from ../apollo.ts) and the
// cookies go out through the host's Node response.
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { AuthConfig } from '../../config';
import { requestCredential, sessionCookieName, sessionCookieSecure } from '../credentials';

type CookieConfig = AuthConfig['cookies'];

// Content types a browser may send cross-site without a preflight (a CSRF vector).
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

function serializeSessionCookie(config: AuthConfig, requestUrl: string, value: string, maxAgeSeconds: number): string {
  const cookie: CookieConfig = config.cookies;
  return [
    `${sessionCookieName(config, requestUrl)}=${encodeURIComponent(value)}`,
    `Path=${cookie.path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    ...(cookie.domain ? [`Domain=${cookie.domain}`] : []),
    'HttpOnly',
    ...(sessionCookieSecure(config, requestUrl) ? ['Secure'] : []),
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

/** Cookies set while resolving a request that useSessionCookie serves, sent with Yoga's response. */
const pendingCookies = new WeakMap<object, string[]>();

/** A Node response (Express's, Apollo's `res`): cookies of requests no Yoga plugin serves go straight onto it. */
export interface HostResponse {
  appendHeader(name: string, value: string): unknown;
}

/** The session cookie of one request (in the context; null out of cookie mode). */
export interface SessionCookieJar {
  /** Sends a new session token as the cookie. */
  set(token: string): void;
  /** Tells the browser to drop the session cookie. */
  clear(): void;
  /** The request's URL, which names the cookie (`__Host-` when Secure) and the server's own origin. */
  readonly requestUrl: string;
}

/**
 * The jar of one request. Its cookies go out with Yoga's response when the Yoga plugin serves the
 * request (it queued the request in onRequestParse), else through the host's Node response (Apollo
 * Server, Express); with neither, the host gave authql no way to answer with a cookie, which is logged.
 */
export function sessionCookieJar(config: AuthConfig, request: object, requestUrl: string, hostResponse: HostResponse | null = null): SessionCookieJar | null {
  if (!config.cookies.enabled) return null;
  const send = (cookie: string) => {
    const queued = pendingCookies.get(request);
    if (queued) queued.push(cookie);
    else if (hostResponse) hostResponse.appendHeader('set-cookie', cookie);
    else config.logger.error('cookie mode: no response to set the session cookie on; pass the Node request and response to auth.context ({ req, res })');
  };
  return {
    set: (token) => send(serializeSessionCookie(config, requestUrl, token, config.session.lifetime)),
    clear: () => send(serializeSessionCookie(config, requestUrl, '', 0)),
    requestUrl,
  };
}

/** A body no browser sends cross-site without a preflight: a non-simple content type, or the CSRF header. */
function preflighted(headers: CheckedRequest['headers']): boolean {
  if (headers.get(CSRF_HEADER) !== null) return true;
  // The MIME essence, as a browser judges it: no content type at all is "simple" too.
  const essence = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return essence !== '' && !SIMPLE_CONTENT_TYPES.has(essence);
}

/** What the CSRF checks read of a request, in any server. */
export interface CheckedRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}

/** Why cookie mode refuses a request (CSRF prevention, the Origin allow-list), or null: the same for Yoga and Apollo. */
export function cookieModeRefusal(config: AuthConfig, request: CheckedRequest): GraphQLError | null {
  const origin = request.headers.get('origin');
  const allowedOrigin = originAllowed(config, request.url, origin);
  if (origin !== null && !allowedOrigin) return forbidden('Requests from this Origin are not allowed (CSRF prevention).');
  if (request.method === 'POST' && !preflighted(request.headers)) {
    return forbidden(`A POST needs a JSON body or the ${CSRF_HEADER} header (CSRF prevention).`);
  }
  if (requestCredential(config, request)?.from === 'cookie' && !allowedOrigin) {
    return forbidden('A request authenticated by cookie must come from an allowed Origin.');
  }
  return null;
}

export function useSessionCookie(config: AuthConfig): Plugin {
  return {
    onRequestParse({ request }) {
      const refusal = cookieModeRefusal(config, request);
      if (refusal) throw refusal;
      // This request's cookies go out with Yoga's response (onResponse below).
      pendingCookies.set(request, []);
    },
    onResponse({ request, response }) {
      for (const cookie of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', cookie);
      pendingCookies.delete(request);
    },
  };
}

/** Field extensions: the field answers a new session token, or ends the calling session. */
export const issuesSession = { issuesSession: true } as const;
export const clearsSession = { clearsSession: true } as const;
