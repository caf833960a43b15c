/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id email isActive isStaff } } ... on Error { code message } }\n}": typeof types.UpdateUserDocument,
    "mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename ... on Error { code } } }": typeof types.DeleteUserDocument,
    "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.UpdateMeDocument,
    "mutation UpdateSelf($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.UpdateSelfDocument,
    "mutation SetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.SetEmailDocument,
    "mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }\n}": typeof types.AccountTakeoverSetPasswordDocument,
    "mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }": typeof types.ResetPasswordDocument,
    "mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }": typeof types.ResetEmailDocument,
    "mutation AccountTakeoverJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }": typeof types.AccountTakeoverJwtCreateDocument,
    "mutation JwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }": typeof types.JwtRefreshDocument,
    "query MeActive { me { email isActive } }": typeof types.MeActiveDocument,
    "query MeEmails { me { email pendingEmail } }": typeof types.MeEmailsDocument,
    "query MeEmail { me { email } }": typeof types.MeEmailDocument,
    "mutation AccountTakeoverActivate($input: ActivateInput!) { activate(input: $input) { __typename ... on Error { code } } }": typeof types.AccountTakeoverActivateDocument,
    "query Sessions { sessions { id } }": typeof types.SessionsDocument,
    "mutation AccountTakeoverResetPassword { resetPassword(input: { email: \"prefixed@example.com\" }) { __typename } }": typeof types.AccountTakeoverResetPasswordDocument,
    "mutation DeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.DeleteMeDocument,
    "mutation AccountUpdateMe { updateMe(input: {}) { __typename } }": typeof types.AccountUpdateMeDocument,
    "mutation ResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) {\n    __typename\n    ... on ResendActivationSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": typeof types.ResendActivationDocument,
    "mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }": typeof types.ResetPasswordTypenameDocument,
    "mutation AtRestResetPasswordConfirm($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }": typeof types.AtRestResetPasswordConfirmDocument,
    "mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }": typeof types.SetPasswordCheckedDocument,
    "mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }": typeof types.JwtCreateDocument,
    "mutation AtRestJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } } }": typeof types.AtRestJwtRefreshDocument,
    "mutation PasskeyRegistrationOptions { passkeyRegistrationOptions { ... on PasskeyRegistrationOptionsSuccess { options } } }": typeof types.PasskeyRegistrationOptionsDocument,
    "mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }": typeof types.PasskeyRegisterDocument,
    "mutation PasskeyLoginOptions { passkeyLoginOptions { ... on PasskeyLoginOptionsSuccess { options } } }": typeof types.PasskeyLoginOptionsDocument,
    "mutation PasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on PasskeyLoginSuccess { token } } }": typeof types.PasskeyLoginDocument,
    "mutation AuditSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } }\n}": typeof types.AuditSetPasswordDocument,
    "mutation AuditDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) { __typename ... on DeleteUserSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}": typeof types.AuditDeleteUserDocument,
    "query AuditMe { me { auditEvents { edges { node { id } } } } }": typeof types.AuditMeDocument,
    "mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }": typeof types.RegisterTypenameDocument,
    "mutation Logout { logout { __typename } }": typeof types.LogoutDocument,
    "mutation LogoutAll { logoutAll { __typename } }": typeof types.LogoutAllDocument,
    "query AuthCacheSessions { sessions { id current } }": typeof types.AuthCacheSessionsDocument,
    "mutation Revoke($input: RevokeSessionInput!) { revokeSession(input: $input) { __typename } }": typeof types.RevokeDocument,
    "mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }": typeof types.SetPasswordDocument,
    "mutation AuthCacheUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }": typeof types.AuthCacheUpdateUserDocument,
    "mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }": typeof types.DeleteMeTypenameDocument,
    "mutation AuthCacheJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }": typeof types.AuthCacheJwtCreateDocument,
    "query AuthCacheMe { me { id isStaff } }": typeof types.AuthCacheMeDocument,
    "query Users { users(first: 10) { edges { node { id } } } }": typeof types.UsersDocument,
    "mutation BreachedPasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { code message fieldErrors { field code message } } }\n}": typeof types.BreachedPasswordsSetPasswordDocument,
    "query CliMe { me { email isActive isStaff isSuperuser } }": typeof types.CliMeDocument,
    "mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }": typeof types.LDocument,
    "mutation R($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }": typeof types.RDocument,
    "query MeId { me { id } }": typeof types.MeIdDocument,
    "mutation ConcurrencyLogin($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }": typeof types.ConcurrencyLoginDocument,
    "mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }": typeof types.RegisterUserIdDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id email isActive isStaff isSuperuser dateJoined lastLogin } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.RegisterDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": typeof types.LoginDocument,
    "mutation Activate($input: ActivateInput!) {\n  activate(input: $input) {\n    __typename\n    ... on ActivateSuccess { token user { id isActive } }\n    ... on Error { code message }\n  }\n}": typeof types.ActivateDocument,
    "query Me { me { id email isActive lastLogin } }": typeof types.MeDocument,
    "mutation ResetPasswordConfirm($input: ResetPasswordConfirmInput!) {\n  resetPasswordConfirm(input: $input) {\n    __typename\n    ... on ResetPasswordConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.ResetPasswordConfirmDocument,
    "mutation ResetEmailConfirm($input: ResetEmailConfirmInput!) {\n  resetEmailConfirm(input: $input) {\n    __typename\n    ... on ResetEmailConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.ResetEmailConfirmDocument,
    "mutation ConfirmEmailChange($input: ConfirmEmailChangeInput!) {\n  confirmEmailChange(input: $input) {\n    __typename\n    ... on ConfirmEmailChangeSuccess { user { id email pendingEmail } }\n    ... on AuthError { code message }\n  }\n}": typeof types.ConfirmEmailChangeDocument,
    "mutation TotpSetup($input: TotpSetupInput!) {\n  totpSetup(input: $input) {\n    __typename\n    ... on TotpSetupSuccess { secret uri qrCodeSvg }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}": typeof types.TotpSetupDocument,
    "mutation TotpEnable($input: TotpEnableInput!) {\n  totpEnable(input: $input) {\n    __typename\n    ... on TotpEnableSuccess { recoveryCodes }\n    ... on AuthError { code message }\n  }\n}": typeof types.TotpEnableDocument,
    "mutation TotpDisable($input: TotpDisableInput!) {\n  totpDisable(input: $input) {\n    __typename\n    ... on TotpDisableSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": typeof types.TotpDisableDocument,
    "mutation RegenerateRecoveryCodes($input: RegenerateRecoveryCodesInput!) {\n  regenerateRecoveryCodes(input: $input) {\n    __typename\n    ... on RegenerateRecoveryCodesSuccess { recoveryCodes }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}": typeof types.RegenerateRecoveryCodesDocument,
    "mutation LoginWithMfa($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}": typeof types.LoginWithMfaDocument,
    "mutation JwtCreateWithMfa($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}": typeof types.JwtCreateWithMfaDocument,
    "mutation VerifyMfa($input: VerifyMfaInput!) {\n  verifyMfa(input: $input) {\n    __typename\n    ... on VerifyMfaSuccess { token access refresh user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}": typeof types.VerifyMfaDocument,
    "mutation HooksRegister($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.HooksRegisterDocument,
    "mutation HooksSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email } } } }": typeof types.HooksSetEmailDocument,
    "mutation HooksDeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }": typeof types.HooksDeleteUserDocument,
    "query HooksMe { me { id email } }": typeof types.HooksMeDocument,
    "query Typename { __typename }": typeof types.TypenameDocument,
    "mutation JourneyLogout { logout { __typename ... on LogoutSuccess { ok } } }": typeof types.JourneyLogoutDocument,
    "mutation JwtJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on Error { code message }\n  }\n}": typeof types.JwtJwtCreateDocument,
    "mutation JwtJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) {\n    __typename\n    ... on JwtRefreshSuccess { access refresh }\n    ... on AuthError { code message }\n  }\n}": typeof types.JwtJwtRefreshDocument,
    "mutation JwtVerify($input: JwtVerifyInput!) {\n  jwtVerify(input: $input) {\n    __typename\n    ... on JwtVerifySuccess { ok }\n    ... on AuthError { code message }\n  }\n}": typeof types.JwtVerifyDocument,
    "mutation JwtSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": typeof types.JwtSetPasswordDocument,
    "mutation JwtDeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": typeof types.JwtDeleteMeDocument,
    "mutation LockoutCeilingResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename } }": typeof types.LockoutCeilingResetEmailDocument,
    "mutation LockoutCeilingPasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on AuthError { code } } }": typeof types.LockoutCeilingPasskeyLoginDocument,
    "mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }": typeof types.RegistrationOptionsDocument,
    "mutation LoginFieldSetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.LoginFieldSetEmailDocument,
    "mutation LoginFieldResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) {\n    __typename\n    ... on ResetEmailSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.LoginFieldResetEmailDocument,
    "mutation LoginFieldResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } }\n}": typeof types.LoginFieldResetPasswordDocument,
    "mutation LoginFieldSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}": typeof types.LoginFieldSetPasswordDocument,
    "query MutationFields { __schema { mutationType { fields { name } } } }": typeof types.MutationFieldsDocument,
    "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}": typeof types.InputFieldsDocument,
    "mutation OauthStart($input: OAuthStartInput!) { oauthStart(input: $input) { ... on OAuthStartSuccess { authorizationUrl } } }": typeof types.OauthStartDocument,
    "mutation OauthCallback($input: OAuthCallbackInput!) { oauthCallback(input: $input) {\n      __typename ... on OAuthCallbackSuccess { token created user { email } } ... on AuthError { code message } } }": typeof types.OauthCallbackDocument,
    "query OauthProviders { oauthProviders { name label } }": typeof types.OauthProvidersDocument,
    "mutation OAuthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) {\n    __typename\n    ... on OAuthStartSuccess { authorizationUrl state }\n    ... on AuthError { code message }\n  }\n}": typeof types.OAuthStartDocument,
    "mutation OAuthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) {\n    __typename\n    ... on OAuthCallbackSuccess { token created user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code message }\n  }\n}": typeof types.OAuthCallbackDocument,
    "mutation OAuthUnlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code message } }\n}": typeof types.OAuthUnlinkDocument,
    "query Linked { me { email linkedAccounts { provider email linkedAt } } }": typeof types.LinkedDocument,
    "query Proven { me { email emailVerified linkedAccounts { provider } } }": typeof types.ProvenDocument,
    "mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }": typeof types.LoginTypenameDocument,
    "mutation OutboxResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) { __typename ... on ResendActivationSuccess { ok } ... on Error { code message } }\n}": typeof types.OutboxResendActivationDocument,
    "mutation OutboxResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } ... on Error { code message } }\n}": typeof types.OutboxResetPasswordDocument,
    "mutation PasskeysRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) {\n    __typename\n    ... on PasskeyRegisterSuccess { passkey { id name createdAt lastUsedAt } }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.PasskeysRegisterDocument,
    "mutation PasskeysPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}": typeof types.PasskeysPasskeyLoginDocument,
    "mutation Remove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) {\n    __typename\n    ... on PasskeyRemoveSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.RemoveDocument,
    "query User($id: ID!) { user(id: $id) { email passkeys { id } } }": typeof types.UserDocument,
    "mutation RequestLoginCode($input: RequestLoginCodeInput!) {\n  requestLoginCode(input: $input) { __typename ... on RequestLoginCodeSuccess { ok } ... on Error { code message } }\n}": typeof types.RequestLoginCodeDocument,
    "query PasswordlessMe { me { email emailVerified } }": typeof types.PasswordlessMeDocument,
    "mutation PasswordlessLogin2($input: LoginInput!) { login(input: $input) { __typename ... on AuthError { code } } }": typeof types.PasswordlessLogin2Document,
    "mutation PasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.PasswordsSetPasswordDocument,
    "mutation PasswordsResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) {\n    __typename\n    ... on ResetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": typeof types.PasswordsResetPasswordDocument,
    "mutation PasswordsResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } }\n}": typeof types.PasswordsResetEmailDocument,
    "query TypeFields($name: String!) {\n  __type(name: $name) {\n    fields { name }\n    inputFields { name type { kind name ofType { name } } }\n  }\n}": typeof types.TypeFieldsDocument,
    "query PermissionsUsers($first: Int, $after: String) {\n  users(first: $first, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } }\n}": typeof types.PermissionsUsersDocument,
    "mutation PermissionsDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) {\n    __typename\n    ... on DeleteUserSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": typeof types.PermissionsDeleteUserDocument,
    "mutation PermissionsJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } }\n}": typeof types.PermissionsJwtCreateDocument,
    "mutation PermissionsJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code message } }\n}": typeof types.PermissionsJwtRefreshDocument,
    "query ProvenAddressProven { me { email pendingEmail emailVerified } }": typeof types.ProvenAddressProvenDocument,
    "mutation ProvenAddressUpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { email pendingEmail emailVerified } } } }": typeof types.ProvenAddressUpdateMeDocument,
    "mutation ProvenAddressUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email emailVerified } } } }": typeof types.ProvenAddressUpdateUserDocument,
    "mutation ProvenAddressSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email emailVerified } } } }": typeof types.ProvenAddressSetEmailDocument,
    "mutation RegisteredUser($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id emailVerified } } } }": typeof types.RegisteredUserDocument,
    "mutation ResendActivationCode($input: ResendActivationInput!) { resendActivation(input: $input) { __typename ... on Error { code } } }": typeof types.ResendActivationCodeDocument,
    "mutation ResetPasswordCode($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }": typeof types.ResetPasswordCodeDocument,
    "mutation ResetEmailCode($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on Error { code } } }": typeof types.ResetEmailCodeDocument,
    "mutation Reauthenticate($input: ReauthenticateInput!) {\n  reauthenticate(input: $input) {\n    __typename\n    ... on ReauthenticateSuccess { ok access }\n    ... on AuthError { code message }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": typeof types.ReauthenticateDocument,
    "mutation ReauthenticationRegistrationOptions { passkeyRegistrationOptions {\n  __typename ... on PasskeyRegistrationOptionsSuccess { options } ... on AuthError { code message } } }": typeof types.ReauthenticationRegistrationOptionsDocument,
    "mutation ReauthenticationRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) { __typename ... on PasskeyRegisterSuccess { passkey { id name } } ... on AuthError { code } ... on ValidationError { code } }\n}": typeof types.ReauthenticationRegisterDocument,
    "mutation ReauthenticationRemove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) { __typename ... on PasskeyRemoveSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}": typeof types.ReauthenticationRemoveDocument,
    "mutation ReauthenticationPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code }\n  }\n}": typeof types.ReauthenticationPasskeyLoginDocument,
    "mutation ReauthenticationOauthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) { __typename ... on OAuthStartSuccess { authorizationUrl state } ... on AuthError { code message } }\n}": typeof types.ReauthenticationOauthStartDocument,
    "mutation ReauthenticationOauthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) { __typename ... on OAuthCallbackSuccess { token user { id } } ... on AuthError { code message } }\n}": typeof types.ReauthenticationOauthCallbackDocument,
    "mutation Unlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code } }\n}": typeof types.UnlinkDocument,
    "mutation ReauthenticationSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}": typeof types.ReauthenticationSetPasswordDocument,
    "mutation ReauthenticationJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } }\n}": typeof types.ReauthenticationJwtCreateDocument,
    "mutation ReauthenticationJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } }\n}": typeof types.ReauthenticationJwtRefreshDocument,
    "query MeWaysIn { me { passkeys { name } linkedAccounts { provider } twoFactorEnabled } }": typeof types.MeWaysInDocument,
    "mutation ReauthenticationVerifyMfa($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename ... on VerifyMfaSuccess { token } } }": typeof types.ReauthenticationVerifyMfaDocument,
    "mutation ReauthenticationUpdateSelf($input: UpdateUserInput!) {\n        updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email pendingEmail } } ... on AuthError { code } ... on ValidationError { code } }\n      }": typeof types.ReauthenticationUpdateSelfDocument,
    "mutation ReauthenticationReauthenticate { a: reauthenticate(input: { password: \"guess one\" }) { __typename } b: reauthenticate(input: { password: \"guess two\" }) { __typename } }": typeof types.ReauthenticationReauthenticateDocument,
    "mutation SpaLoginLinkRequestLoginCode($input: RequestLoginCodeInput!) { requestLoginCode(input: $input) { __typename } }": typeof types.SpaLoginLinkRequestLoginCodeDocument,
    "mutation LoginWithLink($input: LoginWithLinkInput!) { loginWithLink(input: $input) { __typename ... on AuthError { code } } }": typeof types.LoginWithLinkDocument,
    "query SpaSecurityMe { me { email twoFactorEnabled } }": typeof types.SpaSecurityMeDocument,
    "query SpaSecurityMe2 { me { id passkeys { name lastUsedAt } } }": typeof types.SpaSecurityMe2Document,
    "query SpaMe2 { me { email linkedAccounts { provider } } }": typeof types.SpaMe2Document,
    "query Me2fa { me { id email twoFactorEnabled lastLogin } }": typeof types.Me2faDocument,
    "mutation TwoFactorJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename } }": typeof types.TwoFactorJwtRefreshDocument,
    "mutation TwoFactorVerifyMfa($a: VerifyMfaInput!, $b: VerifyMfaInput!) {\n        a: verifyMfa(input: $a) { __typename }\n        b: verifyMfa(input: $b) { __typename }\n      }": typeof types.TwoFactorVerifyMfaDocument,
    "query UserIds { users(first: 10) { edges { node { id } } } }": typeof types.UserIdsDocument,
    "query UserEmail($id: ID!) { user(id: $id) { id email } }": typeof types.UserEmailDocument,
    "mutation UpdateUserTypename($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }": typeof types.UpdateUserTypenameDocument,
    "mutation DeleteUserTypename($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }": typeof types.DeleteUserTypenameDocument,
    "query Type { __type(name: \"User\") { fields { name type { kind name ofType { name } } } } }": typeof types.TypeDocument,
    "query UsernameLoginType { __type(name: \"LoginInput\") { inputFields { name } } }": typeof types.UsernameLoginTypeDocument,
    "query UsersPaginationUsers($first: Int, $after: String, $search: String) {\n  users(first: $first, after: $after, search: $search) {\n    edges { cursor node { id email dateJoined } }\n    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n  }\n}": typeof types.UsersPaginationUsersDocument,
    "query UsersLast($last: Int) { users(last: $last) { edges { node { id } } } }": typeof types.UsersLastDocument,
    "query UsersBefore($before: String) { users(before: $before) { edges { node { id } } } }": typeof types.UsersBeforeDocument,
};
const documents: Documents = {
    "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id email isActive isStaff } } ... on Error { code message } }\n}": types.UpdateUserDocument,
    "mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename ... on Error { code } } }": types.DeleteUserDocument,
    "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.UpdateMeDocument,
    "mutation UpdateSelf($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.UpdateSelfDocument,
    "mutation SetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.SetEmailDocument,
    "mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }\n}": types.AccountTakeoverSetPasswordDocument,
    "mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }": types.ResetPasswordDocument,
    "mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }": types.ResetEmailDocument,
    "mutation AccountTakeoverJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }": types.AccountTakeoverJwtCreateDocument,
    "mutation JwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }": types.JwtRefreshDocument,
    "query MeActive { me { email isActive } }": types.MeActiveDocument,
    "query MeEmails { me { email pendingEmail } }": types.MeEmailsDocument,
    "query MeEmail { me { email } }": types.MeEmailDocument,
    "mutation AccountTakeoverActivate($input: ActivateInput!) { activate(input: $input) { __typename ... on Error { code } } }": types.AccountTakeoverActivateDocument,
    "query Sessions { sessions { id } }": types.SessionsDocument,
    "mutation AccountTakeoverResetPassword { resetPassword(input: { email: \"prefixed@example.com\" }) { __typename } }": types.AccountTakeoverResetPasswordDocument,
    "mutation DeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.DeleteMeDocument,
    "mutation AccountUpdateMe { updateMe(input: {}) { __typename } }": types.AccountUpdateMeDocument,
    "mutation ResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) {\n    __typename\n    ... on ResendActivationSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": types.ResendActivationDocument,
    "mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }": types.ResetPasswordTypenameDocument,
    "mutation AtRestResetPasswordConfirm($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }": types.AtRestResetPasswordConfirmDocument,
    "mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }": types.SetPasswordCheckedDocument,
    "mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }": types.JwtCreateDocument,
    "mutation AtRestJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } } }": types.AtRestJwtRefreshDocument,
    "mutation PasskeyRegistrationOptions { passkeyRegistrationOptions { ... on PasskeyRegistrationOptionsSuccess { options } } }": types.PasskeyRegistrationOptionsDocument,
    "mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }": types.PasskeyRegisterDocument,
    "mutation PasskeyLoginOptions { passkeyLoginOptions { ... on PasskeyLoginOptionsSuccess { options } } }": types.PasskeyLoginOptionsDocument,
    "mutation PasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on PasskeyLoginSuccess { token } } }": types.PasskeyLoginDocument,
    "mutation AuditSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } }\n}": types.AuditSetPasswordDocument,
    "mutation AuditDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) { __typename ... on DeleteUserSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}": types.AuditDeleteUserDocument,
    "query AuditMe { me { auditEvents { edges { node { id } } } } }": types.AuditMeDocument,
    "mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }": types.RegisterTypenameDocument,
    "mutation Logout { logout { __typename } }": types.LogoutDocument,
    "mutation LogoutAll { logoutAll { __typename } }": types.LogoutAllDocument,
    "query AuthCacheSessions { sessions { id current } }": types.AuthCacheSessionsDocument,
    "mutation Revoke($input: RevokeSessionInput!) { revokeSession(input: $input) { __typename } }": types.RevokeDocument,
    "mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }": types.SetPasswordDocument,
    "mutation AuthCacheUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }": types.AuthCacheUpdateUserDocument,
    "mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }": types.DeleteMeTypenameDocument,
    "mutation AuthCacheJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }": types.AuthCacheJwtCreateDocument,
    "query AuthCacheMe { me { id isStaff } }": types.AuthCacheMeDocument,
    "query Users { users(first: 10) { edges { node { id } } } }": types.UsersDocument,
    "mutation BreachedPasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { code message fieldErrors { field code message } } }\n}": types.BreachedPasswordsSetPasswordDocument,
    "query CliMe { me { email isActive isStaff isSuperuser } }": types.CliMeDocument,
    "mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }": types.LDocument,
    "mutation R($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }": types.RDocument,
    "query MeId { me { id } }": types.MeIdDocument,
    "mutation ConcurrencyLogin($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }": types.ConcurrencyLoginDocument,
    "mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }": types.RegisterUserIdDocument,
    "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id email isActive isStaff isSuperuser dateJoined lastLogin } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.RegisterDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": types.LoginDocument,
    "mutation Activate($input: ActivateInput!) {\n  activate(input: $input) {\n    __typename\n    ... on ActivateSuccess { token user { id isActive } }\n    ... on Error { code message }\n  }\n}": types.ActivateDocument,
    "query Me { me { id email isActive lastLogin } }": types.MeDocument,
    "mutation ResetPasswordConfirm($input: ResetPasswordConfirmInput!) {\n  resetPasswordConfirm(input: $input) {\n    __typename\n    ... on ResetPasswordConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.ResetPasswordConfirmDocument,
    "mutation ResetEmailConfirm($input: ResetEmailConfirmInput!) {\n  resetEmailConfirm(input: $input) {\n    __typename\n    ... on ResetEmailConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.ResetEmailConfirmDocument,
    "mutation ConfirmEmailChange($input: ConfirmEmailChangeInput!) {\n  confirmEmailChange(input: $input) {\n    __typename\n    ... on ConfirmEmailChangeSuccess { user { id email pendingEmail } }\n    ... on AuthError { code message }\n  }\n}": types.ConfirmEmailChangeDocument,
    "mutation TotpSetup($input: TotpSetupInput!) {\n  totpSetup(input: $input) {\n    __typename\n    ... on TotpSetupSuccess { secret uri qrCodeSvg }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}": types.TotpSetupDocument,
    "mutation TotpEnable($input: TotpEnableInput!) {\n  totpEnable(input: $input) {\n    __typename\n    ... on TotpEnableSuccess { recoveryCodes }\n    ... on AuthError { code message }\n  }\n}": types.TotpEnableDocument,
    "mutation TotpDisable($input: TotpDisableInput!) {\n  totpDisable(input: $input) {\n    __typename\n    ... on TotpDisableSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}": types.TotpDisableDocument,
    "mutation RegenerateRecoveryCodes($input: RegenerateRecoveryCodesInput!) {\n  regenerateRecoveryCodes(input: $input) {\n    __typename\n    ... on RegenerateRecoveryCodesSuccess { recoveryCodes }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}": types.RegenerateRecoveryCodesDocument,
    "mutation LoginWithMfa($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}": types.LoginWithMfaDocument,
    "mutation JwtCreateWithMfa($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}": types.JwtCreateWithMfaDocument,
    "mutation VerifyMfa($input: VerifyMfaInput!) {\n  verifyMfa(input: $input) {\n    __typename\n    ... on VerifyMfaSuccess { token access refresh user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}": types.VerifyMfaDocument,
    "mutation HooksRegister($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.HooksRegisterDocument,
    "mutation HooksSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email } } } }": types.HooksSetEmailDocument,
    "mutation HooksDeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }": types.HooksDeleteUserDocument,
    "query HooksMe { me { id email } }": types.HooksMeDocument,
    "query Typename { __typename }": types.TypenameDocument,
    "mutation JourneyLogout { logout { __typename ... on LogoutSuccess { ok } } }": types.JourneyLogoutDocument,
    "mutation JwtJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on Error { code message }\n  }\n}": types.JwtJwtCreateDocument,
    "mutation JwtJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) {\n    __typename\n    ... on JwtRefreshSuccess { access refresh }\n    ... on AuthError { code message }\n  }\n}": types.JwtJwtRefreshDocument,
    "mutation JwtVerify($input: JwtVerifyInput!) {\n  jwtVerify(input: $input) {\n    __typename\n    ... on JwtVerifySuccess { ok }\n    ... on AuthError { code message }\n  }\n}": types.JwtVerifyDocument,
    "mutation JwtSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": types.JwtSetPasswordDocument,
    "mutation JwtDeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": types.JwtDeleteMeDocument,
    "mutation LockoutCeilingResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename } }": types.LockoutCeilingResetEmailDocument,
    "mutation LockoutCeilingPasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on AuthError { code } } }": types.LockoutCeilingPasskeyLoginDocument,
    "mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }": types.RegistrationOptionsDocument,
    "mutation LoginFieldSetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.LoginFieldSetEmailDocument,
    "mutation LoginFieldResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) {\n    __typename\n    ... on ResetEmailSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.LoginFieldResetEmailDocument,
    "mutation LoginFieldResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } }\n}": types.LoginFieldResetPasswordDocument,
    "mutation LoginFieldSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}": types.LoginFieldSetPasswordDocument,
    "query MutationFields { __schema { mutationType { fields { name } } } }": types.MutationFieldsDocument,
    "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}": types.InputFieldsDocument,
    "mutation OauthStart($input: OAuthStartInput!) { oauthStart(input: $input) { ... on OAuthStartSuccess { authorizationUrl } } }": types.OauthStartDocument,
    "mutation OauthCallback($input: OAuthCallbackInput!) { oauthCallback(input: $input) {\n      __typename ... on OAuthCallbackSuccess { token created user { email } } ... on AuthError { code message } } }": types.OauthCallbackDocument,
    "query OauthProviders { oauthProviders { name label } }": types.OauthProvidersDocument,
    "mutation OAuthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) {\n    __typename\n    ... on OAuthStartSuccess { authorizationUrl state }\n    ... on AuthError { code message }\n  }\n}": types.OAuthStartDocument,
    "mutation OAuthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) {\n    __typename\n    ... on OAuthCallbackSuccess { token created user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code message }\n  }\n}": types.OAuthCallbackDocument,
    "mutation OAuthUnlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code message } }\n}": types.OAuthUnlinkDocument,
    "query Linked { me { email linkedAccounts { provider email linkedAt } } }": types.LinkedDocument,
    "query Proven { me { email emailVerified linkedAccounts { provider } } }": types.ProvenDocument,
    "mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }": types.LoginTypenameDocument,
    "mutation OutboxResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) { __typename ... on ResendActivationSuccess { ok } ... on Error { code message } }\n}": types.OutboxResendActivationDocument,
    "mutation OutboxResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } ... on Error { code message } }\n}": types.OutboxResetPasswordDocument,
    "mutation PasskeysRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) {\n    __typename\n    ... on PasskeyRegisterSuccess { passkey { id name createdAt lastUsedAt } }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.PasskeysRegisterDocument,
    "mutation PasskeysPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}": types.PasskeysPasskeyLoginDocument,
    "mutation Remove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) {\n    __typename\n    ... on PasskeyRemoveSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.RemoveDocument,
    "query User($id: ID!) { user(id: $id) { email passkeys { id } } }": types.UserDocument,
    "mutation RequestLoginCode($input: RequestLoginCodeInput!) {\n  requestLoginCode(input: $input) { __typename ... on RequestLoginCodeSuccess { ok } ... on Error { code message } }\n}": types.RequestLoginCodeDocument,
    "query PasswordlessMe { me { email emailVerified } }": types.PasswordlessMeDocument,
    "mutation PasswordlessLogin2($input: LoginInput!) { login(input: $input) { __typename ... on AuthError { code } } }": types.PasswordlessLogin2Document,
    "mutation PasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.PasswordsSetPasswordDocument,
    "mutation PasswordsResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) {\n    __typename\n    ... on ResetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}": types.PasswordsResetPasswordDocument,
    "mutation PasswordsResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } }\n}": types.PasswordsResetEmailDocument,
    "query TypeFields($name: String!) {\n  __type(name: $name) {\n    fields { name }\n    inputFields { name type { kind name ofType { name } } }\n  }\n}": types.TypeFieldsDocument,
    "query PermissionsUsers($first: Int, $after: String) {\n  users(first: $first, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } }\n}": types.PermissionsUsersDocument,
    "mutation PermissionsDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) {\n    __typename\n    ... on DeleteUserSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}": types.PermissionsDeleteUserDocument,
    "mutation PermissionsJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } }\n}": types.PermissionsJwtCreateDocument,
    "mutation PermissionsJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code message } }\n}": types.PermissionsJwtRefreshDocument,
    "query ProvenAddressProven { me { email pendingEmail emailVerified } }": types.ProvenAddressProvenDocument,
    "mutation ProvenAddressUpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { email pendingEmail emailVerified } } } }": types.ProvenAddressUpdateMeDocument,
    "mutation ProvenAddressUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email emailVerified } } } }": types.ProvenAddressUpdateUserDocument,
    "mutation ProvenAddressSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email emailVerified } } } }": types.ProvenAddressSetEmailDocument,
    "mutation RegisteredUser($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id emailVerified } } } }": types.RegisteredUserDocument,
    "mutation ResendActivationCode($input: ResendActivationInput!) { resendActivation(input: $input) { __typename ... on Error { code } } }": types.ResendActivationCodeDocument,
    "mutation ResetPasswordCode($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }": types.ResetPasswordCodeDocument,
    "mutation ResetEmailCode($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on Error { code } } }": types.ResetEmailCodeDocument,
    "mutation Reauthenticate($input: ReauthenticateInput!) {\n  reauthenticate(input: $input) {\n    __typename\n    ... on ReauthenticateSuccess { ok access }\n    ... on AuthError { code message }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}": types.ReauthenticateDocument,
    "mutation ReauthenticationRegistrationOptions { passkeyRegistrationOptions {\n  __typename ... on PasskeyRegistrationOptionsSuccess { options } ... on AuthError { code message } } }": types.ReauthenticationRegistrationOptionsDocument,
    "mutation ReauthenticationRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) { __typename ... on PasskeyRegisterSuccess { passkey { id name } } ... on AuthError { code } ... on ValidationError { code } }\n}": types.ReauthenticationRegisterDocument,
    "mutation ReauthenticationRemove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) { __typename ... on PasskeyRemoveSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}": types.ReauthenticationRemoveDocument,
    "mutation ReauthenticationPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code }\n  }\n}": types.ReauthenticationPasskeyLoginDocument,
    "mutation ReauthenticationOauthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) { __typename ... on OAuthStartSuccess { authorizationUrl state } ... on AuthError { code message } }\n}": types.ReauthenticationOauthStartDocument,
    "mutation ReauthenticationOauthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) { __typename ... on OAuthCallbackSuccess { token user { id } } ... on AuthError { code message } }\n}": types.ReauthenticationOauthCallbackDocument,
    "mutation Unlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code } }\n}": types.UnlinkDocument,
    "mutation ReauthenticationSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}": types.ReauthenticationSetPasswordDocument,
    "mutation ReauthenticationJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } }\n}": types.ReauthenticationJwtCreateDocument,
    "mutation ReauthenticationJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } }\n}": types.ReauthenticationJwtRefreshDocument,
    "query MeWaysIn { me { passkeys { name } linkedAccounts { provider } twoFactorEnabled } }": types.MeWaysInDocument,
    "mutation ReauthenticationVerifyMfa($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename ... on VerifyMfaSuccess { token } } }": types.ReauthenticationVerifyMfaDocument,
    "mutation ReauthenticationUpdateSelf($input: UpdateUserInput!) {\n        updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email pendingEmail } } ... on AuthError { code } ... on ValidationError { code } }\n      }": types.ReauthenticationUpdateSelfDocument,
    "mutation ReauthenticationReauthenticate { a: reauthenticate(input: { password: \"guess one\" }) { __typename } b: reauthenticate(input: { password: \"guess two\" }) { __typename } }": types.ReauthenticationReauthenticateDocument,
    "mutation SpaLoginLinkRequestLoginCode($input: RequestLoginCodeInput!) { requestLoginCode(input: $input) { __typename } }": types.SpaLoginLinkRequestLoginCodeDocument,
    "mutation LoginWithLink($input: LoginWithLinkInput!) { loginWithLink(input: $input) { __typename ... on AuthError { code } } }": types.LoginWithLinkDocument,
    "query SpaSecurityMe { me { email twoFactorEnabled } }": types.SpaSecurityMeDocument,
    "query SpaSecurityMe2 { me { id passkeys { name lastUsedAt } } }": types.SpaSecurityMe2Document,
    "query SpaMe2 { me { email linkedAccounts { provider } } }": types.SpaMe2Document,
    "query Me2fa { me { id email twoFactorEnabled lastLogin } }": types.Me2faDocument,
    "mutation TwoFactorJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename } }": types.TwoFactorJwtRefreshDocument,
    "mutation TwoFactorVerifyMfa($a: VerifyMfaInput!, $b: VerifyMfaInput!) {\n        a: verifyMfa(input: $a) { __typename }\n        b: verifyMfa(input: $b) { __typename }\n      }": types.TwoFactorVerifyMfaDocument,
    "query UserIds { users(first: 10) { edges { node { id } } } }": types.UserIdsDocument,
    "query UserEmail($id: ID!) { user(id: $id) { id email } }": types.UserEmailDocument,
    "mutation UpdateUserTypename($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }": types.UpdateUserTypenameDocument,
    "mutation DeleteUserTypename($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }": types.DeleteUserTypenameDocument,
    "query Type { __type(name: \"User\") { fields { name type { kind name ofType { name } } } } }": types.TypeDocument,
    "query UsernameLoginType { __type(name: \"LoginInput\") { inputFields { name } } }": types.UsernameLoginTypeDocument,
    "query UsersPaginationUsers($first: Int, $after: String, $search: String) {\n  users(first: $first, after: $after, search: $search) {\n    edges { cursor node { id email dateJoined } }\n    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n  }\n}": types.UsersPaginationUsersDocument,
    "query UsersLast($last: Int) { users(last: $last) { edges { node { id } } } }": types.UsersLastDocument,
    "query UsersBefore($before: String) { users(before: $before) { edges { node { id } } } }": types.UsersBeforeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id email isActive isStaff } } ... on Error { code message } }\n}"): (typeof documents)["mutation UpdateUser($input: UpdateUserInput!) {\n  updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { id email isActive isStaff } } ... on Error { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation DeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation UpdateMe($input: UpdateMeInput!) {\n  updateMe(input: $input) {\n    __typename\n    ... on UpdateMeSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateSelf($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation UpdateSelf($input: UpdateUserInput!) {\n  updateUser(input: $input) {\n    __typename\n    ... on UpdateUserSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation SetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email pendingEmail } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }\n}"): (typeof documents)["mutation AccountTakeoverSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code message } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }"): (typeof documents)["mutation ResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }"): (typeof documents)["mutation ResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountTakeoverJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }"): (typeof documents)["mutation AccountTakeoverJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }"): (typeof documents)["mutation JwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeActive { me { email isActive } }"): (typeof documents)["query MeActive { me { email isActive } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeEmails { me { email pendingEmail } }"): (typeof documents)["query MeEmails { me { email pendingEmail } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeEmail { me { email } }"): (typeof documents)["query MeEmail { me { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountTakeoverActivate($input: ActivateInput!) { activate(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation AccountTakeoverActivate($input: ActivateInput!) { activate(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Sessions { sessions { id } }"): (typeof documents)["query Sessions { sessions { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountTakeoverResetPassword { resetPassword(input: { email: \"prefixed@example.com\" }) { __typename } }"): (typeof documents)["mutation AccountTakeoverResetPassword { resetPassword(input: { email: \"prefixed@example.com\" }) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation DeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccountUpdateMe { updateMe(input: {}) { __typename } }"): (typeof documents)["mutation AccountUpdateMe { updateMe(input: {}) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) {\n    __typename\n    ... on ResendActivationSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation ResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) {\n    __typename\n    ... on ResendActivationSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }"): (typeof documents)["mutation ResetPasswordTypename($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtRestResetPasswordConfirm($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation AtRestResetPasswordConfirm($input: ResetPasswordConfirmInput!) { resetPasswordConfirm(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }"): (typeof documents)["mutation SetPasswordChecked($input: SetPasswordInput!) { setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }"): (typeof documents)["mutation JwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AtRestJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } } }"): (typeof documents)["mutation AtRestJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeyRegistrationOptions { passkeyRegistrationOptions { ... on PasskeyRegistrationOptionsSuccess { options } } }"): (typeof documents)["mutation PasskeyRegistrationOptions { passkeyRegistrationOptions { ... on PasskeyRegistrationOptionsSuccess { options } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }"): (typeof documents)["mutation PasskeyRegister($input: PasskeyRegisterInput!) { passkeyRegister(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeyLoginOptions { passkeyLoginOptions { ... on PasskeyLoginOptionsSuccess { options } } }"): (typeof documents)["mutation PasskeyLoginOptions { passkeyLoginOptions { ... on PasskeyLoginOptionsSuccess { options } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on PasskeyLoginSuccess { token } } }"): (typeof documents)["mutation PasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on PasskeyLoginSuccess { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } }\n}"): (typeof documents)["mutation AuditSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on ValidationError { fieldErrors { field code } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuditDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) { __typename ... on DeleteUserSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}"): (typeof documents)["mutation AuditDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) { __typename ... on DeleteUserSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditMe { me { auditEvents { edges { node { id } } } } }"): (typeof documents)["query AuditMe { me { auditEvents { edges { node { id } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }"): (typeof documents)["mutation RegisterTypename($input: RegisterInput!) { register(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout { __typename } }"): (typeof documents)["mutation Logout { logout { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LogoutAll { logoutAll { __typename } }"): (typeof documents)["mutation LogoutAll { logoutAll { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthCacheSessions { sessions { id current } }"): (typeof documents)["query AuthCacheSessions { sessions { id current } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Revoke($input: RevokeSessionInput!) { revokeSession(input: $input) { __typename } }"): (typeof documents)["mutation Revoke($input: RevokeSessionInput!) { revokeSession(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"): (typeof documents)["mutation SetPassword($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthCacheUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }"): (typeof documents)["mutation AuthCacheUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }"): (typeof documents)["mutation DeleteMeTypename($input: DeleteMeInput!) { deleteMe(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AuthCacheJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }"): (typeof documents)["mutation AuthCacheJwtCreate($input: JwtCreateInput!) { jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuthCacheMe { me { id isStaff } }"): (typeof documents)["query AuthCacheMe { me { id isStaff } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Users { users(first: 10) { edges { node { id } } } }"): (typeof documents)["query Users { users(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BreachedPasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { code message fieldErrors { field code message } } }\n}"): (typeof documents)["mutation BreachedPasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { code message fieldErrors { field code message } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CliMe { me { email isActive isStaff isSuperuser } }"): (typeof documents)["query CliMe { me { email isActive isStaff isSuperuser } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }"): (typeof documents)["mutation L($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation R($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }"): (typeof documents)["mutation R($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeId { me { id } }"): (typeof documents)["query MeId { me { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConcurrencyLogin($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }"): (typeof documents)["mutation ConcurrencyLogin($input: LoginInput!) { login(input: $input) { __typename ... on LoginSuccess { token user { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }"): (typeof documents)["mutation RegisterUserId($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id isActive } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id email isActive isStaff isSuperuser dateJoined lastLogin } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { token user { id email isActive isStaff isSuperuser dateJoined lastLogin } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Activate($input: ActivateInput!) {\n  activate(input: $input) {\n    __typename\n    ... on ActivateSuccess { token user { id isActive } }\n    ... on Error { code message }\n  }\n}"): (typeof documents)["mutation Activate($input: ActivateInput!) {\n  activate(input: $input) {\n    __typename\n    ... on ActivateSuccess { token user { id isActive } }\n    ... on Error { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { me { id email isActive lastLogin } }"): (typeof documents)["query Me { me { id email isActive lastLogin } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPasswordConfirm($input: ResetPasswordConfirmInput!) {\n  resetPasswordConfirm(input: $input) {\n    __typename\n    ... on ResetPasswordConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation ResetPasswordConfirm($input: ResetPasswordConfirmInput!) {\n  resetPasswordConfirm(input: $input) {\n    __typename\n    ... on ResetPasswordConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetEmailConfirm($input: ResetEmailConfirmInput!) {\n  resetEmailConfirm(input: $input) {\n    __typename\n    ... on ResetEmailConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation ResetEmailConfirm($input: ResetEmailConfirmInput!) {\n  resetEmailConfirm(input: $input) {\n    __typename\n    ... on ResetEmailConfirmSuccess { ok }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ConfirmEmailChange($input: ConfirmEmailChangeInput!) {\n  confirmEmailChange(input: $input) {\n    __typename\n    ... on ConfirmEmailChangeSuccess { user { id email pendingEmail } }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation ConfirmEmailChange($input: ConfirmEmailChangeInput!) {\n  confirmEmailChange(input: $input) {\n    __typename\n    ... on ConfirmEmailChangeSuccess { user { id email pendingEmail } }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TotpSetup($input: TotpSetupInput!) {\n  totpSetup(input: $input) {\n    __typename\n    ... on TotpSetupSuccess { secret uri qrCodeSvg }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation TotpSetup($input: TotpSetupInput!) {\n  totpSetup(input: $input) {\n    __typename\n    ... on TotpSetupSuccess { secret uri qrCodeSvg }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TotpEnable($input: TotpEnableInput!) {\n  totpEnable(input: $input) {\n    __typename\n    ... on TotpEnableSuccess { recoveryCodes }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation TotpEnable($input: TotpEnableInput!) {\n  totpEnable(input: $input) {\n    __typename\n    ... on TotpEnableSuccess { recoveryCodes }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TotpDisable($input: TotpDisableInput!) {\n  totpDisable(input: $input) {\n    __typename\n    ... on TotpDisableSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation TotpDisable($input: TotpDisableInput!) {\n  totpDisable(input: $input) {\n    __typename\n    ... on TotpDisableSuccess { ok }\n    ... on Error { code message }\n    ... on ValidationError { fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegenerateRecoveryCodes($input: RegenerateRecoveryCodesInput!) {\n  regenerateRecoveryCodes(input: $input) {\n    __typename\n    ... on RegenerateRecoveryCodesSuccess { recoveryCodes }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation RegenerateRecoveryCodes($input: RegenerateRecoveryCodesInput!) {\n  regenerateRecoveryCodes(input: $input) {\n    __typename\n    ... on RegenerateRecoveryCodesSuccess { recoveryCodes }\n    ... on ValidationError { code message fieldErrors { field code message } }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginWithMfa($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}"): (typeof documents)["mutation LoginWithMfa($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on LoginSuccess { token user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtCreateWithMfa($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}"): (typeof documents)["mutation JwtCreateWithMfa($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on MfaRequired { mfaToken methods }\n    ... on Error { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation VerifyMfa($input: VerifyMfaInput!) {\n  verifyMfa(input: $input) {\n    __typename\n    ... on VerifyMfaSuccess { token access refresh user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation VerifyMfa($input: VerifyMfaInput!) {\n  verifyMfa(input: $input) {\n    __typename\n    ... on VerifyMfaSuccess { token access refresh user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HooksRegister($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation HooksRegister($input: RegisterInput!) {\n  register(input: $input) {\n    __typename\n    ... on RegisterSuccess { user { id email isActive } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HooksSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email } } } }"): (typeof documents)["mutation HooksSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HooksDeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }"): (typeof documents)["mutation HooksDeleteUser($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HooksMe { me { id email } }"): (typeof documents)["query HooksMe { me { id email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Typename { __typename }"): (typeof documents)["query Typename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JourneyLogout { logout { __typename ... on LogoutSuccess { ok } } }"): (typeof documents)["mutation JourneyLogout { logout { __typename ... on LogoutSuccess { ok } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on Error { code message }\n  }\n}"): (typeof documents)["mutation JwtJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) {\n    __typename\n    ... on JwtCreateSuccess { access refresh }\n    ... on Error { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) {\n    __typename\n    ... on JwtRefreshSuccess { access refresh }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation JwtJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) {\n    __typename\n    ... on JwtRefreshSuccess { access refresh }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtVerify($input: JwtVerifyInput!) {\n  jwtVerify(input: $input) {\n    __typename\n    ... on JwtVerifySuccess { ok }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation JwtVerify($input: JwtVerifyInput!) {\n  jwtVerify(input: $input) {\n    __typename\n    ... on JwtVerifySuccess { ok }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"): (typeof documents)["mutation JwtSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation JwtDeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"): (typeof documents)["mutation JwtDeleteMe($input: DeleteMeInput!) {\n  deleteMe(input: $input) {\n    __typename\n    ... on DeleteMeSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockoutCeilingResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename } }"): (typeof documents)["mutation LockoutCeilingResetEmail($input: ResetEmailInput!) { resetEmail(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockoutCeilingPasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on AuthError { code } } }"): (typeof documents)["mutation LockoutCeilingPasskeyLogin($input: PasskeyLoginInput!) { passkeyLogin(input: $input) { __typename ... on AuthError { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }"): (typeof documents)["mutation RegistrationOptions { passkeyRegistrationOptions { __typename ... on PasskeyRegistrationOptionsSuccess { options } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginFieldSetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation LoginFieldSetEmail($input: SetEmailInput!) {\n  setEmail(input: $input) {\n    __typename\n    ... on SetEmailSuccess { user { id email } }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginFieldResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) {\n    __typename\n    ... on ResetEmailSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation LoginFieldResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) {\n    __typename\n    ... on ResetEmailSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginFieldResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } }\n}"): (typeof documents)["mutation LoginFieldResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginFieldSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}"): (typeof documents)["mutation LoginFieldSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on ValidationError { fieldErrors { field code } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MutationFields { __schema { mutationType { fields { name } } } }"): (typeof documents)["query MutationFields { __schema { mutationType { fields { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}"): (typeof documents)["query InputFields($name: String!) {\n  __type(name: $name) { inputFields { name type { kind name ofType { name } } } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OauthStart($input: OAuthStartInput!) { oauthStart(input: $input) { ... on OAuthStartSuccess { authorizationUrl } } }"): (typeof documents)["mutation OauthStart($input: OAuthStartInput!) { oauthStart(input: $input) { ... on OAuthStartSuccess { authorizationUrl } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OauthCallback($input: OAuthCallbackInput!) { oauthCallback(input: $input) {\n      __typename ... on OAuthCallbackSuccess { token created user { email } } ... on AuthError { code message } } }"): (typeof documents)["mutation OauthCallback($input: OAuthCallbackInput!) { oauthCallback(input: $input) {\n      __typename ... on OAuthCallbackSuccess { token created user { email } } ... on AuthError { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OauthProviders { oauthProviders { name label } }"): (typeof documents)["query OauthProviders { oauthProviders { name label } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OAuthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) {\n    __typename\n    ... on OAuthStartSuccess { authorizationUrl state }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation OAuthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) {\n    __typename\n    ... on OAuthStartSuccess { authorizationUrl state }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OAuthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) {\n    __typename\n    ... on OAuthCallbackSuccess { token created user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation OAuthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) {\n    __typename\n    ... on OAuthCallbackSuccess { token created user { id email } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OAuthUnlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code message } }\n}"): (typeof documents)["mutation OAuthUnlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Linked { me { email linkedAccounts { provider email linkedAt } } }"): (typeof documents)["query Linked { me { email linkedAccounts { provider email linkedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Proven { me { email emailVerified linkedAccounts { provider } } }"): (typeof documents)["query Proven { me { email emailVerified linkedAccounts { provider } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }"): (typeof documents)["mutation LoginTypename($input: LoginInput!) { login(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OutboxResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) { __typename ... on ResendActivationSuccess { ok } ... on Error { code message } }\n}"): (typeof documents)["mutation OutboxResendActivation($input: ResendActivationInput!) {\n  resendActivation(input: $input) { __typename ... on ResendActivationSuccess { ok } ... on Error { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OutboxResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } ... on Error { code message } }\n}"): (typeof documents)["mutation OutboxResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) { __typename ... on ResetPasswordSuccess { ok } ... on Error { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeysRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) {\n    __typename\n    ... on PasskeyRegisterSuccess { passkey { id name createdAt lastUsedAt } }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation PasskeysRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) {\n    __typename\n    ... on PasskeyRegisterSuccess { passkey { id name createdAt lastUsedAt } }\n    ... on AuthError { code message }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasskeysPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}"): (typeof documents)["mutation PasskeysPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id email twoFactorEnabled } }\n    ... on AuthError { code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Remove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) {\n    __typename\n    ... on PasskeyRemoveSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation Remove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) {\n    __typename\n    ... on PasskeyRemoveSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query User($id: ID!) { user(id: $id) { email passkeys { id } } }"): (typeof documents)["query User($id: ID!) { user(id: $id) { email passkeys { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RequestLoginCode($input: RequestLoginCodeInput!) {\n  requestLoginCode(input: $input) { __typename ... on RequestLoginCodeSuccess { ok } ... on Error { code message } }\n}"): (typeof documents)["mutation RequestLoginCode($input: RequestLoginCodeInput!) {\n  requestLoginCode(input: $input) { __typename ... on RequestLoginCodeSuccess { ok } ... on Error { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PasswordlessMe { me { email emailVerified } }"): (typeof documents)["query PasswordlessMe { me { email emailVerified } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordlessLogin2($input: LoginInput!) { login(input: $input) { __typename ... on AuthError { code } } }"): (typeof documents)["mutation PasswordlessLogin2($input: LoginInput!) { login(input: $input) { __typename ... on AuthError { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation PasswordsSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) {\n    __typename\n    ... on SetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordsResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) {\n    __typename\n    ... on ResetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation PasswordsResetPassword($input: ResetPasswordInput!) {\n  resetPassword(input: $input) {\n    __typename\n    ... on ResetPasswordSuccess { ok }\n    ... on ValidationError { code message fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PasswordsResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } }\n}"): (typeof documents)["mutation PasswordsResetEmail($input: ResetEmailInput!) {\n  resetEmail(input: $input) { __typename ... on ResetEmailSuccess { ok } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TypeFields($name: String!) {\n  __type(name: $name) {\n    fields { name }\n    inputFields { name type { kind name ofType { name } } }\n  }\n}"): (typeof documents)["query TypeFields($name: String!) {\n  __type(name: $name) {\n    fields { name }\n    inputFields { name type { kind name ofType { name } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PermissionsUsers($first: Int, $after: String) {\n  users(first: $first, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } }\n}"): (typeof documents)["query PermissionsUsers($first: Int, $after: String) {\n  users(first: $first, after: $after) { edges { node { id email } } pageInfo { hasNextPage endCursor } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PermissionsDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) {\n    __typename\n    ... on DeleteUserSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"): (typeof documents)["mutation PermissionsDeleteUser($input: DeleteUserInput!) {\n  deleteUser(input: $input) {\n    __typename\n    ... on DeleteUserSuccess { ok }\n    ... on ValidationError { code fieldErrors { field code message } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PermissionsJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } }\n}"): (typeof documents)["mutation PermissionsJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } ... on Error { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PermissionsJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code message } }\n}"): (typeof documents)["mutation PermissionsJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } ... on Error { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProvenAddressProven { me { email pendingEmail emailVerified } }"): (typeof documents)["query ProvenAddressProven { me { email pendingEmail emailVerified } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProvenAddressUpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { email pendingEmail emailVerified } } } }"): (typeof documents)["mutation ProvenAddressUpdateMe($input: UpdateMeInput!) { updateMe(input: $input) { __typename ... on UpdateMeSuccess { user { email pendingEmail emailVerified } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProvenAddressUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email emailVerified } } } }"): (typeof documents)["mutation ProvenAddressUpdateUser($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email emailVerified } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ProvenAddressSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email emailVerified } } } }"): (typeof documents)["mutation ProvenAddressSetEmail($input: SetEmailInput!) { setEmail(input: $input) { __typename ... on SetEmailSuccess { user { email emailVerified } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RegisteredUser($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id emailVerified } } } }"): (typeof documents)["mutation RegisteredUser($input: RegisterInput!) { register(input: $input) { __typename ... on RegisterSuccess { user { id emailVerified } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResendActivationCode($input: ResendActivationInput!) { resendActivation(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation ResendActivationCode($input: ResendActivationInput!) { resendActivation(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetPasswordCode($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation ResetPasswordCode($input: ResetPasswordInput!) { resetPassword(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResetEmailCode($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on Error { code } } }"): (typeof documents)["mutation ResetEmailCode($input: ResetEmailInput!) { resetEmail(input: $input) { __typename ... on Error { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Reauthenticate($input: ReauthenticateInput!) {\n  reauthenticate(input: $input) {\n    __typename\n    ... on ReauthenticateSuccess { ok access }\n    ... on AuthError { code message }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"): (typeof documents)["mutation Reauthenticate($input: ReauthenticateInput!) {\n  reauthenticate(input: $input) {\n    __typename\n    ... on ReauthenticateSuccess { ok access }\n    ... on AuthError { code message }\n    ... on ValidationError { code fieldErrors { field code } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationRegistrationOptions { passkeyRegistrationOptions {\n  __typename ... on PasskeyRegistrationOptionsSuccess { options } ... on AuthError { code message } } }"): (typeof documents)["mutation ReauthenticationRegistrationOptions { passkeyRegistrationOptions {\n  __typename ... on PasskeyRegistrationOptionsSuccess { options } ... on AuthError { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) { __typename ... on PasskeyRegisterSuccess { passkey { id name } } ... on AuthError { code } ... on ValidationError { code } }\n}"): (typeof documents)["mutation ReauthenticationRegister($input: PasskeyRegisterInput!) {\n  passkeyRegister(input: $input) { __typename ... on PasskeyRegisterSuccess { passkey { id name } } ... on AuthError { code } ... on ValidationError { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationRemove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) { __typename ... on PasskeyRemoveSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}"): (typeof documents)["mutation ReauthenticationRemove($input: PasskeyRemoveInput!) {\n  passkeyRemove(input: $input) { __typename ... on PasskeyRemoveSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code }\n  }\n}"): (typeof documents)["mutation ReauthenticationPasskeyLogin($input: PasskeyLoginInput!) {\n  passkeyLogin(input: $input) {\n    __typename\n    ... on PasskeyLoginSuccess { token user { id } }\n    ... on MfaRequired { mfaToken methods }\n    ... on AuthError { code }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationOauthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) { __typename ... on OAuthStartSuccess { authorizationUrl state } ... on AuthError { code message } }\n}"): (typeof documents)["mutation ReauthenticationOauthStart($input: OAuthStartInput!) {\n  oauthStart(input: $input) { __typename ... on OAuthStartSuccess { authorizationUrl state } ... on AuthError { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationOauthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) { __typename ... on OAuthCallbackSuccess { token user { id } } ... on AuthError { code message } }\n}"): (typeof documents)["mutation ReauthenticationOauthCallback($input: OAuthCallbackInput!) {\n  oauthCallback(input: $input) { __typename ... on OAuthCallbackSuccess { token user { id } } ... on AuthError { code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Unlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code } }\n}"): (typeof documents)["mutation Unlink($input: OAuthUnlinkInput!) {\n  oauthUnlink(input: $input) { __typename ... on OAuthUnlinkSuccess { ok } ... on AuthError { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}"): (typeof documents)["mutation ReauthenticationSetPassword($input: SetPasswordInput!) {\n  setPassword(input: $input) { __typename ... on SetPasswordSuccess { ok } ... on AuthError { code } ... on ValidationError { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } }\n}"): (typeof documents)["mutation ReauthenticationJwtCreate($input: JwtCreateInput!) {\n  jwtCreate(input: $input) { __typename ... on JwtCreateSuccess { access refresh } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } }\n}"): (typeof documents)["mutation ReauthenticationJwtRefresh($input: JwtRefreshInput!) {\n  jwtRefresh(input: $input) { __typename ... on JwtRefreshSuccess { access refresh } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeWaysIn { me { passkeys { name } linkedAccounts { provider } twoFactorEnabled } }"): (typeof documents)["query MeWaysIn { me { passkeys { name } linkedAccounts { provider } twoFactorEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationVerifyMfa($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename ... on VerifyMfaSuccess { token } } }"): (typeof documents)["mutation ReauthenticationVerifyMfa($input: VerifyMfaInput!) { verifyMfa(input: $input) { __typename ... on VerifyMfaSuccess { token } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationUpdateSelf($input: UpdateUserInput!) {\n        updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email pendingEmail } } ... on AuthError { code } ... on ValidationError { code } }\n      }"): (typeof documents)["mutation ReauthenticationUpdateSelf($input: UpdateUserInput!) {\n        updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { email pendingEmail } } ... on AuthError { code } ... on ValidationError { code } }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReauthenticationReauthenticate { a: reauthenticate(input: { password: \"guess one\" }) { __typename } b: reauthenticate(input: { password: \"guess two\" }) { __typename } }"): (typeof documents)["mutation ReauthenticationReauthenticate { a: reauthenticate(input: { password: \"guess one\" }) { __typename } b: reauthenticate(input: { password: \"guess two\" }) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SpaLoginLinkRequestLoginCode($input: RequestLoginCodeInput!) { requestLoginCode(input: $input) { __typename } }"): (typeof documents)["mutation SpaLoginLinkRequestLoginCode($input: RequestLoginCodeInput!) { requestLoginCode(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LoginWithLink($input: LoginWithLinkInput!) { loginWithLink(input: $input) { __typename ... on AuthError { code } } }"): (typeof documents)["mutation LoginWithLink($input: LoginWithLinkInput!) { loginWithLink(input: $input) { __typename ... on AuthError { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpaSecurityMe { me { email twoFactorEnabled } }"): (typeof documents)["query SpaSecurityMe { me { email twoFactorEnabled } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpaSecurityMe2 { me { id passkeys { name lastUsedAt } } }"): (typeof documents)["query SpaSecurityMe2 { me { id passkeys { name lastUsedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpaMe2 { me { email linkedAccounts { provider } } }"): (typeof documents)["query SpaMe2 { me { email linkedAccounts { provider } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me2fa { me { id email twoFactorEnabled lastLogin } }"): (typeof documents)["query Me2fa { me { id email twoFactorEnabled lastLogin } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TwoFactorJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename } }"): (typeof documents)["mutation TwoFactorJwtRefresh($input: JwtRefreshInput!) { jwtRefresh(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TwoFactorVerifyMfa($a: VerifyMfaInput!, $b: VerifyMfaInput!) {\n        a: verifyMfa(input: $a) { __typename }\n        b: verifyMfa(input: $b) { __typename }\n      }"): (typeof documents)["mutation TwoFactorVerifyMfa($a: VerifyMfaInput!, $b: VerifyMfaInput!) {\n        a: verifyMfa(input: $a) { __typename }\n        b: verifyMfa(input: $b) { __typename }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserIds { users(first: 10) { edges { node { id } } } }"): (typeof documents)["query UserIds { users(first: 10) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserEmail($id: ID!) { user(id: $id) { id email } }"): (typeof documents)["query UserEmail($id: ID!) { user(id: $id) { id email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateUserTypename($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }"): (typeof documents)["mutation UpdateUserTypename($input: UpdateUserInput!) { updateUser(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteUserTypename($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }"): (typeof documents)["mutation DeleteUserTypename($input: DeleteUserInput!) { deleteUser(input: $input) { __typename } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Type { __type(name: \"User\") { fields { name type { kind name ofType { name } } } } }"): (typeof documents)["query Type { __type(name: \"User\") { fields { name type { kind name ofType { name } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsernameLoginType { __type(name: \"LoginInput\") { inputFields { name } } }"): (typeof documents)["query UsernameLoginType { __type(name: \"LoginInput\") { inputFields { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersPaginationUsers($first: Int, $after: String, $search: String) {\n  users(first: $first, after: $after, search: $search) {\n    edges { cursor node { id email dateJoined } }\n    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n  }\n}"): (typeof documents)["query UsersPaginationUsers($first: Int, $after: String, $search: String) {\n  users(first: $first, after: $after, search: $search) {\n    edges { cursor node { id email dateJoined } }\n    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersLast($last: Int) { users(last: $last) { edges { node { id } } } }"): (typeof documents)["query UsersLast($last: Int) { users(last: $last) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UsersBefore($before: String) { users(before: $before) { edges { node { id } } } }"): (typeof documents)["query UsersBefore($before: String) { users(before: $before) { edges { node { id } } } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;