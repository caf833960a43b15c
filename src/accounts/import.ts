// Moving a djoser/Django site's users over: records from Django's `dumpdata` of the user
// model, password hashes kept as they are (verified as Django's, upgraded at next login).
import type { NewUser } from './records';
import type { AccountDeps } from './deps';
import { normalizeEmail, normalizeLogin } from './validation';

export interface DjangoUserRecord {
  model?: string;
  pk?: unknown;
  fields: Record<string, unknown>;
}

export interface ImportReport {
  imported: number;
  /** The login value was already taken (by an earlier import or a user of ours). */
  skippedExisting: string[];
  /** No value for the login field. */
  skippedInvalid: number;
}

const camelCase = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function asDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function djangoRecordToUser(deps: Pick<AccountDeps, 'config'>, record: DjangoUserRecord, now: Date): NewUser | null {
  const f = record.fields;
  const email = typeof f.email === 'string' && f.email.trim() ? f.email.trim() : null;
  const username = typeof f.username === 'string' && f.username.trim() ? f.username.trim() : null;
  const login = deps.config.loginField === 'email' ? email : username;
  if (!login) return null;
  const isActive = f.is_active !== false;
  const dateJoined = asDate(f.date_joined) ?? now;
  const profile: Record<string, unknown> = {};
  for (const [djangoName, value] of Object.entries(f)) {
    const name = camelCase(djangoName);
    if (name in deps.config.userFields && value !== undefined) profile[name] = value === '' ? null : value;
  }
  return {
    email,
    username: deps.config.loginField === 'username' ? username : null,
    loginKey: normalizeLogin(login),
    emailKey: email ? normalizeEmail(email) : null,
    passwordHash: typeof f.password === 'string' && f.password ? f.password : '!',
    isActive,
    isStaff: f.is_staff === true,
    isSuperuser: f.is_superuser === true,
    dateJoined,
    lastLogin: asDate(f.last_login),
    activatedAt: isActive ? dateJoined : null,
    deactivatedAt: null,
    pendingEmail: null,
    // Nothing says the address was ever proven.
    emailVerified: false,
    credentialsVersion: 0,
    profile,
  };
}

export async function importDjangoUsers(deps: AccountDeps, records: DjangoUserRecord[]): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, skippedExisting: [], skippedInvalid: 0 };
  for (const record of records) {
    const user = djangoRecordToUser(deps, record, deps.now());
    if (!user) {
      report.skippedInvalid += 1;
      continue;
    }
    const created = await deps.store.users.insertUser(user);
    if (created === 'duplicate') report.skippedExisting.push(deps.config.loginField === 'email' ? user.email! : user.username!);
    else report.imported += 1;
  }
  return report;
}
