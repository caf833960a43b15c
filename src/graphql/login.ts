// login: a new session for a password (sessions.ts lists and ends them).
import type { ObjectRef } from '@pothos/core';
import type { AuthConfig } from '../config';
import type { MfaChallenge, PublicUser } from '../accounts';
import { isMfaChallenge } from '../accounts';
import type { Builder } from './builder';
import { defineMutation, type AlternativeSuccess, type ErrorTypes, type MutationDefinition } from './results';

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

export function addLogin(builder: Builder, config: AuthConfig, errors: ErrorTypes, User: ObjectRef<any, PublicUser>, mfaRequired: AlternativeSuccess) {
  const login = config.loginField;

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
}
