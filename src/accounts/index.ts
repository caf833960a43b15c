// The use cases, bound to their dependencies. graphql/, the CLI and hosts call these.
import type { AccountDeps } from './deps';
import { createAdmin } from './admin';
import { auditEvents } from './audit';
import { authenticate } from './authenticate';
import { confirmEmailChange } from './email-change';
import { importDjangoUsers } from './import';
import { jwtRefresh, jwtVerify } from './jwt';
import { resetLoginField, resetLoginFieldConfirm, setLoginField } from './login-field';
import { deleteMe, updateMe } from './me';
import { oauthCallback, oauthProviders, oauthStart, oauthUnlink, linkedAccounts } from './oauth';
import { passkeyLogin, passkeyLoginOptions, passkeyRegister, passkeyRegistrationOptions, passkeyRemove, passkeys } from './passkeys';
import { loginWithCode, loginWithLink, requestLoginCode } from './passwordless';
import { resetPassword, resetPasswordConfirm, setPassword } from './passwords';
import { reauthenticate } from './reauthenticate';
import { activate, register, resendActivation } from './registration';
import { jwtCreate, login } from './password-sign-in';
import { logout, logoutAll, revokeSession, sessions } from './sessions';
import { deleteUser, listUsers, updateUser, viewUser } from './staff';
import { regenerateRecoveryCodes, totpDisable, totpEnable, totpSetup, verifyMfa } from './two-factor';

export type { AccountDeps } from './deps';
export { type AuditEvent, type AuditEventsInput, type AuditPage } from './audit';
export { AUDIT_EVENT_TYPES, auditDescription, type AuditEventType } from './events';
export type { Authenticated, SessionView } from './sessions';
export type { LoginInput } from './password-sign-in';
export type { RegisterInput } from './registration';
export type { UpdateMeInput } from './me';
export type { SetPasswordInput, ResetPasswordConfirmInput } from './passwords';
export type { SetLoginFieldInput, ResetLoginFieldConfirmInput } from './login-field';
export type { DjangoUserRecord, ImportReport } from './import';
export type { TokenPair } from './jwt';
export type { UpdateUserInput, UserPage } from './staff';
export type { PublicUser } from './users';
export type { MfaChallenge, MfaMethod } from './mfa-challenge';
export type { VerifiedMfa } from './two-factor';
export type { CodeSignedIn } from './passwordless';
export type { PasskeyView } from './passkeys';
export type { ReauthenticateInput } from './reauthenticate';
export type { LinkedAccountView, OAuthCallbackInput } from './oauth';
export type { FieldError, Failure, Result, RequestMeta } from './results';
export { ERROR_CODES, createMessages, type ErrorCode, type Messages } from './messages';
export { toPublicUser, validationFailure } from './users';
export { PAGE_SIZE, auditEventCursor, userCursor } from './cursors';
export { createInputShapes, fieldErrorOf, type InputShapes } from './validation';
export { isMfaChallenge } from './mfa-challenge';

/** Every use case, under the name it has in `auth.accounts` (and mostly in the GraphQL API). */
const useCases = {
  register,
  activate,
  resendActivation,
  login,
  authenticate,
  jwtCreate,
  jwtRefresh,
  jwtVerify,
  sessions,
  revokeSession,
  logout,
  logoutAll,
  reauthenticate,
  updateMe,
  confirmEmailChange,
  deleteMe,
  setPassword,
  resetPassword,
  resetPasswordConfirm,
  setLoginField,
  resetLoginField,
  resetLoginFieldConfirm,
  listUsers,
  viewUser,
  updateUser,
  deleteUser,
  auditEvents,
  createAdmin,
  importDjangoUsers,
  totpSetup,
  totpEnable,
  totpDisable,
  regenerateRecoveryCodes,
  verifyMfa,
  passkeys,
  passkeyRegistrationOptions,
  passkeyRegister,
  passkeyRemove,
  passkeyLoginOptions,
  passkeyLogin,
  oauthProviders,
  oauthStart,
  oauthCallback,
  linkedAccounts,
  oauthUnlink,
  requestLoginCode,
  loginWithCode,
  loginWithLink,
};

/** A use case with its dependencies bound: the same function without its first parameter. */
type Bound<UseCases> = {
  [Name in keyof UseCases]: UseCases[Name] extends (deps: AccountDeps, ...args: infer Args) => infer Answer ? (...args: Args) => Answer : never;
};

export function createAccounts(deps: AccountDeps) {
  const bound: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, useCase] of Object.entries(useCases)) bound[name] = (...args) => (useCase as (...all: unknown[]) => unknown)(deps, ...args);
  return { config: deps.config, ...(bound as Bound<typeof useCases>) };
}

export type Accounts = ReturnType<typeof createAccounts>;
