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

function readSessionCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  return parseCookie(header, { decode: decodeOrSkip })[name] || null;
}

export function requestCredential(config: AuthConfig, headers: { get(name: string): string | null }): RequestCredential | null {
  const token = tokenFromHeader(headers.get('authorization'));
  if (token) return { token, from: 'header' };
  const cookie = config.cookies.enabled ? readSessionCookie(headers.get('cookie'), config.cookies.name) : null;
  return cookie ? { token: cookie, from: 'cookie' } : null;
}
