// me, login, logout, logoutAll.
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { MfaChallenge, PublicUser } from '../accounts';
import { isMfaChallenge, toPublicUser } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, okFields, type AlternativeSuccess, type ErrorTypes, type MutationDefinition } from './results';

type SessionAnswer = { token: string | null; user: PublicUser };

/** The fields of a success that opened a session: its token (null in cookie mode) and the user. */
export function sessionAnswerFields(config: AuthConfig, User: ObjectRef<any, PublicUser>) {
  return (t: Parameters<MutationDefinition<SessionAnswer>['success']>[0]) => ({
    token: config.cookies.enabled
      ? t.string({ nullable: true, description: 'Always null in cookie mode: the token is in an httpOnly cookie.', resolve: (r) => r.token })
      : t.string({ description: 'Send it as `Authorization: Token <token>` (or Bearer).', resolve: (r) => r.token ?? '' }),
    user: t.field({ type: User, resolve: (r) => r.user }),
  });
}

export function addSession(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>, mfaRequired: AlternativeSuccess) {
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

  defineMutation<SessionAnswer, MfaChallenge>(builder, {
    name: 'Login',
    checksPassword: true,
    description: 'Opens a new session (one per device) and returns its token once; with a second factor on, answers MfaRequired instead.',
    input: (t) => ({ [login]: t.string({ required: true }), password: t.string({ required: true }) }),
    errors: [errors.ValidationError, errors.AuthError],
    success: sessionAnswerFields(config, User),
    alternatives: [mfaRequired],
    resolve: async (input, { authql }) => {
      const result = await authql.accounts.login({ login: input[login], password: input.password }, authql.meta);
      return result.ok && !isMfaChallenge(result) ? { ...result, token: authql.deliverSessionToken(result.token) } : result;
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
