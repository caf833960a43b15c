// me, login, logout, logoutAll.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { PublicUser } from '../accounts';
import { toPublicUser } from '../accounts';
import type { Builder } from './builder';
import { resultType, type ErrorTypes } from './results';

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

  const LoginInput = builder.inputType('LoginInput', {
    fields: (t) => ({ [login]: t.string({ required: true }), password: t.string({ required: true }) }),
  });
  const Login = resultType<{ token: string | null; user: PublicUser }>(builder, 'Login', [errors.ValidationError, errors.AuthError], (t) => ({
    token: config.cookies.enabled
      ? t.string({ nullable: true, description: 'Always null in cookie mode: the token is in an httpOnly cookie.', resolve: (r) => r.token })
      : t.string({ description: 'Send it as `Authorization: Token <token>` (or Bearer).', resolve: (r) => r.token ?? '' }),
    user: t.field({ type: User, resolve: (r) => r.user }),
  }));
  builder.mutationField('login', (t) =>
    t.field({
      type: Login.Union,
      description: 'Opens a new session (one per device) and returns its token once.',
      args: { input: t.arg({ type: LoginInput, required: true }) },
      resolve: async (_root, { input }, { authql }) => {
        const values = input as Record<string, string>;
        const result = await authql.accounts.login({ login: values[login], password: values.password }, authql.meta);
        return Login.toResult(result.ok ? { ...result, token: authql.deliverSessionToken(result.token) } : result);
      },
    }),
  );

  const Logout = resultType<object>(builder, 'Logout', [], (t) => ({ ok: t.boolean({ resolve: () => true }) }));
  builder.mutationField('logout', (t) =>
    t.field({
      type: Logout.Union,
      description: 'Revokes the calling session.',
      resolve: async (_root, _args, { authql }) => {
        const result = await authql.accounts.logout(await authql.requireCaller(), authql.meta);
        authql.clearSessionCookie();
        return Logout.toResult(result);
      },
    }),
  );

  const LogoutAll = resultType<{ revoked: number }>(builder, 'LogoutAll', [], (t) => ({
    ok: t.boolean({ resolve: () => true }),
    revoked: t.int({ description: 'How many sessions were revoked, the calling one included.', resolve: (r) => r.revoked }),
  }));
  builder.mutationField('logoutAll', (t) =>
    t.field({
      type: LogoutAll.Union,
      description: "Revokes every session of the caller's account.",
      resolve: async (_root, _args, { authql }) => {
        const result = await authql.accounts.logoutAll(await authql.requireCaller(), authql.meta);
        authql.clearSessionCookie();
        return LogoutAll.toResult(result);
      },
    }),
  );
}
