// Rate-limit counters shared by every instance on the database: fixed windows, one numbered
// slot (a document with a unique _id) per hit; and slots taken before a check, given back when
// it passes. Expiry is in the key and in every query; old windows are removed by clean-up,
// never relied on for correctness.
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
    /** A taken slot whose check failed (a slot without it is a check still running). */
    failed: { type: Boolean },
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

    /**
     * Takes one of the key's `limit` numbered slots until `expiresAt`, for a check about to run;
     * its _id, or null when every slot is taken. As with `hit`, the unique _id decides a race on
     * MongoDB and on FerretDB alike, so at most `limit` slots are ever taken at once. A slot given
     * back (`releaseSlot`) is free again; free slots are tried in random order, so simultaneous
     * takers seldom collide. (Deleting an expired slot and retaking its number may race on a
     * server without atomic deletes: at worst one slot is lost, i.e. one more check.)
     */
    async takeSlot(key: string, limit: number, expiresAt: Date, now: Date): Promise<string | null> {
      return guard(async () => {
        const docs = await RateLimits.find({ key }, { count: 1, windowEndsAt: 1 }).lean<{ count: number; windowEndsAt: Date }[]>().exec();
        if (docs.some((doc) => doc.windowEndsAt <= now)) await RateLimits.deleteMany({ key, windowEndsAt: { $lte: now } }).exec();
        const taken = new Set(docs.filter((doc) => doc.windowEndsAt > now).map((doc) => doc.count));
        const free = Array.from({ length: limit }, (_, i) => i + 1).filter((slot) => !taken.has(slot));
        for (let i = free.length - 1; i > 0; i -= 1) {
          const j = Math.floor(Math.random() * (i + 1));
          [free[i], free[j]] = [free[j], free[i]];
        }
        for (const slot of free) {
          const _id = `${key}#${slot}`;
          try {
            await RateLimits.create({ _id, key, count: slot, windowEndsAt: expiresAt });
            return _id;
          } catch (error) {
            if (!isDuplicateKey(error)) throw error; // another check took this slot first
          }
        }
        return null;
      });
    },

    /** Gives a taken slot back: the check it was taken for passed (or never ran). */
    async releaseSlot(id: string): Promise<void> {
      await guard(() => RateLimits.deleteOne({ _id: id }).exec());
    },

    /** Keeps a taken slot as a failure; answers how many failures the key holds now. */
    async failSlot(id: string, key: string, now: Date): Promise<number> {
      return guard(async () => {
        await RateLimits.updateOne({ _id: id }, { $set: { failed: true } }).exec();
        return RateLimits.countDocuments({ key, failed: true, windowEndsAt: { $gt: now } }).exec();
      });
    },

    /** Holds the key (a lock) until the given time, unless it is held already: true when this call started the hold. */
    async startHold(key: string, until: Date, now: Date): Promise<boolean> {
      const _id = `${key}@hold`;
      return guard(async () => {
        await RateLimits.deleteOne({ _id, windowEndsAt: { $lte: now } }).exec();
        try {
          await RateLimits.create({ _id, key, count: 1, windowEndsAt: until });
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      });
    },

    /** When the last of the keys' holds ends, or null when none is held now. */
    async heldUntil(keys: string[], now: Date): Promise<Date | null> {
      const docs = await guard(() =>
        RateLimits.find({ _id: { $in: keys.map((key) => `${key}@hold`) }, windowEndsAt: { $gt: now } }).lean<{ windowEndsAt: Date }[]>().exec(),
      );
      return docs.reduce<Date | null>((last, doc) => (!last || doc.windowEndsAt > last ? doc.windowEndsAt : last), null);
    },

    async clear(keys: string[]): Promise<void> {
      await guard(() => RateLimits.deleteMany({ key: { $in: keys } }).exec());
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
