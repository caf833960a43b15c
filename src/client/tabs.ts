// Tabs of one app (or clients sharing one storage) tell each other about the session over a
// BroadcastChannel: a new session or a sign-out is seen by every tab, and of the tabs that
// want to refresh the same refresh token at once only one does (the lowest claim id after a
// short window); the others wait for its answer.

export type TabMessage<User> =
  | { type: 'session'; session: import('./session-store').StoredSession<User> | null }
  | { type: 'claim'; refresh: string; id: string };

/** How long a tab waits for rival claims before it refreshes. */
export const CLAIM_WINDOW_MS = 40;

export interface Tabs<User> {
  post(message: TabMessage<User>): void;
  /** The lowest claim another tab made on this refresh token recently, if any. */
  rivalClaim(refresh: string): string | null;
  close(): void;
}

export function joinTabs<User>(name: string, onSession: (session: TabMessage<User> & { type: 'session' }) => void): Tabs<User> | null {
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (!Channel) return null;
  const channel = new Channel(name);
  // Node keeps a process alive while a channel is open; a client must not.
  (channel as unknown as { unref?: () => void }).unref?.();
  const claims = new Map<string, { id: string; at: number }>();
  channel.onmessage = (event: MessageEvent<TabMessage<User>>) => {
    const message = event.data;
    if (message?.type === 'session') onSession(message);
    if (message?.type === 'claim') {
      const known = claims.get(message.refresh);
      if (!known || message.id < known.id) claims.set(message.refresh, { id: message.id, at: Date.now() });
    }
  };
  return {
    post: (message) => channel.postMessage(message),
    rivalClaim(refresh) {
      const claim = claims.get(refresh);
      return claim && Date.now() - claim.at < 10_000 ? claim.id : null;
    },
    close: () => channel.close(),
  };
}

export function claimId(): string {
  return Math.random().toString(36).slice(2).padStart(12, '0');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
