// The second factor: verifyMfa (the step after MfaRequired, login.ts), and the caller's TOTP:
// totpSetup, totpEnable, totpDisable, regenerateRecoveryCodes.
import type { ObjectRef } from '@pothos/core';
import type { PublicUser, VerifiedMfa } from '../accounts';
import type { AuthConfig } from '../config';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { issuesSession } from './plugins/session-cookie';

export function addTwoFactor(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  defineMutation(builder, {
    name: 'TotpSetup',
    checksPassword: true,
    description:
      'Starts turning on TOTP: a new secret, pending until totpEnable receives a code from it. FORBIDDEN while TOTP is on. The right password makes the session fresh.',
    input: (t) => ({ currentPassword: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ secret: string; uri: string; qrCodeSvg: string }>((t) => ({
      secret: t.exposeString('secret', { description: 'Base32, for typing into an authenticator app by hand.' }),
      uri: t.exposeString('uri', { description: `The otpauth://totp/ URI (issuer "${config.twoFactor.issuer}").` }),
      qrCodeSvg: t.exposeString('qrCodeSvg', { description: 'The URI as a QR code, an SVG document to scan with the app.' }),
    })),
    resolve: async (input, { authql }) => authql.accounts.totpSetup(await authql.requireCaller(), { currentPassword: input.currentPassword }, authql.meta),
  });

  defineMutation(builder, {
    name: 'TotpEnable',
    checksPassword: true,
    description: 'Turns TOTP on with a code from the pending secret; answers the recovery codes, shown this once. Needs a fresh session.',
    input: (t) => ({ code: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: successFields<{ recoveryCodes: string[] }>((t) => ({
      recoveryCodes: t.exposeStringList('recoveryCodes', { description: 'Ten codes, each usable once instead of a TOTP code.' }),
    })),
    resolve: async (input, { authql }) => authql.accounts.totpEnable(await authql.requireCaller(), { code: input.code }, authql.meta),
  });

  defineMutation(builder, {
    name: 'TotpDisable',
    checksPassword: true,
    description: 'Turns TOTP off; needs a fresh session, the password and a TOTP or recovery code.',
    input: (t) => ({ currentPassword: t.string({ required: true }), code: t.string({ required: true, description: 'A TOTP code or a recovery code.' }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) =>
      authql.accounts.totpDisable(await authql.requireCaller(), { currentPassword: input.currentPassword, code: input.code }, authql.meta),
  });

  defineMutation(builder, {
    name: 'RegenerateRecoveryCodes',
    checksPassword: true,
    description: 'Ten new recovery codes; the old ones stop working. FORBIDDEN while TOTP is off. Needs a fresh session and the password.',
    input: (t) => ({ currentPassword: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ recoveryCodes: string[] }>((t) => ({ recoveryCodes: t.exposeStringList('recoveryCodes') })),
    resolve: async (input, { authql }) =>
      authql.accounts.regenerateRecoveryCodes(await authql.requireCaller(), { currentPassword: input.currentPassword }, authql.meta),
  });

  defineMutation(builder, {
    name: 'VerifyMfa',
    checksPassword: true,
    description: 'The second step of login or jwtCreate: the mfaToken and a code. Answers what the first step would have.',
    input: (t) => ({ mfaToken: t.string({ required: true }), code: t.string({ required: true, description: 'A TOTP code or a recovery code.' }) }),
    errors: [errors.AuthError],
    success: successFields<VerifiedMfa>((t) => ({
      user: t.field({ type: User, resolve: (r) => r.user }),
      token: t.string({
        nullable: true,
        description: 'After login: the session token (null in cookie mode, where it is an httpOnly cookie). Null after jwtCreate.',
        resolve: (r) => r.token,
      }),
      access: t.string({ nullable: true, description: 'After jwtCreate: the access token.', resolve: (r) => r.access }),
      refresh: t.string({ nullable: true, description: 'After jwtCreate: the refresh token.', resolve: (r) => r.refresh }),
    })),
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.verifyMfa({ mfaToken: input.mfaToken, code: input.code }, authql.meta),
  });
}
