// Relay cursors of the lists ordered by a time and an id (users by dateJoined, audit events by time).

function encodeCursor(time: Date, id: string): string {
  return Buffer.from(`${time.getTime()}:${id}`).toString('base64url');
}

/** The time and id a cursor stands for; null for anything this server did not hand out. */
export function decodeCursor(cursor: string): { time: Date; id: string } | null {
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { time: new Date(Number(match[1])), id: match[2] } : null;
}

/** Where a user stands in the users list (join order). */
export const userCursor = (user: { dateJoined: Date; id: string }): string => encodeCursor(user.dateJoined, user.id);

/** Where an event stands in the audit log (newest first). */
export const auditEventCursor = (event: { at: Date; id: string }): string => encodeCursor(event.at, event.id);

/** A page holds 20 items unless asked for another size, and never more than 100. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

/**
 * How many items a list reads: what the caller asked for (a page and the one item that tells
 * whether another page follows), within 1…PAGE_SIZE.max + 1 (a database limit of 0 means none).
 */
export function readLimit(limit: number | null | undefined): number {
  return Math.min(Math.max(limit ?? PAGE_SIZE.default + 1, 1), PAGE_SIZE.max + 1);
}
