// authql/react: <AuthProvider client={auth}> and useSession() for a React app. The session
// is the client's (getSession, subscribe), read with useSyncExternalStore so every component
// sees the same one; on mount the provider asks the server who is signed in (client.load()),
// which in cookie mode is the only way to know. React is an optional peer dependency.
import { createContext, createElement, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AuthClient, Session } from '../client/auth-client';
import type { UserFieldsFragment } from '../client/generated/graphql';

type AnyAuthClient = Pick<AuthClient<any>, 'getSession' | 'subscribe' | 'load' | 'mode'>;

interface AuthState {
  client: AnyAuthClient;
  loading: boolean;
  error: Error | null;
}

const AuthContext = createContext<AuthState | null>(null);

export interface AuthProviderProps {
  client: AnyAuthClient;
  children?: ReactNode;
}

/** Holds the client for the components below it, and loads who is signed in once on mount. */
export function AuthProvider({ client, children }: AuthProviderProps) {
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    setLoading(true);
    client
      .load()
      .then(() => live && setError(null))
      .catch((e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [client]);
  return createElement(AuthContext.Provider, { value: { client, loading, error } }, children);
}

export interface SessionState<User> {
  /** True until the provider heard from the server once. */
  loading: boolean;
  user: User | null;
  /** What the last load failed with (e.g. an AuthqlError NETWORK_ERROR); the session is kept. */
  error: Error | null;
  session: Session<User> | null;
}

function useAuthState(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useSession() and useAuthClient() need an <AuthProvider client={…}> above them');
  return state;
}

/** The signed-in user (or null), whether the first load is still under way, and its error. */
export function useSession<User = UserFieldsFragment>(): SessionState<User> {
  const { client, loading, error } = useAuthState();
  const session = useSyncExternalStore(client.subscribe, client.getSession, client.getSession) as Session<User> | null;
  return { loading, user: session?.user ?? null, error, session };
}

/** The client the provider holds, for signIn, signOut and typed requests. */
export function useAuthClient<Client extends AnyAuthClient = AuthClient>(): Client {
  return useAuthState().client as Client;
}
