// set<L>, reset<L>, reset<L>Confirm: setEmail/resetEmail/… or setUsername/resetUsername/…
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import { loginFieldLabel } from '../config';
import type { PublicUser } from '../accounts';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';

export function addLoginField(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const L = loginFieldLabel(config);
  const newName = `new${L}`;
  const retypeName = `reNew${L}`;
  const read = (input: Record<string, unknown>) => ({ newLogin: input[newName] as string, reNewLogin: input[retypeName] as string | null | undefined });

  const SetInput = builder.inputType(`Set${L}Input`, {
    fields: (t) => ({
      [newName]: t.string({ required: true }),
      ...(config.setUsernameRetype ? { [retypeName]: t.string({ required: true }) } : {}),
      currentPassword: t.string({ required: true }),
    }),
  });
  const Set = resultType<{ user: PublicUser }>(builder, `Set${L}`, [errors.ValidationError], (t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
  }));
  builder.mutationField(`set${L}`, (t) =>
    t.field({
      type: Set.Union,
      description: `Changes the caller's ${config.loginField}; needs the current password.`,
      args: { input: t.arg({ type: SetInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, unknown>;
        return Set.toResult(
          await authql.accounts.setLogin(await authql.requireCaller(), { ...read(values), currentPassword: values.currentPassword as string }, authql.meta),
        );
      },
    }),
  );

  const ResetInput = builder.inputType(`Reset${L}Input`, { fields: (t) => ({ email: t.string({ required: true }) }) });
  const Reset = resultType<object>(builder, `Reset${L}`, [errors.ValidationError], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField(`reset${L}`, (t) =>
    t.field({
      type: Reset.Union,
      description: `Emails a link to choose a new ${config.loginField}; the answer does not tell whether the email is known.`,
      args: { input: t.arg({ type: ResetInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => Reset.toResult(await authql.accounts.resetLogin(input, authql.meta)),
    }),
  );

  const ConfirmInput = builder.inputType(`Reset${L}ConfirmInput`, {
    fields: (t) => ({
      uid: t.string({ required: true }),
      token: t.string({ required: true }),
      [newName]: t.string({ required: true }),
      ...(config.usernameResetConfirmRetype ? { [retypeName]: t.string({ required: true }) } : {}),
    }),
  });
  const Confirm = resultType<object>(builder, `Reset${L}Confirm`, [errors.ValidationError, errors.AuthError], (t) => ({
    ok: t.boolean({ resolve: () => true }),
  }));
  builder.mutationField(`reset${L}Confirm`, (t) =>
    t.field({
      type: Confirm.Union,
      description: `Sets a new ${config.loginField} with the uid and token from the reset email.`,
      args: { input: t.arg({ type: ConfirmInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, unknown>;
        return Confirm.toResult(
          await authql.accounts.resetLoginConfirm({ uid: values.uid as string, token: values.token as string, ...read(values) }, authql.meta),
        );
      },
    }),
  );
}
