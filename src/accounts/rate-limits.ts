// Request limits per client network and per account, and progressive login throttling (per
// account and client network, and a ceiling per account across networks), counted in the
// database so they hold across instances. Every password and code check takes its place in the
// failure counts before it runs. Unknown accounts are counted like known ones: a lockout tells
// nothing about whether an account exists.
import ipaddr from 'ipaddr.js';
import type { Rate } from '../config';
import type { UserRecord } from './records';
import type { AccountDeps } from './deps';
import { emit } from './events';
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

/** Said to the client and logged (once per Auth) when a rate-limited operation comes from an unknown address. */
export const CLIENT_ADDRESS_UNKNOWN_MESSAGE =
  "authql could not learn the client's address: pass the host's request to auth.context(…) (see docs/embedding.md): " +
  "Yoga's initial context, the Node/Express request, Apollo Server's { req, res }, or { request, ip }.";

const warned = new WeakSet<object>();

/**
 * Without the client's address the per-IP limits and the lockout per network cannot hold: the
 * operation is refused (never exempt, never pooled with other unknown clients), and the operator
 * is told once per Auth.
 */
function addressUnknown(deps: AccountDeps): Failure {
  if (!warned.has(deps.config)) {
    warned.add(deps.config);
    deps.config.logger.warn(CLIENT_ADDRESS_UNKNOWN_MESSAGE);
  }
  return { ok: false, kind: 'limited', code: 'CLIENT_ADDRESS_UNKNOWN', message: CLIENT_ADDRESS_UNKNOWN_MESSAGE, retryAfter: null };
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
  if (!meta.ip) return addressUnknown(deps);
  if (action === 'login' && accountKey) {
    const perAccount = await consume(deps, `login:account:${accountFromNetwork(accountKey, meta)}`, limits.login.perAccount, 'login_account');
    if (perAccount) return perAccount;
  }
  const perIp = limits[action].perIp;
  return consume(deps, `${action}:ip:${ipGroup(meta.ip)}`, perIp, PER_IP_KIND[action]);
}

/** The account as seen from every network at once: the ceiling of NIST SP 800-63B §5.2.2. */
const accountEverywhere = (loginKey: string) => `${loginKey}|*`;

/**
 * How long a failure counts towards the ceiling per account when no success comes: long enough
 * that a slow guesser from many networks still meets it, short enough that the counters of
 * names nobody owns are cleaned up.
 */
const ACCOUNT_FAILURE_MEMORY_SECONDS = 30 * 86400;
/** The owner is told of the ceiling once in this long, however often guessing trips it again. */
const CEILING_NOTICE_QUIET_SECONDS = 86400;

/** A password or code check under way: its slots in the failure counters are taken. */
export interface Attempt {
  /** The check passed: its slots are given back (a success from the owner resets the counts in finishSignIn). */
  succeeded(): Promise<void>;
  /** The check failed: it stays counted and may lock the account; `user` is the account, when it exists. */
  failed(user: UserRecord | null): Promise<void>;
}

const NO_LIMITS: Attempt = { succeeded: async () => undefined, failed: async () => undefined };

/**
 * Counts a password or second-factor check of the account BEFORE it runs: it takes a slot of the
 * account's failure count from this network (`lockout.failures`) and of its count across every
 * network (`lockout.accountFailures`), so simultaneous guesses never run more checks than the
 * limits allow. RATE_LIMITED while the account is locked, or while its slots are all taken.
 * Unknown accounts are counted like known ones.
 */
export async function reserveAttempt(deps: AccountDeps, loginKey: string, meta: RequestMeta): Promise<Failure | Attempt> {
  const limits = deps.config.rateLimits;
  if (!limits) return NO_LIMITS;
  if (!meta.ip) return addressUnknown(deps);
  const { failures, accountFailures, duration } = limits.lockout;
  const now = deps.now();
  const network = accountFromNetwork(loginKey, meta);
  const everywhere = accountEverywhere(loginKey);
  const locked = (until: Date) => {
    deps.metrics.count('rateLimited', 'locked');
    return limited(until.getTime() - now.getTime());
  };
  const until = await deps.store.rateLimits.heldUntil([`login-lock:${network}`, `login-lock:${everywhere}`], now);
  if (until) return locked(until);

  const lockEnd = new Date(now.getTime() + duration * 1000);
  const slots = deps.store.rateLimits;
  const [networkSlot, accountSlot] = await Promise.all([
    slots.takeSlot(`login-failures:${network}`, failures, lockEnd, now),
    slots.takeSlot(`login-failures:${everywhere}`, accountFailures, new Date(now.getTime() + ACCOUNT_FAILURE_MEMORY_SECONDS * 1000), now),
  ]);
  if (!networkSlot || !accountSlot) {
    await Promise.all([networkSlot, accountSlot].flatMap((slot) => (slot ? [slots.releaseSlot(slot)] : [])));
    return locked(lockEnd);
  }

  return {
    async succeeded() {
      await Promise.all([slots.releaseSlot(networkSlot), slots.releaseSlot(accountSlot)]);
    },
    async failed(user) {
      const at = deps.now();
      const holdEnd = new Date(at.getTime() + duration * 1000);
      const [fromNetwork, fromEverywhere] = await Promise.all([
        slots.failSlot(networkSlot, `login-failures:${network}`, at),
        slots.failSlot(accountSlot, `login-failures:${everywhere}`, at),
      ]);
      if (fromNetwork >= failures && (await slots.startHold(`login-lock:${network}`, holdEnd, at))) {
        await emit(deps, { type: 'ACCOUNT_LOCKED', actor: null, subject: user?.id ?? null, meta, outcome: 'FAILURE', detail: 'TOO_MANY_FAILURES' });
        deps.config.logger.warn('an account was locked for one client network after repeated failed logins', { failures: fromNetwork });
      }
      if (fromEverywhere >= accountFailures && (await slots.startHold(`login-lock:${everywhere}`, holdEnd, at))) {
        // The failure that tripped the ceiling frees its slot: once the lock ends, one more check
        // may run (the owner's, or one more guess that locks again), until a success resets it.
        await slots.releaseSlot(accountSlot);
        await emit(deps, { type: 'ACCOUNT_LOCKED', actor: null, subject: user?.id ?? null, meta, outcome: 'FAILURE', detail: 'ACCOUNT_CEILING' });
        deps.config.logger.warn('an account was locked for every client network after repeated failed logins', { failures: fromEverywhere });
        const quietUntil = new Date(at.getTime() + CEILING_NOTICE_QUIET_SECONDS * 1000);
        if (user && (await slots.startHold(`login-notice:${everywhere}`, quietUntil, at))) {
          const noticeDetail = `for ${Math.ceil(duration / 60)} minutes; a password reset by email or a passkey sign-in ends the pause`;
          await emit(deps, { type: 'SIGN_IN_PAUSED', meta, user, noticeDetail });
        }
      }
    },
  };
}

/**
 * Takes one of an mfaToken's `tries` before its code is compared (a numbered slot, like the
 * failure counts, exact under concurrency); null when they are used up: the token is dead. This
 * holds with rate limits off too.
 */
export async function reserveMfaTokenTry(deps: AccountDeps, tokenId: string, tries: number, expiresAt: Date): Promise<{ giveBack(): Promise<void> } | null> {
  const slot = await deps.store.rateLimits.takeSlot(`mfa-token:${tokenId}`, tries, expiresAt, deps.now());
  return slot ? { giveBack: () => deps.store.rateLimits.releaseSlot(slot) } : null;
}

/** A complete login (every factor) from the owner: the account's consecutive failures, from this network and from all, are forgotten. */
export async function recordLoginSuccess(deps: AccountDeps, loginKey: string, meta: RequestMeta): Promise<void> {
  if (!deps.config.rateLimits) return;
  const everywhere = accountEverywhere(loginKey);
  await deps.store.rateLimits.clear([`login-failures:${accountFromNetwork(loginKey, meta)}`, `login-failures:${everywhere}`, `login-notice:${everywhere}`]);
}

/**
 * The owner proved the account (a completed reset by emailed link, a user-verified passkey
 * login): every lockout and failure count of the account ends, from every network.
 */
export async function clearLoginLocks(deps: AccountDeps, loginKey: string): Promise<void> {
  if (!deps.config.rateLimits) return;
  await deps.store.rateLimits.clearPrefixes([`login-failures:${loginKey}|`, `login-lock:${loginKey}|`, `login-notice:${loginKey}|`, `login:account:${loginKey}|`]);
}
