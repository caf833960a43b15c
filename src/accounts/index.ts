// The use cases, bound to their dependencies. graphql/, the CLI and hosts call these.
import type { AccountDeps } from './deps';
import { looksLikeJwt } from '../crypto/jwt';
import { authenticateAccessToken, jwtCreate, jwtRefresh, jwtVerifyToken, listSessions, revokeSession } from './jwt';
import { createAdmin } from './admin';
import { listAuditEvents, type AuditEventsInput } from './audit';
import { confirmEmailChange } from './email-change';
import { deleteUser, listUsers, updateUser, viewUser, type UpdateUserInput } from './staff';
import { importDjangoUsers, type DjangoUserRecord } from './import';
import { resetLogin, resetLoginConfirm, setLogin, type ResetLoginConfirmInput, type SetLoginInput } from './login-field';
import { deleteMe, updateMe, type UpdateMeInput } from './me';
import { listPasskeys, passkeyLogin, passkeyLoginOptions, passkeyRegister, passkeyRegistrationOptions, passkeyRemove } from './passkeys';
import { resetPassword, resetPasswordConfirm, setPassword, type ResetPasswordConfirmInput, type SetPasswordInput } from './passwords';
import { activate, register, resendActivation, type RegisterInput } from './registration';
import { linkedAccounts, oauthCallback, oauthStart, oauthUnlink, type OAuthCallbackInput } from './oauth';
import type { RequestMeta } from './results';
import { authenticateSessionToken, login, logout, logoutAll, type Authenticated, type LoginInput } from './sessions';
import { regenerateRecoveryCodes, totpDisable, totpEnable, totpSetup, verifyMfa } from './two-factor';

export type { AccountDeps } from './deps';
export { AUDIT_EVENT_TYPES, type AuditEvent, type AuditEventType, type AuditEventsInput, type AuditPage } from './audit';
export type { Authenticated, LoginInput } from './sessions';
export type { RegisterInput } from './registration';
export type { UpdateMeInput } from './me';
export type { SetPasswordInput, ResetPasswordConfirmInput } from './passwords';
export type { SetLoginInput, ResetLoginConfirmInput } from './login-field';
export type { DjangoUserRecord, ImportReport } from './import';
export type { SessionView, TokenPair } from './jwt';
export type { UpdateUserInput, UserPage } from './staff';
export type { PublicUser } from './users';
export type { MfaChallenge, MfaMethod } from './mfa-challenge';
export type { VerifiedMfa } from './two-factor';
export type { PasskeyView } from './passkeys';
export type { LinkedAccountView, OAuthCallbackInput } from './oauth';
export type { FieldError, Failure, Result, RequestMeta } from './results';
export { ERROR_CODES, createMessages, type ErrorCode, type Messages } from './messages';
export { createInputShapes, fieldErrorOf, type InputShapes } from './validation';
export { toPublicUser, validationFailure } from './users';
export { isMfaChallenge } from './mfa-challenge';

export function createAccounts(deps: AccountDeps) {
  return {
    config: deps.config,
    register: (input: RegisterInput, meta: RequestMeta) => register(deps, input, meta),
    activate: (input: { uid: string; token: string }, meta: RequestMeta) => activate(deps, input, meta),
    resendActivation: (input: { email: string }, meta: RequestMeta) => resendActivation(deps, input, meta),
    login: (input: LoginInput, meta: RequestMeta) => login(deps, input, meta),
    /** A session token or a JWT access token (told apart by their shape). */
    authenticate: (token: string) => (looksLikeJwt(token) ? authenticateAccessToken(deps, token) : authenticateSessionToken(deps, token)),
    jwtCreate: (input: LoginInput, meta: RequestMeta) => jwtCreate(deps, input, meta),
    jwtRefresh: (input: { refresh: string }, meta: RequestMeta) => jwtRefresh(deps, input, meta),
    jwtVerify: (input: { token: string }) => jwtVerifyToken(deps, input),
    sessions: (caller: Authenticated) => listSessions(deps, caller),
    revokeSession: (caller: Authenticated, input: { id: string }, meta: RequestMeta) => revokeSession(deps, caller, input, meta),
    logout: (caller: Authenticated, meta: RequestMeta) => logout(deps, caller, meta),
    logoutAll: (caller: Authenticated, meta: RequestMeta) => logoutAll(deps, caller, meta),
    updateMe: (caller: Authenticated, input: UpdateMeInput, meta: RequestMeta) => updateMe(deps, caller, input, meta),
    confirmEmailChange: (input: { uid: string; token: string }, meta: RequestMeta) => confirmEmailChange(deps, input, meta),
    deleteMe: (caller: Authenticated, input: { currentPassword: string }, meta: RequestMeta) => deleteMe(deps, caller, input, meta),
    setPassword: (caller: Authenticated, input: SetPasswordInput, meta: RequestMeta) => setPassword(deps, caller, input, meta),
    resetPassword: (input: { email: string }, meta: RequestMeta) => resetPassword(deps, input, meta),
    resetPasswordConfirm: (input: ResetPasswordConfirmInput, meta: RequestMeta) => resetPasswordConfirm(deps, input, meta),
    setLogin: (caller: Authenticated, input: SetLoginInput, meta: RequestMeta) => setLogin(deps, caller, input, meta),
    resetLogin: (input: { email: string }, meta: RequestMeta) => resetLogin(deps, input, meta),
    resetLoginConfirm: (input: ResetLoginConfirmInput, meta: RequestMeta) => resetLoginConfirm(deps, input, meta),
    listUsers: (caller: Authenticated, input: { first?: number | null; after?: string | null; search?: string | null }) => listUsers(deps, caller, input),
    viewUser: (caller: Authenticated, id: string) => viewUser(deps, caller, id),
    updateUser: (caller: Authenticated, input: UpdateUserInput, meta: RequestMeta) => updateUser(deps, caller, input, meta),
    deleteUser: (caller: Authenticated, input: { id: string; currentPassword: string }, meta: RequestMeta) => deleteUser(deps, caller, input, meta),
    auditEvents: (caller: Authenticated, input: AuditEventsInput) => listAuditEvents(deps, caller, input),
    createAdmin: (input: { email: string | null; username: string | null; password: string }) => createAdmin(deps, input),
    importDjangoUsers: (records: DjangoUserRecord[]) => importDjangoUsers(deps, records),
    totpSetup: (caller: Authenticated, input: { currentPassword: string }, meta: RequestMeta) => totpSetup(deps, caller, input, meta),
    totpEnable: (caller: Authenticated, input: { code: string }, meta: RequestMeta) => totpEnable(deps, caller, input, meta),
    totpDisable: (caller: Authenticated, input: { currentPassword: string; code: string }, meta: RequestMeta) => totpDisable(deps, caller, input, meta),
    regenerateRecoveryCodes: (caller: Authenticated, input: { currentPassword: string }, meta: RequestMeta) => regenerateRecoveryCodes(deps, caller, input, meta),
    verifyMfa: (input: { mfaToken: string; code: string }, meta: RequestMeta) => verifyMfa(deps, input, meta),
    passkeys: (userId: string) => listPasskeys(deps, userId),
    passkeyRegistrationOptions: (caller: Authenticated) => passkeyRegistrationOptions(deps, caller),
    passkeyRegister: (caller: Authenticated, input: { response: unknown; name?: string | null }, meta: RequestMeta) => passkeyRegister(deps, caller, input, meta),
    passkeyRemove: (caller: Authenticated, input: { id: string; currentPassword: string }, meta: RequestMeta) => passkeyRemove(deps, caller, input, meta),
    passkeyLoginOptions: (meta: RequestMeta) => passkeyLoginOptions(deps, meta),
    passkeyLogin: (input: { response: unknown }, meta: RequestMeta) => passkeyLogin(deps, input, meta),
    oauthProviders: () => deps.providers.list(),
    oauthStart: (caller: Authenticated | null, input: { provider: string; redirectUri: string }, meta: RequestMeta) => oauthStart(deps, caller, input, meta),
    oauthCallback: (caller: Authenticated | null, input: OAuthCallbackInput, meta: RequestMeta) => oauthCallback(deps, caller, input, meta),
    linkedAccounts: (caller: Authenticated) => linkedAccounts(deps, caller.user.id),
    oauthUnlink: (caller: Authenticated, input: { provider: string }, meta: RequestMeta) => oauthUnlink(deps, caller, input, meta),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
