// Rate-limit counters shared by every instance on the database: fixed windows, one numbered
// slot (a document with a unique _id) per hit. Expiry is in the key and in every query; old
// windows are removed by clean-up, never relied on for correctness.
import type { Connection } from 'mongoose';
import { Schema } from 'mongoose';
import escapeRegExp from 'escape-string-regexp';
import { authqlModel, guard, isDuplicateKey } from './connection';

const rateLimitSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    count: { type: Number, required: true },
    windowEndsAt: { type: Date, required: true },
  },
  { collection: 'rate_limits', versionKey: false },
);
rateLimitSchema.index({ key: 1 }, { name: 'key' });
rateLimitSchema.index({ windowEndsAt: 1 }, { name: 'windowEndsAt' });

export interface WindowCount {
  count: number;
  windowEndsAt: Date;
}

export function rateLimitsRepository(connection: Connection, prefix = '') {
  const RateLimits = authqlModel(connection, prefix, 'rate_limits', rateLimitSchema);

  const windowOf = (now: Date, windowSeconds: number) => {
    const size = windowSeconds * 1000;
    const start = Math.floor(now.getTime() / size) * size;
    return { start, endsAt: new Date(start + size) };
  };

  return {
    model: RateLimits,

    /**
     * Counts one hit for the key in the current window and returns the window's count. Each hit
     * takes the next numbered slot of the window, a document whose _id is unique: the database
     * refuses a second insert of the same slot, so simultaneous hits get different numbers on
     * MongoDB and on FerretDB (where an upsert with $inc is a read then a write and loses hits).
     * Past `cap` nothing more is stored: the count only needs to say "over".
     */
    async hit(key: string, windowSeconds: number, now: Date, cap = Number.POSITIVE_INFINITY): Promise<WindowCount> {
      const window = windowOf(now, windowSeconds);
      return guard(async () => {
        let slot = (await RateLimits.countDocuments({ key, windowEndsAt: window.endsAt }).exec()) + 1;
        while (slot <= cap) {
          try {
            await RateLimits.create({ _id: `${key}@${window.start}#${slot}`, key, count: slot, windowEndsAt: window.endsAt });
            return { count: slot, windowEndsAt: window.endsAt };
          } catch (error) {
            if (!isDuplicateKey(error)) throw error;
            slot += 1; // another hit took this slot first
          }
        }
        return { count: slot, windowEndsAt: window.endsAt };
      });
    },

    /** Holds the key (a lock) until the given time. */
    async holdUntil(key: string, until: Date): Promise<void> {
      await guard(() =>
        RateLimits.updateOne({ _id: `${key}@hold` }, { $set: { key, count: 1, windowEndsAt: until } }, { upsert: true }).exec(),
      );
    },

    /** When the key's hold ends, or null when it is not held now. */
    async heldUntil(key: string, now: Date): Promise<Date | null> {
      const doc = await guard(() => RateLimits.findOne({ _id: `${key}@hold`, windowEndsAt: { $gt: now } }).lean<{ windowEndsAt: Date }>().exec());
      return doc?.windowEndsAt ?? null;
    },

    async clear(key: string): Promise<void> {
      await guard(() => RateLimits.deleteMany({ key }).exec());
    },

    /** Removes every counter and hold whose key starts with one of the prefixes. */
    async clearPrefixes(prefixes: string[]): Promise<void> {
      const pattern = new RegExp(`^(?:${prefixes.map(escapeRegExp).join('|')})`);
      await guard(() => RateLimits.deleteMany({ key: pattern }).exec());
    },

    /** Removes finished windows (clean-up; correctness never depends on it). */
    async removeExpired(now: Date): Promise<number> {
      const result = await guard(() => RateLimits.deleteMany({ windowEndsAt: { $lte: now } }).exec());
      return result.deletedCount;
    },
  };
}

export type RateLimitsRepository = ReturnType<typeof rateLimitsRepository>;
