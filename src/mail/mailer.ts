// Sending emails: write to the outbox in the request, deliver from a worker with retries.
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError } from '../errors';
import { lookupKey } from '../lookup-key';
import { loginCodeOf } from '../crypto/login-code';
import { encodeUid, makeOneTimeToken, type TokenPurpose } from '../crypto/one-time-token';
import type { Logger } from '../config';
import { noMetrics, type AuthqlMetrics } from '../ops/metrics';
import type { Templates, TemplateName } from './templates';
import type { OutboxMessage, OutboxPort } from './outbox-port';
import type { MailTransport } from './transport';

export type { OutboxMessage, OutboxPort } from './outbox-port';

/** What a link in an email is made of; the token itself is signed only when the email is sent. */
export interface LinkSpec {
  purpose: TokenPurpose;
  userId: string;
  issuedAt: number;
  fingerprint: string;
  /** e.g. '#/activate/{uid}/{token}' */
  path: string;
  /** The email also shows a sign-in code of this many digits, derived from the token (templates: `code`). */
  codeDigits?: number;
}

export interface EmailRequest {
  to: string;
  template: TemplateName;
  /** The account the email is about: a notice counts against that account's own budget. */
  accountId?: string;
  /** Public user fields for the template (never a hash). */
  user: Record<string, unknown>;
  login: string;
  /** More values for the template (e.g. `newEmail`). */
  extra?: Record<string, unknown>;
  /** The client network that asked for it: the hourly cap counts per recipient and requester. */
  requester?: string;
  link?: LinkSpec;
}

export interface MailerSettings {
  secret: string;
  from: string;
  frontend: { domain: string; protocol: string; siteName: string };
  loginField: 'email' | 'username';
  perRecipientPerHour: number;
  maxAttempts: number;
  /** How often the worker looks for due messages when nothing woke it. */
  pollIntervalMs: number;
  /** Base of the exponential backoff between attempts. */
  retryBaseMs: number;
  /** How long a message being sent is held; a worker that dies lets it go after this. */
  leaseMs: number;
}

/**
 * Notices about an account's own security. Nobody may silence them by filling the recipient's
 * cap with requests of their own (resets, say): they never count against it nor are refused by
 * it, and have a budget of their own per account instead.
 */
const ACCOUNT_NOTICES: ReadonlySet<TemplateName> = new Set(['security-notice', 'email-change-notice', 'password-changed', 'username-changed']);
const NOTICES_PER_ACCOUNT_PER_HOUR = 20;
const MAX_BACKOFF_MS = 30 * 60_000;

interface ContextSettings {
  frontend: { domain: string; protocol: string; siteName: string };
  loginField: 'email' | 'username';
}

/** What a template sees: user, domain, siteName, protocol, and for links url, uid, token. */
function templateContext(settings: ContextSettings, user: Record<string, unknown>, login: string, link?: { path: string; uid: string; token: string }) {
  const { domain, protocol, siteName } = settings.frontend;
  const label = settings.loginField;
  const base = { user, login, domain, protocol, siteName, loginFieldName: label, loginFieldTitle: label[0].toUpperCase() + label.slice(1) };
  if (!link) return base;
  const url = `${protocol}://${domain}/${link.path.replace(/^\//, '').replace('{uid}', link.uid).replace('{token}', link.token)}`;
  return { ...base, uid: link.uid, token: link.token, url };
}

/** The option that holds each link email's path on the frontend; the other emails carry no link. */
const LINK_PATH_OPTIONS = {
  activation: 'activationUrl',
  'password-reset': 'passwordResetConfirmUrl',
  'username-reset': 'usernameResetConfirmUrl',
  'email-change': 'emailChangeConfirmUrl',
  'login-code': 'loginLinkUrl',
} as const satisfies Partial<Record<TemplateName, string>>;

type LinkPaths = { [option in (typeof LINK_PATH_OPTIONS)[keyof typeof LINK_PATH_OPTIONS]]: string };

/** What each email is sent with besides the user and its link, as the use cases send it. */
const SAMPLE_EXTRAS: Partial<Record<TemplateName, Record<string, unknown>>> = {
  'email-change': { newEmail: 'ada.lovelace@example.com' },
  'email-change-notice': { newEmail: 'ada.lovelace@example.com', pending: true },
  'login-code': { code: '123456', minutes: 10 },
  'security-notice': { change: 'Two-factor authentication with an authenticator app was turned on' },
  'password-changed': { hasWaysIn: true, passkeys: [{ name: 'Laptop', createdAt: '2026-01-15' }], providers: [] },
};

/** A template's context with sample data (`authql email preview`): its own link, if it has one, and its own values. */
export function sampleEmailContext(config: ContextSettings & LinkPaths, template: TemplateName) {
  const id = '000000000000000000000000';
  const user = { id, email: 'ada@example.com', username: 'ada', firstName: 'Ada' };
  const option = (LINK_PATH_OPTIONS as Partial<Record<TemplateName, keyof LinkPaths>>)[template];
  const link = option ? { path: config[option], uid: encodeUid(id), token: 'sample-token' } : undefined;
  return { ...SAMPLE_EXTRAS[template], ...templateContext(config, user, config.loginField === 'email' ? user.email : user.username, link) };
}

export function createMailer(
  store: { outbox: OutboxPort },
  templates: Templates,
  transport: MailTransport,
  settings: MailerSettings,
  logger: Logger,
  metrics: AuthqlMetrics = noMetrics,
) {
  const { pollIntervalMs, retryBaseMs, leaseMs } = settings;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let draining: Promise<void> | null = null;
  let wakeAgain = false;

  function buildContext(message: OutboxMessage) {
    const context = message.context as { user: Record<string, unknown>; login: string; extra?: Record<string, unknown>; link?: LinkSpec };
    if (!context.link) return { ...context.extra, ...templateContext(settings, context.user, context.login) };
    const { purpose, userId, issuedAt, fingerprint, path } = context.link;
    const token = makeOneTimeToken(settings.secret, purpose, userId, fingerprint, issuedAt);
    const code = context.link.codeDigits ? { code: loginCodeOf(settings.secret, token, context.link.codeDigits) } : {};
    return { ...context.extra, ...code, ...templateContext(settings, context.user, context.login, { path, uid: encodeUid(userId), token }) };
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    try {
      const rendered = templates[message.template as TemplateName](buildContext(message));
      await transport.send({ from: settings.from, to: message.to, messageId: message.messageId, ...rendered });
      metrics.count('emailsSent');
      await store.outbox.markSent(message.id, new Date());
    } catch (error) {
      if (error instanceof ServiceUnavailableError) throw error;
      const reason = (error as Error).message?.slice(0, 500) ?? 'unknown error';
      if (message.attempts >= settings.maxAttempts) {
        await store.outbox.markFailed(message.id, reason);
        metrics.count('deliveryFailures', 'given_up');
        logger.error('email delivery failed for good', { id: message.id, template: message.template, attempts: message.attempts, reason });
        return;
      }
      const backoff = Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (message.attempts - 1));
      const jittered = backoff * (0.75 + Math.random() * 0.5);
      await store.outbox.markForRetry(message.id, new Date(Date.now() + jittered), reason);
      metrics.count('deliveryFailures', 'retrying');
      logger.warn('email delivery failed, will retry', { id: message.id, template: message.template, attempts: message.attempts, reason });
      if (running) setTimeout(wake, jittered + 10).unref();
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const message = await store.outbox.claimDueMessage(new Date(), leaseMs);
      if (!message) return;
      await deliver(message);
    }
  }

  /** Delivers everything due now; concurrent calls share one pass. */
  function wake(): Promise<void> {
    if (draining) {
      wakeAgain = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          wakeAgain = false;
          await drain();
        } while (wakeAgain);
      } catch (error) {
        if (!(error instanceof ServiceUnavailableError)) logger.error('email worker error', { reason: (error as Error).message });
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  return {
    /** Queues an email; answers false when its hourly cap (the recipient's, or the account's for notices) is reached (nothing queued). */
    async send(request: EmailRequest): Promise<boolean> {
      const toKey = lookupKey(request.to);
      const requesterKey = request.requester ?? 'unknown';
      const noticeFor = request.accountId && ACCOUNT_NOTICES.has(request.template) ? request.accountId : null;
      const now = new Date();
      const hourAgo = new Date(now.getTime() - 3600_000);
      if (noticeFor) {
        if ((await store.outbox.countNoticesFor(noticeFor, hourAgo)) >= NOTICES_PER_ACCOUNT_PER_HOUR) {
          logger.warn('email not queued: the account reached its hourly budget of notices', { template: request.template });
          return false;
        }
      } else if (settings.perRecipientPerHour > 0) {
        const recent = await store.outbox.countMessagesTo(toKey, requesterKey, hourAgo);
        if (recent >= settings.perRecipientPerHour) {
          logger.warn('email not queued: recipient reached the hourly cap', { template: request.template });
          return false;
        }
      }
      await store.outbox.enqueueMessage(
        {
          to: request.to,
          toKey,
          requesterKey,
          noticeFor,
          template: request.template,
          context: { user: request.user, login: request.login, extra: request.extra, link: request.link },
          messageId: `<${randomUUID()}@authql>`,
        },
        now,
      );
      if (running) setImmediate(() => void wake());
      return true;
    },
    start(): void {
      if (running) return;
      running = true;
      const tick = () => {
        void wake().finally(() => {
          if (running) timer = setTimeout(tick, pollIntervalMs);
        });
      };
      tick();
    },
    /** Whether this process delivers the outbox (started and not stopped): readiness asks. */
    isRunning: () => running,
    /** Stops polling and waits for the email being sent. */
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
    },
    /** Delivers everything due now (tests, CLI). */
    flush: wake,
  };
}

export type Mailer = ReturnType<typeof createMailer>;
