// setPassword, resetPassword, resetPasswordConfirm.
import type { AuthConfig } from '../config';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';

export function addPasswords(builder: Builder, config: AuthConfig, errors: ErrorTypes) {
  const SetPasswordInput = builder.inputType('SetPasswordInput', {
    fields: (t) => ({
      newPassword: t.string({ required: true }),
      ...(config.setPasswordRetype ? { reNewPassword: t.string({ required: true }) } : {}),
      currentPassword: t.string({ required: true }),
    }),
  });
  const SetPassword = resultType<object>(builder, 'SetPassword', [errors.ValidationError], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('setPassword', (t) =>
    t.field({
      type: SetPassword.Union,
      description: "Changes the caller's password; needs the current one.",
      args: { input: t.arg({ type: SetPasswordInput, required: true }) },
      resolve: async (_root, { input }, { authql }) =>
        SetPassword.toResult(await authql.accounts.setPassword(await authql.requireCaller(), input, authql.meta)),
    }),
  );

  const ResetPasswordInput = builder.inputType('ResetPasswordInput', { fields: (t) => ({ email: t.string({ required: true }) }) });
  const ResetPassword = resultType<object>(builder, 'ResetPassword', [errors.ValidationError], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('resetPassword', (t) =>
    t.field({
      type: ResetPassword.Union,
      description: 'Emails a password reset link to an active account; the answer does not tell whether the email is known.',
      args: { input: t.arg({ type: ResetPasswordInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => ResetPassword.toResult(await authql.accounts.resetPassword(input, authql.meta)),
    }),
  );

  const ResetPasswordConfirmInput = builder.inputType('ResetPasswordConfirmInput', {
    fields: (t) => ({
      uid: t.string({ required: true }),
      token: t.string({ required: true }),
      newPassword: t.string({ required: true }),
      ...(config.passwordResetConfirmRetype ? { reNewPassword: t.string({ required: true }) } : {}),
    }),
  });
  const ResetPasswordConfirm = resultType<object>(builder, 'ResetPasswordConfirm', [errors.ValidationError, errors.AuthError], (t) => ({
    ok: t.boolean({ resolve: () => true }),
  }));
  builder.mutationField('resetPasswordConfirm', (t) =>
    t.field({
      type: ResetPasswordConfirm.Union,
      description: 'Sets a new password with the uid and token from the reset email. Does not log in.',
      args: { input: t.arg({ type: ResetPasswordConfirmInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => ResetPasswordConfirm.toResult(await authql.accounts.resetPasswordConfirm(input, authql.meta)),
    }),
  );
}
