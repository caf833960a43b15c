// register, activate, resendActivation.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { loginFieldInput, loginFieldValue, pickUserFields, userFieldInputs } from './user';
import { issuesSession } from './plugins/session-cookie';

export function addRegistration(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const login = config.loginField;

  defineMutation(builder, {
    name: 'Register',
    checksPassword: true,
    description: 'Creates an account (inactive until activated when sendActivationEmail is on).',
    // No schema-level check: every registration counts against the per-network limit, and a login taken is reported with the rest.
    input: (t) => ({
      ...loginFieldInput(t, config),
      ...(login === 'username' ? { email: t.string({ description: 'Needed for activation and resets.' }) } : {}),
      password: t.string({ required: true }),
      ...(config.userCreatePasswordRetype ? { rePassword: t.string({ required: true }) } : {}),
      ...userFieldInputs(t, config),
    }),
    errors: [errors.ValidationError],
    success: successFields<{ user: PublicUser; token: string | null }>((t) => ({
      user: t.field({ type: User, resolve: (r) => r.user }),
      token: t.string({
        nullable: true,
        description: 'A session token when loginAfterRegistration is on and the account is active.',
        resolve: (r) => r.token,
      }),
    })),
    extensions: issuesSession,
    resolve: async (input, { authql }) =>
      authql.accounts.register(
        { login: loginFieldValue(config, input), email: input.email, password: input.password, rePassword: input.rePassword, fields: pickUserFields(input, config) },
        authql.meta,
      ),
  });

  defineMutation(builder, {
    name: 'Activate',
    description: 'Activates an account with the uid and token from the activation email.',
    input: (t) => ({ uid: t.string({ required: true }), token: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: successFields<{ user: PublicUser; token: string | null }>((t) => ({
      user: t.field({ type: User, resolve: (r) => r.user }),
      token: t.string({ nullable: true, description: 'A session token when loginAfterActivation is on.', resolve: (r) => r.token }),
    })),
    extensions: issuesSession,
    resolve: async (input, { authql }) => authql.accounts.activate({ uid: input.uid, token: input.token }, authql.meta),
  });

  defineMutation(builder, {
    name: 'ResendActivation',
    description: 'Sends the activation email again to a never-activated account; the answer does not tell whether the email is known.',
    // No schema-level check: with activation off the answer is ACTIVATION_DISABLED, whatever was typed.
    input: (t) => ({ email: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) => authql.accounts.resendActivation({ email: input.email }, authql.meta),
  });
}
