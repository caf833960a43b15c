// me, updateMe, deleteMe, confirmEmailChange.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import { toPublicUser, type InputShapes, type PublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, successFields } from './define-mutation';
import type { ErrorTypes } from './error-types';
import { pickUserFields, userFieldInputs } from './user';

export function addMe(builder: Builder, config: AuthConfig, shapes: InputShapes, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  builder.queryField('me', (t) =>
    t.field({
      type: User,
      nullable: true,
      description: 'The caller; null without credentials; UNAUTHENTICATED for an invalid or expired token.',
      resolve: async (_root, _args, { authql }) => {
        const caller = await authql.caller();
        return caller ? toPublicUser(caller.user) : null;
      },
    }),
  );

  const userSuccess = successFields<{ user: PublicUser }>((t) => ({ user: t.field({ type: User, resolve: (r) => r.user }) }));

  defineMutation(builder, {
    name: 'UpdateMe',
    description: "Changes the caller's declared fields (not the login field, not the flags).",
    inputDescription: 'Only the fields sent are changed; null clears an optional field.',
    signedIn: true,
    validate: shapes.profileChange,
    input: (t) => ({
      ...(config.loginField === 'username'
        ? {
            email: t.string({ description: 'A new address is pending until confirmed from the link sent to it (emailChangeConfirmation).' }),
            currentPassword: t.string({ description: 'Needed to change the email.' }),
          }
        : {}),
      ...userFieldInputs(t, config),
      ...(Object.keys(config.userFields).length === 0 && config.loginField === 'email'
        ? { _: t.boolean({ description: 'No user fields are declared; this placeholder does nothing.' }) }
        : {}),
    }),
    // Declared after `input`: its argument is typed from the input's fields.
    checksPassword: (input) => !!input.currentPassword,
    // AuthError: REAUTHENTICATION_REQUIRED (an email change by a user with TOTP on a session that is not fresh).
    errors: [errors.ValidationError, errors.AuthError],
    success: userSuccess,
    resolve: async (input, { authql }) =>
      authql.accounts.updateMe(
        await authql.requireCaller(),
        { email: input.email, currentPassword: input.currentPassword, fields: pickUserFields(input, config) },
        authql.meta,
      ),
  });

  defineMutation(builder, {
    name: 'DeleteMe',
    checksPassword: true,
    description: "Deletes the caller's account, its sessions and tokens. A user with TOTP also needs a fresh session (REAUTHENTICATION_REQUIRED).",
    input: (t) => ({ currentPassword: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) =>
      authql.accounts.deleteMe(await authql.requireCaller(), { currentPassword: input.currentPassword }, authql.meta),
  });

  defineMutation(builder, {
    name: 'ConfirmEmailChange',
    description: 'Makes the pending email address the account\'s, with the uid and token from the link sent to it.',
    input: (t) => ({ uid: t.string({ required: true }), token: t.string({ required: true }) }),
    errors: [errors.AuthError],
    success: userSuccess,
    resolve: async (input, { authql }) => authql.accounts.confirmEmailChange({ uid: input.uid, token: input.token }, authql.meta),
  });
}
