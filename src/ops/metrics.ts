// authql's Prometheus metrics. One registry per createAuth, so two instances in one process
// never collide; every label takes its value from a closed list, so no label can ever hold a
// user id, an email, an IP address or a token.
import type { Counter, Registry } from 'prom-client';
import type { Logger } from '../config';

const COUNTERS = {
  logins: {
    name: 'authql_logins_total',
    help: 'Login attempts (login, jwtCreate) by outcome.',
    label: 'outcome',
    values: ['success', 'invalid', 'locked', 'rate_limited', 'mfa_required'],
  },
  registrations: { name: 'authql_registrations_total', help: 'Accounts created by register.' },
  activations: { name: 'authql_activations_total', help: 'Accounts activated from the emailed link.' },
  passwordResets: {
    name: 'authql_password_resets_total',
    help: 'Password resets asked for (known address or not) and completed.',
    label: 'stage',
    values: ['requested', 'completed'],
  },
  passwordChanges: { name: 'authql_password_changes_total', help: 'Passwords changed by their owner (setPassword).' },
  emailChanges: {
    name: 'authql_email_changes_total',
    help: 'Email address changes asked for (waiting for confirmation) and completed.',
    label: 'stage',
    values: ['requested', 'completed'],
  },
  rateLimited: {
    name: 'authql_rate_limited_total',
    help: 'Requests refused by a rate limit, or because the account is locked for the client network, by kind.',
    label: 'kind',
    values: ['login_account', 'login_ip', 'register', 'email_requests', 'confirm', 'locked'],
  },
  lockouts: { name: 'authql_lockouts_total', help: 'Accounts locked for one client network, or for every network (the ceiling per account), after repeated failed logins.' },
  passwordCheckFailures: {
    name: 'authql_password_check_failures_total',
    help: 'Wrong currentPassword answers (setPassword, deleteMe, …); they count as failed logins.',
  },
  secondFactorFailures: { name: 'authql_second_factor_failures_total', help: 'Wrong second-factor codes.' },
  refreshTokenReuse: {
    name: 'authql_refresh_token_reuse_total',
    help: 'Rotated refresh tokens used again after the grace window (their whole family was revoked).',
  },
  securityEvents: {
    name: 'authql_security_events_total',
    help: 'Security events, the same ones the audit log records, by type.',
    label: 'type',
    values: [] as readonly string[],
  },
  auditWriteFailures: {
    name: 'authql_audit_write_failures_total',
    help: 'Audit events that could not be written (the request they record went on).',
  },
  emailsSent: { name: 'authql_emails_sent_total', help: 'Emails accepted by the transport.' },
  deliveryFailures: {
    name: 'authql_email_delivery_failures_total',
    help: 'Failed email deliveries: retrying later, or given up after email.maxAttempts.',
    label: 'outcome',
    values: ['retrying', 'given_up'],
  },
} as const;

type Counters = typeof COUNTERS;
export type CounterName = keyof Counters;
type LabelOf<N extends CounterName> = Counters[N] extends { values: readonly (infer V)[] } ? V : never;
type LabelArgs<N extends CounterName> = [LabelOf<N>] extends [never] ? [] : [LabelOf<N>];

/** One count, as data (accounts/events.ts declares one per event type): a counter, and its label value when it has one. */
export type CounterCall = { [N in CounterName]: readonly [N, ...LabelArgs<N>] }[CounterName];

export interface AuthqlMetrics {
  /** Counts one event; a labelled counter takes one of its listed label values. */
  count<N extends CounterName>(name: N, ...label: LabelArgs<N>): void;
}

/** What the outbox gauges read at scrape time. */
export interface OutboxStats {
  depth: number;
  oldestQueuedAt: Date | null;
}

export interface MetricsRegistry extends AuthqlMetrics {
  registry: Registry;
  contentType: string;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
}

/** Counts nothing: the metrics are off. */
export const noMetrics: AuthqlMetrics = { count: () => undefined };

/** A scrape reads the outbox at most once, however many gauges ask, and never waits longer than this. */
const OUTBOX_READ_TIMEOUT_MS = 1000;

export async function createMetrics(options: {
  securityEventTypes: readonly string[];
  outboxStats: () => Promise<OutboxStats>;
  logger: Logger;
}): Promise<MetricsRegistry> {
  // Loaded only when metrics are on: prom-client costs start-up time.
  const { Counter, Gauge, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const counters = new Map<CounterName, Counter<string>>();
  for (const [key, spec] of Object.entries(COUNTERS) as [CounterName, Counters[CounterName]][]) {
    const label = 'label' in spec ? spec.label : null;
    const counter = new Counter({ name: spec.name, help: spec.help, labelNames: label ? [label] : [], registers: [registry] });
    // Every series exists from the start at 0, so rate() and increase() see the first event.
    const values = key === 'securityEvents' ? options.securityEventTypes : 'values' in spec ? spec.values : [];
    if (label) for (const value of values) counter.inc({ [label]: value }, 0);
    else counter.inc(0);
    counters.set(key, counter);
  }

  let reading: { startedAt: number; stats: Promise<OutboxStats | null> } | null = null;
  const outboxStats = (): Promise<OutboxStats | null> => {
    const nowMs = Date.now();
    if (reading && nowMs - reading.startedAt < OUTBOX_READ_TIMEOUT_MS) return reading.stats;
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), OUTBOX_READ_TIMEOUT_MS).unref());
    const stats = Promise.race([options.outboxStats(), timeout]).catch((error: Error) => {
      options.logger.warn('metrics: the outbox could not be read', { reason: error.message });
      return null;
    });
    reading = { startedAt: nowMs, stats };
    return stats;
  };
  new Gauge({
    name: 'authql_outbox_depth',
    help: 'Emails waiting in the outbox (queued or being sent); NaN when the database does not answer.',
    registers: [registry],
    async collect() {
      const stats = await outboxStats();
      this.set(stats ? stats.depth : Number.NaN);
    },
  });
  new Gauge({
    name: 'authql_outbox_oldest_age_seconds',
    help: 'Age of the oldest email waiting in the outbox (0 when it is empty).',
    registers: [registry],
    async collect() {
      const stats = await outboxStats();
      const oldest = stats?.oldestQueuedAt;
      this.set(!stats ? Number.NaN : oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    count(name, ...label) {
      const counter = counters.get(name)!;
      const spec = COUNTERS[name];
      if ('label' in spec) counter.inc({ [spec.label]: label[0] as string });
      else counter.inc();
    },
  };
}
