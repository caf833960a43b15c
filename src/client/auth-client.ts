// createAuthClient: the session an SPA holds (getSession, subscribe), every operation typed,
// and in JWT mode an access token that is refreshed before it expires: one refresh in flight
// per client, one per refresh token across tabs, and a failed refresh on the network keeps
// the user signed in (only the server's INVALID_REFRESH_TOKEN / REFRESH_TOKEN_REUSED signs out).
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  JwtCreateDocument,
  JwtRefreshDocument,
  LoginDocument,
  LogoutDocument,
  MeDocument,
  type JwtCreateInput,
  type JwtCreateMutation,
  type LoginInput,
  type LoginMutation,
  type UserFieldsFragment,
} from './generated/graphql';
import { withSchemaNames, type SchemaNames } from './names';
import { expiryOf, readStored, storageOf, writeStored, type StorageOption, type StoredSession } from './session-store';
import { CLAIM_WINDOW_MS, claimId, joinTabs, sleep } from './tabs';
import { AuthqlError, createTransport, type VariablesOf } from './transport';

export type AuthMode = 'token' | 'jwt' | 'cookie';

/** The header cookie mode sends on every request (the server's CSRF prevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export interface AuthClientOptions<User> extends SchemaNames {
  /** e.g. 'https://api.example.com/graphql' */
  url: string;
  /** 'token' (a session token in a header), 'jwt' (access + refresh), 'cookie' (httpOnly session cookie). */
  mode: AuthMode;
  /** Where the session is kept: 'memory' (default), 'localStorage', or any Storage-like object. */
  storage?: StorageOption;
  /** The storage key, and the BroadcastChannel's name; default 'authql-session'. */
  storageKey?: string;
  /**
   * Share the session with the app's other tabs over a BroadcastChannel (sign-in, refresh,
   * sign-out). Default: yes, except with sessionStorage, whose sessions belong to one tab.
   */
  shareTabs?: boolean;
  /** JWT mode: refresh this many seconds before the access token expires (at most a quarter of its lifetime); default 30. */
  refreshMargin?: number;
  /** JWT mode: refresh on a timer before expiry (default true), not only when a request needs it. */
  autoRefresh?: boolean;
  /** The query that reads the signed-in user (a generated client passes its own, with the server's fields). */
  meDocument?: TypedDocumentNode<{ me: User | null }, Record<string, never>>;
  /** The documents a generated client passes (its names, its login field's selections); the built-in ones otherwise. */
  documents?: Partial<Record<'login' | 'jwtCreate' | 'jwtRefresh' | 'logout', TypedDocumentNode<any, any>>>;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export interface Session<User> {
  user: User;
  /** Header-token mode's session token; JWT mode's current access token. Never present in cookie mode. */
  token?: string;
}

export type SessionListener<User> = (session: Session<User> | null) => void;

/** Tries of a refresh that fails on the network, and the waits between them. */
const REFRESH_RETRY_MS = [250, 1000, 3000];
const SIGNED_OUT_CODES = new Set(['INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED']);

export function createAuthClient<User = UserFieldsFragment>(options: AuthClientOptions<User>) {
  const { mode } = options;
  const key = options.storageKey ?? 'authql-session';
  const storage = storageOf(options.storage);
  const send = createTransport({
    url: options.url,
    fetch: options.fetch,
    credentials: mode === 'cookie' ? 'include' : undefined,
    headers: { ...(mode === 'cookie' ? { [CSRF_HEADER]: '1' } : {}), ...options.headers },
  });
  // A server with schema prefixes: the built-in documents in its names, its answers read under them.
  const { typePrefix = '', rootFieldPrefix = '' } = options;
  const named = <D extends TypedDocumentNode<any, any>>(document: D): D => withSchemaNames(document, { typePrefix, rootFieldPrefix });
  /** The root field's answer, under the server's name for it. */
  const answer = <Data, Field extends keyof Data & string>(data: Data, field: Field): Data[Field] => (data as Record<string, Data[Field]>)[`${rootFieldPrefix}${field}`];
  /** Whether an answer is of this type of the server's (by its name without the prefix). */
  const isA = <T extends { __typename?: string }, Name extends NonNullable<T['__typename']>>(result: T, name: Name): result is Extract<T, { __typename?: Name }> =>
    result.__typename === `${typePrefix}${name}`;
  const meDocument = (options.meDocument ?? named(MeDocument)) as unknown as TypedDocumentNode<{ me: User | null }, Record<string, never>>;
  const documents = {
    login: (options.documents?.login ?? named(LoginDocument)) as typeof LoginDocument,
    jwtCreate: (options.documents?.jwtCreate ?? named(JwtCreateDocument)) as typeof JwtCreateDocument,
    jwtRefresh: (options.documents?.jwtRefresh ?? named(JwtRefreshDocument)) as typeof JwtRefreshDocument,
    logout: (options.documents?.logout ?? named(LogoutDocument)) as typeof LogoutDocument,
  };
  const listeners = new Set<SessionListener<User>>();
  let state = readStored<User>(storage, key);
  // One object per session state, so that React's useSyncExternalStore sees a stable snapshot.
  let current = publicSession(state);
  let refreshing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  // Memory of its own: what another tab announces is kept there too (a shared storage has it already).
  const ownMemory = !options.storage || options.storage === 'memory';
  const shareTabs = options.shareTabs ?? (options.storage === undefined || options.storage !== (globalThis as { sessionStorage?: unknown }).sessionStorage);
  const tabs = !shareTabs ? null : joinTabs<User>(`authql:${key}`, ({ session }) => {
    if (ownMemory) writeStored(storage, key, session);
    adopt(session);
  });

  function publicSession(stored: StoredSession<User> | null): Session<User> | null {
    if (!stored) return null;
    const token = mode === 'jwt' ? stored.access : mode === 'token' ? stored.token : undefined;
    return token ? { user: stored.user, token } : { user: stored.user };
  }

  /** Takes a session (ours or another tab's) without telling the tabs. */
  function adopt(next: StoredSession<User> | null): void {
    state = next;
    current = publicSession(state);
    schedule();
    for (const listener of [...listeners]) listener(current);
  }

  function setSession(next: StoredSession<User> | null): void {
    writeStored(storage, key, next);
    adopt(next);
    tabs?.post({ type: 'session', session: next });
  }

  /** When the access token should be refreshed (ms since the epoch), or null. */
  function refreshDue(access: string | undefined): number | null {
    const expiry = access ? expiryOf(access) : null;
    if (!expiry) return null;
    const margin = Math.min((options.refreshMargin ?? 30) * 1000, (expiry.expiresAt - expiry.issuedAt) / 4);
    return expiry.expiresAt - margin;
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (mode !== 'jwt' || options.autoRefresh === false || !state?.refresh) return;
    const due = refreshDue(state.access);
    if (due === null) return;
    timer = setTimeout(() => void refresh().catch(() => undefined), Math.max(0, due - Date.now()));
    (timer as { unref?: () => void }).unref?.();
  }

  /** Another tab's or the storage's newer pair, if one replaced `seen`. */
  function rotatedSince(seen: string): boolean {
    const stored = readStored<User>(storage, key);
    if (stored?.refresh !== state?.refresh) adopt(stored);
    return state?.refresh !== seen;
  }

  async function waitForRotation(seen: string, ms: number): Promise<boolean> {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(20)) {
      if (rotatedSince(seen)) return true;
    }
    return rotatedSince(seen);
  }

  async function refreshOnce(seen: string): Promise<void> {
    if (rotatedSince(seen)) return;
    if (tabs) {
      // Another tab already claimed this token: its answer arrives over the channel.
      if (tabs.rivalClaim(seen) && (await waitForRotation(seen, 5000))) return;
      const mine = claimId();
      tabs.post({ type: 'claim', refresh: seen, id: mine });
      await sleep(CLAIM_WINDOW_MS);
      if (rotatedSince(seen)) return;
      const rival = tabs.rivalClaim(seen);
      if (rival !== null && rival < mine && (await waitForRotation(seen, 5000))) return;
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        const jwtRefresh = answer(await send(documents.jwtRefresh, { input: { refresh: seen } }), 'jwtRefresh');
        if (isA(jwtRefresh, 'JwtRefreshSuccess')) {
          if (state) setSession({ ...state, access: jwtRefresh.access, refresh: jwtRefresh.refresh });
          return;
        }
        if (rotatedSince(seen)) return;
        if ('code' in jwtRefresh && SIGNED_OUT_CODES.has(jwtRefresh.code)) setSession(null);
        throw new AuthqlError(jwtRefresh.message, jwtRefresh.code, 200, []);
      } catch (error) {
        const onNetwork = error instanceof AuthqlError && (error.code === 'NETWORK_ERROR' || error.status >= 500);
        if (!onNetwork || attempt >= REFRESH_RETRY_MS.length) throw error;
        await sleep(REFRESH_RETRY_MS[attempt]);
        if (rotatedSince(seen)) return;
      }
    }
  }

  /** Refreshes the JWT pair now; concurrent callers share the one refresh in flight. */
  function refresh(): Promise<void> {
    const seen = state?.refresh;
    if (!seen) return Promise.resolve();
    refreshing ??= refreshOnce(seen).finally(() => (refreshing = null));
    return refreshing;
  }

  async function credentialHeaders(): Promise<Record<string, string>> {
    if (mode === 'jwt' && state?.access) {
      const due = refreshDue(state.access);
      if (due !== null && Date.now() >= due) await refresh();
      return state?.access ? { authorization: `Bearer ${state.access}` } : {};
    }
    return mode === 'token' && state?.token ? { authorization: `Token ${state.token}` } : {};
  }

  /** Sends a typed operation with the session's credentials. */
  async function request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, ...[variables]: VariablesOf<Variables>): Promise<Result> {
    const headers = await credentialHeaders();
    try {
      return await send(document, variables, headers);
    } catch (error) {
      if (!(error instanceof AuthqlError) || error.code !== 'UNAUTHENTICATED' || !state) throw error;
      if (mode !== 'jwt') {
        // The session ended on the server (revoked, expired): the client says so.
        setSession(null);
        throw error;
      }
      // The server's clock says the access token expired: refresh (unless a rival already did) and try once more.
      if (headers.authorization === `Bearer ${state.access}`) await refresh();
      if (!state) throw error;
      return send(document, variables, await credentialHeaders());
    }
  }

  async function readMe(headers: Record<string, string>): Promise<User | null> {
    return answer(await send(meDocument, undefined, headers), 'me');
  }

  return {
    mode,
    request,
    refresh,
    getSession: (): Session<User> | null => current,
    /** Calls the listener on every change of the session (sign-in, refresh, sign-out, another tab's); answers the unsubscribe. */
    subscribe(listener: SessionListener<User>): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /**
     * Signs in with the login field and password (jwtCreate in JWT mode, login otherwise). Answers
     * the server's result, so a caller can tell MfaRequired and errors from success.
     */
    async signIn(input: LoginInput | JwtCreateInput): Promise<LoginMutation['login'] | JwtCreateMutation['jwtCreate']> {
      if (mode === 'jwt') {
        const jwtCreate = answer(await send(documents.jwtCreate, { input: input as JwtCreateInput }), 'jwtCreate');
        if (isA(jwtCreate, 'JwtCreateSuccess')) {
          const user = await readMe({ authorization: `Bearer ${jwtCreate.access}` });
          if (user) setSession({ user, access: jwtCreate.access, refresh: jwtCreate.refresh });
        }
        return jwtCreate;
      }
      const login = answer(await send(documents.login, { input: input as LoginInput }), 'login');
      if (isA(login, 'LoginSuccess')) {
        const user = (options.meDocument ? await readMe(mode === 'token' && login.token ? { authorization: `Token ${login.token}` } : {}) : login.user) as User | null;
        if (user) setSession(mode === 'token' && login.token ? { user, token: login.token } : { user });
      }
      return login;
    },

    /**
     * Holds a session that another operation signed in (verifyMfa, passkeyLogin, oauthCallback,
     * activate with loginAfterActivation): the token it answered (JWT mode: the pair; cookie
     * mode: nothing, the cookie is set), after reading the user with it.
     */
    async signedInWith(credentials: { token?: string | null; access?: string; refresh?: string }): Promise<Session<User> | null> {
      const pair = mode === 'jwt' && credentials.access && credentials.refresh ? { access: credentials.access, refresh: credentials.refresh } : null;
      const token = mode === 'token' ? (credentials.token ?? undefined) : undefined;
      if (mode !== 'cookie' && !pair && !token) return current;
      const user = await readMe(pair ? { authorization: `Bearer ${pair.access}` } : token ? { authorization: `Token ${token}` } : {});
      if (user) setSession({ user, ...(pair ?? {}), ...(token ? { token } : {}) });
      return current;
    },

    /** Ends the session on the server (when it can be reached) and in every tab. */
    async signOut(): Promise<void> {
      try {
        if (state) await send(documents.logout, undefined, await credentialHeaders());
      } catch {
        // Signed out here all the same; the server's session expires on its own.
      }
      setSession(null);
    },

    /** Asks the server who is signed in (cookie mode: the only way to know) and updates the session. */
    async load(): Promise<Session<User> | null> {
      if (mode !== 'cookie' && !state) return null;
      try {
        const me = answer(await request(meDocument), 'me');
        if (!me) setSession(null);
        else if (state || mode === 'cookie') setSession({ ...(state ?? {}), user: me });
      } catch (error) {
        if (!(error instanceof AuthqlError) || error.code !== 'UNAUTHENTICATED') throw error;
      }
      return current;
    },

    /** Stops the timer and leaves the tabs' channel. */
    close(): void {
      if (timer) clearTimeout(timer);
      tabs?.close();
      listeners.clear();
    },
  };
}

export type AuthClient<User = UserFieldsFragment> = ReturnType<typeof createAuthClient<User>>;
