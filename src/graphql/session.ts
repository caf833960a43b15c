// me, login, logout, logoutAll.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import { toPublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, type ErrorTypes } from './results';

export function addSession(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>) {
  const login = config.loginField;

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

  defineMutation<{ token: string | null; user: PublicUser }>(builder, {
    name: 'Login',
    checksPassword: true,
    description: 'Opens a new session (one per device) and returns its token once.',
    input: (t) => ({ [login]: t.string({ required: true }), password: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: (t) => ({
      token: config.cookies.enabled
        ? t.string({ nullable: true, description: 'Always null in cookie mode: the token is in an httpOnly cookie.', resolve: (r) => r.token })
        : t.string({ description: 'Send it as `Authorization: Token <token>` (or Bearer).', resolve: (r) => r.token ?? '' }),
      user: t.field({ type: User, resolve: (r) => r.user }),
    }),
    resolve: async (input, { authql }) => {
      const result = await authql.accounts.login({ login: input[login], password: input.password }, authql.meta);
      return result.ok ? { ...result, token: authql.deliverSessionToken(result.token) } : result;
    },
  });

  defineMutation<object>(builder, {
    name: 'Logout',
    description: 'Revokes the calling session.',
    errors: [],
    success: okFields,
    resolve: async (_input, { authql }) => {
      const result = await authql.accounts.logout(await authql.requireCaller(), authql.meta);
      authql.clearSessionCookie();
      return result;
    },
  });

  defineMutation<{ revoked: number }>(builder, {
    name: 'LogoutAll',
    description: "Revokes every session of the caller's account.",
    errors: [],
    success: (t) => ({
      ok: t.boolean({ resolve: () => true }),
      revoked: t.int({ description: 'How many sessions were revoked, the calling one included.', resolve: (r) => r.revoked }),
    }),
    resolve: async (_input, { authql }) => {
      const result = await authql.accounts.logoutAll(await authql.requireCaller(), authql.meta);
      authql.clearSessionCookie();
      return result;
    },
  });
}
