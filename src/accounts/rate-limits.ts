// Request limits per client network and per account, and progressive login throttling,
// counted in the database so they hold across instances. Unknown accounts are counted like
// known ones: a lockout tells nothing about whether an account exists.
import ipaddr from 'ipaddr.js';
import type { Rate } from '../config';
import { recordSecurityEvent } from './audit';
import type { AccountDeps } from './deps';
import type { Failure, RequestMeta } from './results';

/**
 * Flows that must not tell whether an email is known (reset, resend) answer no sooner than
 * this after they start: the known case writes an outbox document, the unknown one does not.
 */
export const EMAIL_REQUEST_FLOOR_MS = 30;

/** Waits until `floorMs` have passed since `startedAt` (performance.now()), plus up to 5 ms of jitter. */
export async function answerNoSoonerThan(startedAt: number, floorMs = EMAIL_REQUEST_FLOOR_MS): Promise<void> {
  const wait = startedAt + floorMs + Math.random() * 5 - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

export type LimitedAction = 'login' | 'register' | 'emailRequests' | 'confirm';

function limited(retryAfterMs: number): Failure {
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return { ok: false, kind: 'limited', code: 'RATE_LIMITED', message: `Too many requests; try again in ${retryAfter} s.`, retryAfter };
}

/** Clients are counted by IPv4 address, or by IPv6 /64 (one household or host gets one counter). */
export function ipGroup(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip); // an IPv4-mapped IPv6 address counts as its IPv4 address
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

/** How a refusal is counted in authql_rate_limited_total. */
type RefusalKind = 'login_account' | 'login_ip' | 'register' | 'email_requests' | 'confirm';
const PER_IP_KIND: Record<LimitedAction, RefusalKind> = { login: 'login_ip', register: 'register', emailRequests: 'email_requests', confirm: 'confirm' };

async function consume(deps: AccountDeps, key: string, rate: Rate, kind: RefusalKind): Promise<Failure | null> {
  const now = deps.now();
  const { count, windowEndsAt } = await deps.store.rateLimits.hit(key, rate.windowSeconds, now, rate.limit + 1);
  if (count <= rate.limit) return null;
  deps.metrics.count('rateLimited', kind);
  return limited(windowEndsAt.getTime() - now.getTime());
}

/** The client network a request came from: its IPv4 address or IPv6 /64, or 'unknown'. */
export function clientNetwork(meta: RequestMeta): string {
  return meta.ip ? ipGroup(meta.ip) : 'unknown';
}

/** An account as seen from one client network: failures there never lock the owner out elsewhere. */
const accountFromNetwork = (loginKey: string, meta: RequestMeta) => `${loginKey}|${clientNetwork(meta)}`;

/** Counts the request against its limits; a Failure when one is exceeded. */
export async function checkRequestLimits(deps: AccountDeps, action: LimitedAction, meta: RequestMeta, accountKey?: string): Promise<Failure | null> {
  const limits = deps.config.rateLimits;
  if (!limits) return null;
  if (action === 'login' && accountKey) {
    const perAccount = await consume(deps, `login:account:${accountFromNetwork(accountKey, meta)}`, limits.login.perAccount, 'login_account');
    if (perAccount) return perAccount;
  }
  if (!meta.ip) return null;
  const perIp = limits[action].perIp;
  return consume(deps, `${action}:ip:${ipGroup(meta.ip)}`, perIp, PER_IP_KIND[action]);
}

/** A locked account (too many failed logins from this client network) answers RATE_LIMITED until the lock ends. */
export async function checkLoginLock(deps: AccountDeps, loginKey: string, meta: RequestMeta): Promise<Failure | null> {
  if (!deps.config.rateLimits) return null;
  const now = deps.now();
  const until = await deps.store.rateLimits.heldUntil(`login-lock:${accountFromNetwork(loginKey, meta)}`, now);
  if (!until) return null;
  deps.metrics.count('rateLimited', 'locked');
  return limited(until.getTime() - now.getTime());
}

/** Counts a failed login (or password check); `subjectId` is the account's id when it exists, for the audit log. */
export async function recordLoginFailure(deps: AccountDeps, loginKey: string, meta: RequestMeta, subjectId: string | null = null): Promise<void> {
  const limits = deps.config.rateLimits;
  if (!limits) return;
  const now = deps.now();
  const account = accountFromNetwork(loginKey, meta);
  const { count } = await deps.store.rateLimits.hit(`login-failures:${account}`, limits.lockout.duration, now, limits.lockout.failures);
  if (count >= limits.lockout.failures) {
    await deps.store.rateLimits.holdUntil(`login-lock:${account}`, new Date(now.getTime() + limits.lockout.duration * 1000));
    await recordSecurityEvent(deps, { type: 'ACCOUNT_LOCKED', actor: null, subject: subjectId, meta, outcome: 'FAILURE', detail: 'TOO_MANY_FAILURES' });
    deps.config.logger.warn('an account was locked for one client network after repeated failed logins', { failures: count });
  }
}

export async function recordLoginSuccess(deps: AccountDeps, loginKey: string, meta: RequestMeta): Promise<void> {
  if (!deps.config.rateLimits) return;
  await deps.store.rateLimits.clear(`login-failures:${accountFromNetwork(loginKey, meta)}`);
}

/** A completed password reset proves the owner: every lockout of the account ends, from every network. */
export async function clearLoginLocks(deps: AccountDeps, loginKey: string): Promise<void> {
  if (!deps.config.rateLimits) return;
  await deps.store.rateLimits.clearPrefixes([`login-failures:${loginKey}|`, `login-lock:${loginKey}|`, `login:account:${loginKey}|`]);
}
