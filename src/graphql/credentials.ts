// Which credential a request carries: an authql token in Authorization, else (cookie mode)
// the session cookie. The context and the cookie-mode CSRF checks both ask here, so they
// never disagree about whether the cookie is in use.
import { parseCookie } from 'cookie';
import type { AuthConfig } from '../config';

export interface RequestCredential {
  token: string;
  from: 'header' | 'cookie';
}

/** `Authorization: Token <t>`, `Bearer <t>` or `JWT <t>`; anything else (Basic, Negotiate, …) is no authql credential. */
function tokenFromHeader(header: string | null): string | null {
  const match = /^(Token|Bearer|JWT)\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[2] : null;
}

// A value that does not percent-decode is skipped: a malformed cookie counts as no cookie.
const decodeOrSkip = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The session cookie is Secure, except over plain http on a loopback host in development. */
export function sessionCookieSecure(config: AuthConfig, requestUrl: string): boolean {
  if (config.cookies.secure !== undefined) return config.cookies.secure;
  const url = new URL(requestUrl);
  return config.production || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * `__Host-<name>` when the cookie is Secure, host-only and for the whole site: the browser then
 * refuses it from a sibling subdomain or a plain-http page, so nobody else can plant one.
 */
export function sessionCookieName(config: AuthConfig, requestUrl: string): string {
  const { name, domain, path } = config.cookies;
  return sessionCookieSecure(config, requestUrl) && !domain && path === '/' ? `__Host-${name}` : name;
}

function readSessionCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  // Two session cookies (one planted from a sibling subdomain or another path, say): neither is used.
  const copies = header.split(';').filter((pair) => pair.includes('=') && pair.slice(0, pair.indexOf('=')).trim() === name).length;
  if (copies !== 1) return null;
  return parseCookie(header, { decode: decodeOrSkip })[name] || null;
}

export function requestCredential(config: AuthConfig, request: { url: string; headers: { get(name: string): string | null } }): RequestCredential | null {
  const token = tokenFromHeader(request.headers.get('authorization'));
  if (token) return { token, from: 'header' };
  const cookie = config.cookies.enabled ? readSessionCookie(request.headers.get('cookie'), sessionCookieName(config, request.url)) : null;
  return cookie ? { token: cookie, from: 'cookie' } : null;
}
