// users, user(id), updateUser, deleteUser: djoser's /users/ endpoints.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import { userCursor, type PublicUser } from '../accounts';
import type { Builder } from './builder';
import { forwardConnection, invalidCursor } from './connections';
import { defineMutation, okFields, successFields } from './define-mutation';
import { deniedError, type ErrorTypes } from './error-types';
import { pickUserFields, userFieldInputs } from './user';

export function addStaff(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  builder.queryField('users', (t) =>
    t.connection(
      {
        type: User,
        description: 'Users in join order. Staff see everyone; with hideUsers a non-staff caller sees only themselves.',
        args: { search: t.arg.string({ description: 'Matches the start of the login field or the email, case-insensitively.' }) },
        resolve: (_root, args, { authql }) =>
          forwardConnection(args, 'users', userCursor, async ({ after, limit }) => {
            const result = await authql.accounts.listUsers(await authql.requireCaller(), { after, limit, search: args.search });
            if (!result.ok) throw result.kind === 'denied' ? deniedError(result) : invalidCursor();
            return result.users;
          }),
      },
      { name: 'UserConnection' },
      { name: 'UserEdge' },
    ),
  );

  builder.queryField('user', (t) =>
    t.field({
      type: User,
      nullable: true,
      description: 'Self or staff; anyone else is NOT_FOUND with hideUsers, FORBIDDEN without.',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, { authql }) => {
        const result = await authql.accounts.viewUser(await authql.requireCaller(), String(id));
        if (!result.ok) throw deniedError(result);
        return result.user;
      },
    }),
  );

  defineMutation(builder, {
    name: 'UpdateUser',
    inputDescription: 'Only the fields sent are changed. Flags are for staff; isStaff and isSuperuser for superusers.',
    // No schema-level check: who may change whom is answered first (FORBIDDEN, or NOT_FOUND with hideUsers).
    input: (t) => ({
      id: t.id({ required: true }),
      ...(config.loginField === 'username'
        ? {
            email: t.string({ description: "Staff editing someone else: at once. One's own: as in updateMe (currentPassword, then confirmation)." }),
            currentPassword: t.string({ description: 'Your own password: needed to change your own email, as in updateMe.' }),
          }
        : {}),
      isActive: t.boolean(),
      isStaff: t.boolean(),
      isSuperuser: t.boolean(),
      ...userFieldInputs(t, config),
    }),
    // Declared after `input`: its argument is typed from the input's fields.
    checksPassword: (input) => !!input.currentPassword,
    // AuthError: REAUTHENTICATION_REQUIRED, when a user with TOTP changes their own email from a session that is not fresh.
    errors: [errors.ValidationError, errors.AuthError],
    success: successFields<{ user: PublicUser }>((t) => ({ user: t.field({ type: User, resolve: (r) => r.user }) })),
    resolve: async (input, { authql }) =>
      authql.accounts.updateUser(
        await authql.requireCaller(),
        {
          id: String(input.id),
          email: input.email,
          currentPassword: input.currentPassword,
          isActive: input.isActive,
          isStaff: input.isStaff,
          isSuperuser: input.isSuperuser,
          fields: pickUserFields(input, config),
        },
        authql.meta,
      ),
  });

  defineMutation(builder, {
    name: 'DeleteUser',
    checksPassword: true,
    description: "Staff, or the user themselves; always with the caller's password. Someone else without staff is FORBIDDEN.",
    input: (t) => ({ id: t.id({ required: true }), currentPassword: t.string({ required: true, description: "The caller's own password." }) }),
    // AuthError: REAUTHENTICATION_REQUIRED, when a user with TOTP deletes themselves from a session that is not fresh.
    errors: [errors.ValidationError, errors.AuthError],
    success: okFields,
    resolve: async (input, { authql }) =>
      authql.accounts.deleteUser(await authql.requireCaller(), { id: String(input.id), currentPassword: input.currentPassword }, authql.meta),
  });
}
