// updateMe, deleteMe.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';
import { pickUserFields, userFieldInputs } from './user';

export function addMe(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const UpdateMeInput = builder.inputType('UpdateMeInput', {
    description: 'Only the fields sent are changed; null clears an optional field.',
    fields: (t) => ({
      ...(config.loginField === 'username' ? { email: t.string() } : {}),
      ...userFieldInputs(t, config),
      ...(Object.keys(config.userFields).length === 0 && config.loginField === 'email'
        ? { _: t.boolean({ description: 'No user fields are declared; this placeholder does nothing.' }) }
        : {}),
    }),
  });
  const UpdateMe = resultType<{ user: PublicUser }>(builder, 'UpdateMe', [errors.ValidationError], (t) => ({
    user: t.field({ type: User, resolve: (r) => r.user }),
  }));
  builder.mutationField('updateMe', (t) =>
    t.field({
      type: UpdateMe.Union,
      description: "Changes the caller's declared fields (not the login field, not the flags).",
      args: { input: t.arg({ type: UpdateMeInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, unknown>;
        const caller = await authql.requireCaller();
        return UpdateMe.toResult(
          await authql.accounts.updateMe(caller, { email: values.email as string | null | undefined, fields: pickUserFields(values, config) }, authql.meta),
        );
      },
    }),
  );

  const DeleteMeInput = builder.inputType('DeleteMeInput', {
    fields: (t) => ({ currentPassword: t.string({ required: true }) }),
  });
  const DeleteMe = resultType<object>(builder, 'DeleteMe', [errors.ValidationError], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('deleteMe', (t) =>
    t.field({
      type: DeleteMe.Union,
      description: "Deletes the caller's account, its sessions and tokens.",
      args: { input: t.arg({ type: DeleteMeInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => DeleteMe.toResult(await authql.accounts.deleteMe(await authql.requireCaller(), input, authql.meta)),
    }),
  );
}
