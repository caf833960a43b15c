// reauthenticate: the caller proves again that the account is theirs, with what they have — the
// password and, with TOTP, a code (TOTP or recovery); or a user-verified passkey — and what they
// signed in with (the session, or the JWT family) is fresh again for session.freshAge (SPEC §6).
// It counts like a login: the same limits, lockouts and failure counts, through the same checks.
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AccountDeps } from './deps';
import { emit } from './events';
import { markFresh } from './freshness';
import { signAccess } from './jwt';
import { hasSecondFactor } from './mfa-challenge';
import { verifyPasskeyAssertion } from './passkeys';
import { checkCurrentPassword } from './passwords';
import { checkRequestLimits, recordLoginSuccess } from './rate-limits';
import type { FieldError, RequestMeta, Result } from './results';
import type { Authenticated } from './sessions';
import { checkSecondFactorCode } from './two-factor';
import { authFailure, validationFailure } from './users';

export interface ReauthenticateInput {
  password?: string | null;
  /** A TOTP code or a recovery code (users with TOTP). */
  code?: string | null;
  /** An assertion answering passkeyLoginOptions' challenge, made by one of the caller's passkeys with user verification. */
  passkeyResponse?: unknown;
}

/** The password, and the code when the user has TOTP; nothing is checked while one is missing. */
async function checkPasswordAndCode(deps: AccountDeps, caller: Authenticated, input: ReauthenticateInput, meta: RequestMeta): Promise<Result<object>> {
  const { user } = caller;
  const missing: FieldError[] = [];
  if (!input.password) missing.push({ field: 'password', code: 'REQUIRED', message: deps.messages('REQUIRED') });
  if (hasSecondFactor(user) && !input.code) missing.push({ field: 'code', code: 'REQUIRED', message: deps.messages('REQUIRED') });
  if (missing.length) return validationFailure(deps.messages, missing);
  // (A user without a usable password has none to give: a passkey, or a new provider sign-in, re-authenticates them.)
  const current = await checkCurrentPassword(deps, user, input.password!, meta);
  if (!Array.isArray(current)) return current;
  if (current.length) return validationFailure(deps.messages, current.map((error) => ({ ...error, field: 'password' })));
  return hasSecondFactor(user) ? checkSecondFactorCode(deps, user, input.code!, meta) : { ok: true };
}

/** Makes the caller's session fresh; in JWT mode also answers a new access token carrying the new auth_time. */
export async function reauthenticate(deps: AccountDeps, caller: Authenticated, input: ReauthenticateInput, meta: RequestMeta): Promise<Result<{ access: string | null }>> {
  const limited = await checkRequestLimits(deps, 'confirm', meta);
  if (limited) return limited;
  const { user } = caller;
  if (input.passkeyResponse != null) {
    // Re-authentication is always both factors: the authenticator must have verified the user.
    const verified = await verifyPasskeyAssertion(deps, input.passkeyResponse as AuthenticationResponseJSON, 'reauthentication', true);
    if (!verified.ok) return verified;
    // Someone else's passkey proves nothing about this account.
    if (verified.user.id !== user.id) return authFailure(deps.messages, 'INVALID_PASSKEY');
  } else {
    const checked = await checkPasswordAndCode(deps, caller, input, meta);
    if (!checked.ok) return checked;
  }
  await recordLoginSuccess(deps, user.loginKey, meta);
  const at = await markFresh(deps, caller);
  await emit(deps, { type: 'REAUTHENTICATED', actor: user.id, subject: user.id, meta, detail: input.passkeyResponse != null ? 'PASSKEY' : 'PASSWORD' });
  const access = caller.familyId ? await signAccess(deps, user, caller.familyId, at, at) : null;
  return { ok: true, access };
}
