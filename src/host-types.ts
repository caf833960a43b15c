// What a host sees of authql's users and what its hooks receive: a leaf (it imports nothing),
// so that config.ts and accounts/ can both name these types.

export interface PublicUser {
  id: string;
  email: string | null;
  username: string | null;
  isActive: boolean;
  isStaff: boolean;
  isSuperuser: boolean;
  dateJoined: Date;
  lastLogin: Date | null;
  /** An email change waiting for confirmation (shown to the user and staff only). */
  pendingEmail: string | null;
  /** The address was proven (an emailed link came back, or a provider vouched for it). */
  emailVerified: boolean;
  /** TOTP is on: a password login needs a code as well. */
  twoFactorEnabled: boolean;
  /** Declared userFields, by name. */
  fields: Record<string, unknown>;
}

export type BeforeRegisterHook = (payload: {
  input: { login: string; email: string | null; fields: Record<string, unknown> };
  request: { ip: string | null; userAgent: string | null };
}) => string | { field?: string; message: string } | void | null | Promise<string | { field?: string; message: string } | void | null>;

/** What every on… hook receives, so a host can write `({ user }) => …` with its types. */
export type Hook = (payload: { user: PublicUser; request: { ip: string | null; userAgent: string | null } }) => unknown;
