// Where the client keeps the session: in memory by default, in localStorage (or any Storage
// the app passes) on request. What is kept depends on the mode: a session token, a JWT pair,
// or in cookie mode only the user (the cookie is httpOnly: the client never sees it).

export interface StoredSession<User> {
  user: User;
  /** Header-token mode: the session token. */
  token?: string;
  /** JWT mode: the access and refresh tokens. */
  access?: string;
  refresh?: string;
}

/** The part of the Web Storage API the client uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type StorageOption = 'memory' | 'localStorage' | StorageLike;

export function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export function storageOf(option: StorageOption | undefined): StorageLike {
  if (!option || option === 'memory') return memoryStorage();
  if (option === 'localStorage') {
    const local = (globalThis as { localStorage?: StorageLike }).localStorage;
    if (!local) throw new Error("storage: 'localStorage' asked for, but this environment has none");
    return local;
  }
  return option;
}

export function readStored<User>(storage: StorageLike, key: string): StoredSession<User> | null {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as StoredSession<User>) : null;
  } catch {
    return null;
  }
}

export function writeStored<User>(storage: StorageLike, key: string, session: StoredSession<User> | null): void {
  if (session) storage.setItem(key, JSON.stringify(session));
  else storage.removeItem(key);
}

/** The `exp` claim of a JWT in milliseconds, read without verifying (base64url JSON, no Buffer). */
export function expiryOf(jwt: string): { expiresAt: number; issuedAt: number } | null {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '='))) as { exp?: number; iat?: number };
    if (typeof claims.exp !== 'number') return null;
    return { expiresAt: claims.exp * 1000, issuedAt: (claims.iat ?? claims.exp) * 1000 };
  } catch {
    return null;
  }
}
