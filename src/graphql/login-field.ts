// set<L>, reset<L>, reset<L>Confirm: setEmail/resetEmail/… or setUsername/resetUsername/…
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import { loginFieldLabel } from '../config';
import type { InputShapes, PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields } from './define-mutation';
import type { ErrorTypes } from './error-types';

export function addLoginField(builder: Builder, config: AuthConfig, shapes: InputShapes, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const L = loginFieldLabel(config);
  const newName = `new${L}`;
  const retypeName = `reNew${L}`;
  // The fields are named after the login field, so their types cannot say.
  const read = (input: Record<string, unknown>) => ({ newValue: input[newName] as string, reNewValue: input[retypeName] as string | null | undefined });

  defineMutation(builder, {
    name: `Set${L}`,
    checksPassword: true,
    description: `Changes the caller's ${config.loginField}; needs the current password (and, for a user with TOTP, a fresh session).`,
    // No schema-level check: a wrong current password is reported (and counted) together with a malformed new value.
    input: (t) => ({
      [newName]: t.string({ required: true }),
      ...(config.setUsernameRetype ? { [retypeName]: t.string({ required: true }) } : {}),
      currentPassword: t.string({ required: true }),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ user: PublicUser }>((t) => ({ user: t.field({ type: User, resolve: (r) => r.user }) })),
    resolve: async (input, { authql }) =>
      authql.accounts.setLoginField(await authql.requireCaller(), { ...read(input), currentPassword: input.currentPassword }, authql.meta),
  });

  defineMutation(builder, {
    name: `Reset${L}`,
    description: `Emails a link to choose a new ${config.loginField}; the answer does not tell whether the email is known.`,
    validate: shapes.emailRequest,
    input: (t) => ({ email: t.string({ required: true }) }),
    errors: [errors.ValidationError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.resetLoginField({ email: input.email }, authql.meta),
  });

  defineMutation(builder, {
    name: `Reset${L}Confirm`,
    description: `Sets a new ${config.loginField} with the uid and token from the reset email.`,
    // The typed value is checked before the link; whether it is taken only once the link verified.
    validate: shapes.resetLoginConfirm,
    input: (t) => ({
      uid: t.string({ required: true }),
      token: t.string({ required: true }),
      [newName]: t.string({ required: true }),
      ...(config.usernameResetConfirmRetype ? { [retypeName]: t.string({ required: true }) } : {}),
    }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.resetLoginFieldConfirm({ uid: input.uid, token: input.token, ...read(input) }, authql.meta),
  });
}
