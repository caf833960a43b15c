// Who is calling: read once per request from the Authorization header, checked lazily.
import { GraphQLError } from 'graphql';
import type { Accounts, Authenticated, RequestMeta } from '../accounts';
import type { ServerResponse } from 'node:http';
import { requestCredential } from './credentials';
import { clientIp, normalizeHostRequest, type HostRequest } from './host-request';
import { sessionCookieJar, type SessionCookieJar } from './plugins/session-cookie';

export interface AuthContext {
  accounts: Accounts;
  /** The credential the request carries (header or cookie), if any. */
  token: string | null;
  meta: RequestMeta;
  /** The caller, null without credentials; throws UNAUTHENTICATED for a bad or expired token. */
  caller(): Promise<Authenticated | null>;
  /** The caller, or UNAUTHENTICATED. */
  requireCaller(): Promise<Authenticated>;
  /** In cookie mode, the request's session cookie (set and cleared by plugins/session-cookie.ts); else null. */
  sessionCookie: SessionCookieJar | null;
  /** For the request log: who called, and how the operation ended (a result code). */
  log: { userId: string | null; outcome: string | null };
  /** The host's Node response (node:http, Express, Apollo Server's `res`), null when the host gave none. */
  hostResponse: ServerResponse | null;
}

export function unauthenticated(message = 'Authentication credentials were not provided or are invalid.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 200 } } });
}

export { clientIp } from './host-request';

export function createAuthContext(accounts: Accounts, host: HostRequest, legacyIp?: string | null): AuthContext {
  const { config } = accounts;
  const request = normalizeHostRequest(host, legacyIp);
  const requestUrl = request.url ?? `http://${config.server.host}:${config.server.port}/graphql`;
  const token = requestCredential(config, { url: requestUrl, headers: request.headers })?.token ?? null;
  const meta: RequestMeta = {
    ip: clientIp(request.remoteAddress, request.headers.get('x-forwarded-for'), config.trustProxy),
    userAgent: request.headers.get('user-agent'),
  };
  let pending: Promise<Authenticated | null> | null = null;
  const log: AuthContext['log'] = { userId: null, outcome: null };
  const caller = async () => {
    if (!token) return null;
    pending ??= accounts.authenticate(token);
    const found = await pending;
    if (!found) throw unauthenticated('Invalid or expired token.');
    log.userId = found.user.id;
    return found;
  };
  return {
    accounts,
    token,
    meta,
    log,
    caller,
    async requireCaller() {
      const found = await caller();
      if (!found) throw unauthenticated();
      return found;
    },
    sessionCookie: sessionCookieJar(config, request.identity, requestUrl),
    hostResponse: request.response,
  };
}
