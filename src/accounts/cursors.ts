// Relay cursors of the lists ordered by a time and an id (users by dateJoined, audit events by time).

export function encodeCursor(time: Date, id: string): string {
  return Buffer.from(`${time.getTime()}:${id}`).toString('base64url');
}

/** The time and id a cursor stands for; null for anything this server did not hand out. */
export function decodeCursor(cursor: string): { time: Date; id: string } | null {
  const match = /^(\d{1,15}):([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { time: new Date(Number(match[1])), id: match[2] } : null;
}

/** A page size the caller asked for, within 0…100 (20 when not given). */
export function pageSize(first: number | null | undefined): number {
  return Math.min(Math.max(first ?? 20, 0), 100);
}
