// setPassword, resetPassword, resetPasswordConfirm.
import type { InputShapes } from '../accounts';
import type { AuthConfig } from '../config';
import type { Builder } from './builder';
import { defineMutation, okFields } from './define-mutation';
import type { ErrorTypes } from './error-types';

export function addPasswords(builder: Builder, config: AuthConfig, shapes: InputShapes, errors: ErrorTypes) {
  defineMutation(builder, {
    name: 'SetPassword',
    checksPassword: true,
    description: "Changes the caller's password; needs the current one (and, for a user with TOTP, a fresh session: REAUTHENTICATION_REQUIRED).",
    // No schema-level check: a wrong current password is reported (and counted) together with a malformed new one.
    input: (t) => ({
      newPassword: t.string({ required: true }),
      ...(config.setPasswordRetype ? { reNewPassword: t.string({ required: true }) } : {}),
      currentPassword: t.string({ required: true }),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.setPassword(await authql.requireCaller(), input, authql.meta),
  });

  defineMutation(builder, {
    name: 'ResetPassword',
    description: 'Emails a password reset link to an active account; the answer does not tell whether the email is known.',
    validate: shapes.emailRequest,
    input: (t) => ({ email: t.string({ required: true }) }),
    errors: [errors.ValidationError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.resetPassword({ email: input.email }, authql.meta),
  });

  defineMutation(builder, {
    name: 'ResetPasswordConfirm',
    checksPassword: true,
    description: 'Sets a new password with the uid and token from the reset email. Does not log in.',
    // The typed password is checked before the link: without a valid one, nothing about an account is learnt.
    validate: shapes.resetPasswordConfirm,
    input: (t) => ({
      uid: t.string({ required: true }),
      token: t.string({ required: true }),
      newPassword: t.string({ required: true }),
      ...(config.passwordResetConfirmRetype ? { reNewPassword: t.string({ required: true }) } : {}),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.resetPasswordConfirm(input, authql.meta),
  });
}
