// The outbox as the mailer sees it: what a queued email is, and the storage it needs.
// store/outbox.ts implements it; no database type crosses it.

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: string;
  to: string;
  /** Normalized recipient, for the per-recipient cap. */
  toKey: string;
  /** The client network that asked for the email: the cap counts per recipient and requester. */
  requesterKey: string;
  /** For a notice about an account's own security: that account's id (its own hourly budget, apart from the cap). */
  noticeFor: string | null;
  template: string;
  /** What the template needs; never a token (links are signed again at send time). */
  context: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  messageId: string;
}

/** The outbox as the mailer uses it: queue, claim with a lease, record the outcome. */
export interface OutboxPort {
  enqueueMessage(message: Pick<OutboxMessage, 'to' | 'toKey' | 'requesterKey' | 'noticeFor' | 'template' | 'context' | 'messageId'>, now: Date): Promise<string>;
  /** Not counting notices. */
  countMessagesTo(toKey: string, requesterKey: string, since: Date): Promise<number>;
  countNoticesFor(accountId: string, since: Date): Promise<number>;
  claimDueMessage(now: Date, leaseMs: number): Promise<OutboxMessage | null>;
  markSent(id: string, now: Date): Promise<void>;
  markForRetry(id: string, nextAttemptAt: Date, lastError: string): Promise<void>;
  markFailed(id: string, lastError: string): Promise<void>;
  queueStats(): Promise<{ depth: number; oldestQueuedAt: Date | null }>;
}
