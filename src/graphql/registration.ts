// register, activate, resendActivation.
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';
import { pickUserFields, userFieldInputs } from './user';
import type { ObjectRef } from '@pothos/core';

export function addRegistration(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const login = config.loginField;

  const RegisterInput = builder.inputType('RegisterInput', {
    fields: (t) => ({
      [login]: t.string({ required: true }),
      ...(login === 'username' ? { email: t.string({ description: 'Needed for activation and resets.' }) } : {}),
      password: t.string({ required: true }),
      ...(config.userCreatePasswordRetype ? { rePassword: t.string({ required: true }) } : {}),
      ...userFieldInputs(t, config),
    }),
  });
  const Register = resultType<{ user: PublicUser; token: string | null }>(builder, 'Register', [errors.ValidationError], (t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
    token: t.string({
      nullable: true,
      description: 'A session token when loginAfterRegistration is on and the account is active.',
      resolve: (r) => r.token,
    }),
  }));
  builder.mutationField('register', (t) =>
    t.field({
      type: Register.Union,
      description: 'Creates an account (inactive until activated when sendActivationEmail is on).',
      args: { input: t.arg({ type: RegisterInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, unknown>;
        const result = await authql.accounts.register(
            {
              login: values[login] as string,
              email: values.email as string | null | undefined,
              password: values.password as string,
              rePassword: values.rePassword as string | null | undefined,
              fields: pickUserFields(values, config),
            },
            authql.meta,
        );
        return Register.toResult(result.ok ? { ...result, token: authql.deliverSessionToken(result.token) } : result);
      },
    }),
  );

  const ActivateInput = builder.inputType('ActivateInput', {
    fields: (t) => ({ uid: t.string({ required: true }), token: t.string({ required: true }) }),
  });
  const Activate = resultType<{ user: PublicUser; token: string | null }>(builder, 'Activate', [errors.AuthError], (t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
    token: t.string({ nullable: true, description: 'A session token when loginAfterActivation is on.', resolve: (r) => r.token }),
  }));
  builder.mutationField('activate', (t) =>
    t.field({
      type: Activate.Union,
      description: 'Activates an account with the uid and token from the activation email.',
      args: { input: t.arg({ type: ActivateInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const result = await authql.accounts.activate(input, authql.meta);
        return Activate.toResult(result.ok ? { ...result, token: authql.deliverSessionToken(result.token) } : result);
      },
    }),
  );

  const ResendActivationInput = builder.inputType('ResendActivationInput', {
    fields: (t) => ({ email: t.string({ required: true }) }),
  });
  const ResendActivation = resultType<object>(builder, 'ResendActivation', [errors.ValidationError, errors.AuthError], (t) => ({
    ok: t.boolean({ resolve: () => true }),
  }));
  builder.mutationField('resendActivation', (t) =>
    t.field({
      type: ResendActivation.Union,
      description: 'Sends the activation email again to a never-activated account; the answer does not tell whether the email is known.',
      args: { input: t.arg({ type: ResendActivationInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => ResendActivation.toResult(await authql.accounts.resendActivation(input, authql.meta)),
    }),
  );
}
