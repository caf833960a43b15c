// The outbox: every email is written here first and delivered by a worker, so an SMTP
// outage or a crash between the database write and the send loses nothing.
import { Schema, Types, type Connection } from 'mongoose';
import { authqlModel, collectionName, guard, isDuplicateKey } from './connection';
import type { OutboxMessage } from '../mail/outbox-port';



const outboxSchema = new Schema(
  {
    to: { type: String, required: true },
    toKey: { type: String, required: true },
    requesterKey: { type: String, default: 'unknown' },
    noticeFor: { type: String, default: null },
    template: { type: String, required: true },
    context: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    lastError: { type: String, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    messageId: { type: String, required: true },
  },
  { collection: 'outbox', versionKey: false, minimize: false },
);
outboxSchema.index({ status: 1, nextAttemptAt: 1 }, { name: 'due' });
outboxSchema.index({ toKey: 1, requesterKey: 1, createdAt: 1 }, { name: 'recipient_requester' });
outboxSchema.index({ status: 1, createdAt: 1 }, { name: 'status_age' });
outboxSchema.index({ noticeFor: 1, createdAt: 1 }, { name: 'notice_budget' });

type OutboxDoc = Omit<OutboxMessage, 'id'> & { _id: Types.ObjectId };

// Messages queued before notices had their own budget have no noticeFor.
const toMessage = ({ _id, ...rest }: OutboxDoc): OutboxMessage => ({ ...rest, noticeFor: rest.noticeFor ?? null, id: _id.toHexString() });

export function outboxRepository(connection: Connection, prefix = '') {
  const Outbox = authqlModel(connection, prefix, 'outbox', outboxSchema);

  /** Marks one due message as being sent (pending, or sending with an expired lease) for `leaseMs`. */
  async function takeDueMessage(now: Date, leaseMs: number): Promise<OutboxMessage | null> {
    const doc = await guard(() =>
      Outbox.findOneAndUpdate(
        {
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'sending', leaseUntil: { $lte: now } },
          ],
        },
        { $set: { status: 'sending', leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
        .lean<OutboxDoc>()
        .exec(),
    );
    return doc ? toMessage(doc) : null;
  }

  /**
   * FerretDB 1.24 runs findAndModify (and a filtered update) as a read followed by a write,
   * so two workers can both take the same message. An insert with a given _id succeeds only
   * once on every server: the worker whose insert of "this message, this attempt" succeeds
   * sends it. The key lives in rate_limits, like a login lock, until the lease ends.
   */
  async function claimAttempt(message: OutboxMessage): Promise<boolean> {
    const key = `outbox-claim:${message.id}`;
    return guard(async () => {
      try {
        await connection.collection<{ _id: string; key: string; count: number; windowEndsAt: Date }>(collectionName(prefix, 'rate_limits')).insertOne({
          _id: `${key}#${message.attempts}`,
          key,
          count: 1,
          windowEndsAt: message.leaseUntil ?? new Date(),
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    });
  }

  return {
    model: Outbox,

    async enqueueMessage(message: Pick<OutboxMessage, 'to' | 'toKey' | 'requesterKey' | 'noticeFor' | 'template' | 'context' | 'messageId'>, now: Date): Promise<string> {
      const [created] = await guard(() =>
        Outbox.insertMany([{ ...message, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now }]),
      );
      return (created._id as Types.ObjectId).toHexString();
    },

    /** Emails to a recipient asked for by one requester since then; notices (their own budget) are not counted. */
    async countMessagesTo(toKey: string, requesterKey: string, since: Date): Promise<number> {
      return guard(() => Outbox.countDocuments({ toKey, requesterKey, noticeFor: null, createdAt: { $gte: since } }).exec());
    },

    /** Notices about one account's own security queued since then. */
    async countNoticesFor(accountId: string, since: Date): Promise<number> {
      return guard(() => Outbox.countDocuments({ noticeFor: accountId, createdAt: { $gte: since } }).exec());
    },

    /**
     * Takes one due message (pending, or sending with an expired lease) for `leaseMs`, for
     * this worker alone.
     */
    async claimDueMessage(now: Date, leaseMs: number): Promise<OutboxMessage | null> {
      for (;;) {
        const message = await takeDueMessage(now, leaseMs);
        if (!message) return null;
        if (await claimAttempt(message)) return message;
        // Another worker took this very attempt: leave it to them and look at the next message.
      }
    },

    async markSent(id: string, now: Date): Promise<void> {
      // The context is dropped once sent: it is not needed any more.
      await guard(() =>
        Outbox.updateOne({ _id: new Types.ObjectId(id) }, { $set: { status: 'sent', sentAt: now, leaseUntil: null, lastError: null, context: {} } }).exec(),
      );
    },

    async markForRetry(id: string, nextAttemptAt: Date, lastError: string): Promise<void> {
      await guard(() =>
        Outbox.updateOne({ _id: new Types.ObjectId(id) }, { $set: { status: 'pending', nextAttemptAt, leaseUntil: null, lastError } }).exec(),
      );
    },

    async markFailed(id: string, lastError: string): Promise<void> {
      await guard(() =>
        Outbox.updateOne({ _id: new Types.ObjectId(id) }, { $set: { status: 'failed', leaseUntil: null, lastError, context: {} } }).exec(),
      );
    },

    /** How many emails wait (queued or being sent), and since when the oldest does: the backlog an operator watches. */
    async queueStats(): Promise<{ depth: number; oldestQueuedAt: Date | null }> {
      const waiting = { status: { $in: ['pending', 'sending'] } };
      const depth = await guard(() => Outbox.countDocuments(waiting).exec());
      if (!depth) return { depth, oldestQueuedAt: null };
      const oldest = await guard(() => Outbox.findOne(waiting, { createdAt: 1 }).sort({ createdAt: 1 }).lean<{ createdAt: Date }>().exec());
      return { depth, oldestQueuedAt: oldest?.createdAt ?? null };
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
